package io.xastream.login.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * Failed logins and lockouts per user, locked users first, from the latest events of the file
 * {@code file} (absent when the server has no such log), read since {@code since}.
 */
@JsonbPropertyOrder({"policy", "file", "since", "users"})
public record LoginAudit(LockoutPolicy policy, String file, Instant since, List<FailedLogins> users) {
}

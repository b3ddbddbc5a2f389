package io.xastream.login.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/**
 * One user's failed logins: how many in a row now (what Elytron counts towards a lockout), the
 * last one, and the end of the user's latest lockout, if there was one: in the future while the
 * user is locked out, in the past once it ended.
 */
@JsonbPropertyOrder({"user", "locked", "failuresInARow", "lastFailure", "lockedUntil", "lastSuccess"})
public record FailedLogins(String user, boolean locked, int failuresInARow, Instant lastFailure, Instant lockedUntil,
                           Instant lastSuccess) {
}

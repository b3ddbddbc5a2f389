package io.xastream.login.entity;

import java.time.Instant;

/** One authentication attempt from Elytron's security event log: who, when (to the second), whether it passed. */
public record LoginEvent(Instant at, String user, boolean success) {
}

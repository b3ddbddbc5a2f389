package io.xastream.login.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Elytron's brute-force protection of ApplicationRealm, as the server read it at boot from the
 * system properties that server-config/src/main/cli/login-lockout.cli sets: after
 * {@code maxFailedAttempts} wrong passwords in a row a user is refused for {@code lockoutMinutes};
 * a run of failures is forgotten {@code failureMemoryMinutes} after its last failure (or once the
 * lockout ends, if later).
 */
@JsonbPropertyOrder({"maxFailedAttempts", "lockoutMinutes", "failureMemoryMinutes"})
public record LockoutPolicy(int maxFailedAttempts, int lockoutMinutes, int failureMemoryMinutes) {

    static final String PREFIX = "wildfly.elytron.realm.ApplicationRealm.brute-force.";

    /** From the system properties, with Elytron's own defaults (10, 15, 30) for what is unset or not a positive number. */
    public static LockoutPolicy of(UnaryOperator<String> properties) {
        return new LockoutPolicy(positive(properties.apply(PREFIX + "max-failed-attempts"), 10),
                positive(properties.apply(PREFIX + "lockout-interval"), 15),
                positive(properties.apply(PREFIX + "session-timeout"), 30));
    }

    public Duration lockout() {
        return Duration.ofMinutes(lockoutMinutes);
    }

    public Duration failureMemory() {
        return Duration.ofMinutes(failureMemoryMinutes);
    }

    /** Elytron ignores a value that is not a positive integer and keeps its default. */
    static int positive(String value, int fallback) {
        try {
            int parsed = Integer.parseInt(value == null ? "" : value.trim());
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

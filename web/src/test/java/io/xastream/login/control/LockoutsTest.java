package io.xastream.login.control;

import io.xastream.login.entity.FailedLogins;
import io.xastream.login.entity.LockoutPolicy;
import io.xastream.login.entity.LoginEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockoutsTest {

    /** The policy the captured events were written under. */
    static final LockoutPolicy CAPTURED = new LockoutPolicy(3, 1, 30);
    static final LockoutPolicy DEFAULTS = new LockoutPolicy(10, 5, 30);
    static final Instant BOOT = Instant.parse("2026-12-04T16:13:01Z");

    static Instant at(String time) {
        return Instant.parse("2026-12-04T" + time + "Z");
    }

    static List<LoginEvent> capturedUntil(String time) throws IOException {
        return SecurityEventLogTest.capturedEvents().stream().filter(event -> !event.at().isAfter(at(time))).toList();
    }

    /** What the server did is what the replay says: every attempt while locked restarted the lockout. */
    @Test
    void replaysTheCapturedServer() throws IOException {
        // Three wrong passwords at 16:13:10, then the right one: refused, and counted.
        FailedLogins locked = Lockouts.of(capturedUntil("16:13:10"), CAPTURED, BOOT, at("16:13:20")).get(0);
        assertEquals(new FailedLogins("probe", true, 4, at("16:13:10"), at("16:14:11"), at("16:13:10")), locked);
        // Attempts at 16:13:47 and 16:14:29 kept it locked: the server refused the right password at 16:14:29.
        FailedLogins rearmed = Lockouts.of(capturedUntil("16:14:29"), CAPTURED, BOOT, at("16:14:29")).get(0);
        assertTrue(rearmed.locked());
        assertEquals(at("16:15:30"), rearmed.lockedUntil());
        // The server let probe in at 16:15:48, after the predicted end.
        assertFalse(Lockouts.of(capturedUntil("16:14:29"), CAPTURED, BOOT, at("16:15:31")).get(0).locked());
        // Three more failures at 16:15:51 lock again; at 16:16:57, after that lockout, one wrong
        // password locked at once (the run was not forgotten) and the right one was refused.
        FailedLogins relocked = Lockouts.of(capturedUntil("16:16:57"), CAPTURED, BOOT, at("16:17:00")).get(0);
        assertEquals(new FailedLogins("probe", true, 5, at("16:16:57"), at("16:17:58"), at("16:15:48")), relocked);
    }

    @Test
    void tenWrongPasswordsLockFromTheTenth() {
        List<LoginEvent> events = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            events.add(new LoginEvent(at("10:00:0" + i), "operator", false));
        }
        assertFalse(Lockouts.of(events, DEFAULTS, BOOT.minusSeconds(86400), at("10:00:10")).get(0).locked());
        events.add(new LoginEvent(at("10:00:09"), "operator", false));
        FailedLogins operator = Lockouts.of(events, DEFAULTS, BOOT.minusSeconds(86400), at("10:00:10")).get(0);
        assertEquals(new FailedLogins("operator", true, 10, at("10:00:09"), at("10:05:10"), null), operator);
        assertFalse(Lockouts.of(events, DEFAULTS, BOOT.minusSeconds(86400), at("10:05:10")).get(0).locked(), "timed unlock");
    }

    @Test
    void aSuccessForgetsTheFailures() {
        List<LoginEvent> events = List.of(new LoginEvent(at("10:00:00"), "monitor", false), new LoginEvent(at("10:00:01"), "monitor", false),
                new LoginEvent(at("10:00:02"), "monitor", true), new LoginEvent(at("10:00:03"), "monitor", false));
        FailedLogins monitor = Lockouts.of(events, new LockoutPolicy(3, 5, 30), BOOT.minusSeconds(86400), at("10:00:04")).get(0);
        assertEquals(1, monitor.failuresInARow());
        assertNull(monitor.lockedUntil());
    }

    @Test
    void failuresFurtherApartThanTheMemoryDoNotAddUp() {
        List<LoginEvent> events = List.of(new LoginEvent(at("10:00:00"), "monitor", false), new LoginEvent(at("10:30:02"), "monitor", false),
                new LoginEvent(at("10:30:03"), "monitor", false));
        LockoutPolicy policy = new LockoutPolicy(3, 5, 30);
        assertEquals(2, Lockouts.of(events, policy, BOOT.minusSeconds(86400), at("10:31:00")).get(0).failuresInARow());
        assertEquals(0, Lockouts.of(events, policy, BOOT.minusSeconds(86400), at("11:01:00")).get(0).failuresInARow(), "forgotten now");
    }

    @Test
    void aRestartEndsTheLockout() {
        List<LoginEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(new LoginEvent(at("10:00:0" + i), "operator", false));
        }
        Instant restart = at("10:01:00");
        FailedLogins operator = Lockouts.of(events, DEFAULTS, restart, at("10:02:00")).get(0);
        assertEquals(new FailedLogins("operator", false, 0, at("10:00:09"), restart, null), operator);
        events.add(new LoginEvent(at("10:01:30"), "operator", false));
        assertEquals(1, Lockouts.of(events, DEFAULTS, restart, at("10:02:00")).get(0).failuresInARow());
    }

    @Test
    void lockedUsersFirstThenTheLatestFailureAndNamesEscaped() {
        List<LoginEvent> events = new ArrayList<>();
        events.add(new LoginEvent(at("10:00:00"), "a\u001b[31m\nb", false));
        for (int i = 0; i < 3; i++) {
            events.add(new LoginEvent(at("10:00:0" + (i + 1)), "operator", false));
        }
        events.add(new LoginEvent(at("10:00:05"), "monitor", false));
        events.add(new LoginEvent(at("10:00:06"), "feeder", true));
        events.add(new LoginEvent(at("10:00:07"), "x".repeat(500), false));
        List<FailedLogins> users = Lockouts.of(events, new LockoutPolicy(3, 5, 30), BOOT.minusSeconds(86400), at("10:01:00"));
        assertEquals(List.of("operator", "x".repeat(64) + "…", "monitor", "a\\u001B[31m\\u000Ab"), users.stream().map(FailedLogins::user).toList());
    }

    @Test
    void policyFromTheSystemPropertiesWithElytronsDefaults() {
        String prefix = "wildfly.elytron.realm.ApplicationRealm.brute-force.";
        Map<String, String> set = Map.of(prefix + "max-failed-attempts", "10", prefix + "lockout-interval", " 5 ", prefix + "session-timeout", "-1");
        assertEquals(new LockoutPolicy(10, 5, 30), LockoutPolicy.of(set::get));
        assertEquals(new LockoutPolicy(10, 15, 30), LockoutPolicy.of(name -> null));
        assertEquals(new LockoutPolicy(10, 15, 30), LockoutPolicy.of(name -> "many"));
    }
}

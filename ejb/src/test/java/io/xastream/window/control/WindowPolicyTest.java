package io.xastream.window.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowPolicyTest {

    private final WindowPolicy minute = new WindowPolicy(Duration.ofMinutes(1), Duration.ofSeconds(30));

    @Test
    void windowsAreAlignedToTheEpochAndHalfOpen() {
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), minute.windowStart(Instant.parse("2026-03-01T10:00:00Z")));
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), minute.windowStart(Instant.parse("2026-03-01T10:00:59.999Z")));
        assertEquals(Instant.parse("2026-03-01T10:02:00Z"), minute.windowEnd(Instant.parse("2026-03-01T10:01:00Z")));
        assertEquals(Instant.parse("1969-12-31T23:59:00Z"), minute.windowStart(Instant.parse("1969-12-31T23:59:30Z")));
    }

    @Test
    void aWindowClosesWhenTheKeysClockReachesItsEndPlusTheAllowedLateness() {
        Instant end = Instant.parse("2026-03-01T10:01:00Z");
        assertFalse(minute.closed(end, null), "no clock yet");
        assertFalse(minute.closed(end, Instant.parse("2026-03-01T10:01:29.999Z")));
        assertTrue(minute.closed(end, Instant.parse("2026-03-01T10:01:30Z")));
    }

    @Test
    void theClockClosesWindowsOnlyWhenItsLimitCrossesABoundary() {
        assertTrue(minute.mayClose(null, Instant.parse("2026-03-01T10:00:00Z")));
        assertFalse(minute.mayClose(Instant.parse("2026-03-01T10:01:31Z"), Instant.parse("2026-03-01T10:02:29Z")));
        assertTrue(minute.mayClose(Instant.parse("2026-03-01T10:01:31Z"), Instant.parse("2026-03-01T10:02:30Z")));
    }

    @Test
    void refusesAnEmptyWindowOrNegativeLateness() {
        assertThrows(IllegalArgumentException.class, () -> new WindowPolicy(Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new WindowPolicy(Duration.ofMinutes(1), Duration.ofSeconds(-1)));
    }
}

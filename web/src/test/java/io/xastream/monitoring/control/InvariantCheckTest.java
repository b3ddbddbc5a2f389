package io.xastream.monitoring.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InvariantCheckTest {

    @Test
    void readsAgainAfterTenTimesWhatTheLastReadingTook() {
        assertEquals(Duration.ofSeconds(5), InvariantCheck.interval(Duration.ofMillis(500)));
    }

    @Test
    void readsAtMostOnceASecond() {
        assertEquals(Duration.ofSeconds(1), InvariantCheck.interval(Duration.ofMillis(20)));
    }
}

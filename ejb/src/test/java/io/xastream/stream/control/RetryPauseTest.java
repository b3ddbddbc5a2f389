package io.xastream.stream.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryPauseTest {

    @Test
    void noPauseBeforeTheFirstAttemptThenGrowingToTheCap() {
        RetryPause pause = new RetryPause(500, 3, 10_000);
        assertEquals(0, pause.beforeAttempt(1));
        assertEquals(500, pause.beforeAttempt(2));
        assertEquals(1_500, pause.beforeAttempt(3));
        assertEquals(4_500, pause.beforeAttempt(4));
        assertEquals(10_000, pause.beforeAttempt(5));
        assertEquals(10_000, pause.beforeAttempt(10));
    }

    @Test
    void aZeroFirstPauseTurnsPausingOff() {
        assertEquals(0, new RetryPause(0, 3, 10_000).beforeAttempt(4));
    }
}

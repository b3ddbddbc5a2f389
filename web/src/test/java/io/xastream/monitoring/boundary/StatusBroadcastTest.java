package io.xastream.monitoring.boundary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusBroadcastTest {

    @Test
    void eachUserMayHoldAsManyStreamsAsTheCapAndNoMore() {
        StatusBroadcast broadcast = new StatusBroadcast();
        for (int i = 0; i < StatusBroadcast.STREAMS_PER_USER; i++) {
            assertTrue(broadcast.admit("monitor"), "stream " + (i + 1));
        }
        assertFalse(broadcast.admit("monitor"), "one more than the cap");
        assertTrue(broadcast.admit("operator"), "another user has streams of their own");
        broadcast.release("monitor");
        assertTrue(broadcast.admit("monitor"), "a closed stream makes room");
        assertFalse(broadcast.admit("monitor"));
    }
}

package io.xastream.harness;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WildFlyServerTest {

    @Test
    void twoCoresOrFewerGetTheSerialCollectorMoreTheJvmsOwnChoice() {
        assertEquals(List.of("-XX:+UseSerialGC"), WildFlyServer.collector(1));
        assertEquals(List.of("-XX:+UseSerialGC"), WildFlyServer.collector(2));
        assertEquals(List.of(), WildFlyServer.collector(4));
    }

    @Test
    void aFreePortOffsetHasNoneOfTheServersPortsTakenAndOneTakenPortRulesAnOffsetOut() throws Exception {
        int offset = WildFlyServer.freePortOffset();
        assertTrue(offset >= 100 && 9993 + offset < 32768, "offset " + offset + ": below the ephemeral ports");
        assertTrue(WildFlyServer.allFree(offset));
        try (ServerSocket management = new ServerSocket()) {
            management.bind(new InetSocketAddress("127.0.0.1", 9990 + offset));
            assertFalse(WildFlyServer.allFree(offset), "its management port is taken");
        }
    }
}

package io.xastream.stack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WildFlyServerTest {

    @Test
    void twoCoresOrFewerGetTheSerialCollectorMoreTheJvmsOwnChoice() {
        assertEquals(List.of("-XX:+UseSerialGC"), WildFlyServer.collector(1));
        assertEquals(List.of("-XX:+UseSerialGC"), WildFlyServer.collector(2));
        assertEquals(List.of(), WildFlyServer.collector(4));
    }
}

package io.xastream.tools;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyOrderTest {

    @Test
    void anAccountWhoseDebitsOvertookAnEarlierRecordIsReported() {
        KeyOrder order = new KeyOrder();
        List.of("r1", "r2", "r3", "r4", "r2").forEach(order::sent);
        assertEquals(4, order.records(), "a record sent again keeps its first place");

        assertEquals(List.of(), order.violations(Map.of("A-1", List.of("r1", "r3"), "B-1", List.of("r2", "other", "r4"))));
        assertEquals(List.of("A-1: r2 booked after r3, sent before it"),
                order.violations(Map.of("A-1", List.of("r1", "r3", "r2", "r4"))));
    }
}

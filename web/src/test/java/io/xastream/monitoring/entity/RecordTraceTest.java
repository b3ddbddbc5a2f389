package io.xastream.monitoring.entity;

import io.xastream.operation.entity.ParkedRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The state shown for a record: what finally happened, or where it waits. */
class RecordTraceTest {

    static final ParkedRecord MESSAGE = new ParkedRecord("ID:1", "t-1", null, null, null, Instant.now(), "{}", false);

    static RecordTrace.Outcome outcome(String outcome) {
        return new RecordTrace.Outcome(outcome, null, null, 1, Instant.now(), "0:ffff:1");
    }

    @Test
    void settledWinsOverEverythingElse() {
        assertEquals("settled", RecordTrace.stateOf(List.of(outcome("REJECTED"), outcome("SETTLED"), outcome("DUPLICATE")),
                List.of("0:ffff7f000001:1:2:3"), true, List.of(MESSAGE), List.of()));
    }

    @Test
    void preparedAndWaitingForRecovery() {
        assertEquals("in-doubt", RecordTrace.stateOf(List.of(), List.of("0:ffff7f000001:1:2:3"), false, List.of(), List.of()));
    }

    @Test
    void beingDeliveredRightNow() {
        assertEquals("in-flight", RecordTrace.stateOf(List.of(outcome("REJECTED")), List.of(), true, List.of(), List.of()));
    }

    @Test
    void aReplayedRejectionIsWaitingAgain() {
        assertEquals("waiting", RecordTrace.stateOf(List.of(outcome("REJECTED")), List.of(), false, List.of(MESSAGE), List.of()));
    }

    @Test
    void parkedInTheDeadLetterQueue() {
        assertEquals("dead-lettered", RecordTrace.stateOf(List.of(), List.of(), false, List.of(), List.of(MESSAGE)));
    }

    @Test
    void rejectedAndNotReplayed() {
        assertEquals("rejected", RecordTrace.stateOf(List.of(outcome("REJECTED")), List.of(), false, List.of(), List.of()));
    }

    @Test
    void unknownWhenNoPlaceKnowsIt() {
        assertEquals("unknown", RecordTrace.stateOf(List.of(), List.of(), false, List.of(), List.of()));
    }
}

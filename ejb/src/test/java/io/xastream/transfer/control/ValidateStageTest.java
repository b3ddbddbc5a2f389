package io.xastream.transfer.control;

import io.xastream.stream.control.RecordingContext;
import io.xastream.transfer.entity.TransferRecord;
import jakarta.jms.Destination;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static io.xastream.stream.control.RecordingContext.record;
import static io.xastream.stream.control.RecordingContext.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ValidateStageTest {

    private static final Destination VALIDATED = new Destination() { };

    @Test
    void passesValidRecordsKeyedByThePayerAndRejectsTheRestWithTheirOutcomesInOneWrite() {
        ApplyStageTest.MemoryOutcomes outcomes = new ApplyStageTest.MemoryOutcomes();
        RecordingContext context = new RecordingContext();
        new ValidateStage(outcomes, VALIDATED).process(List.of(
                record("v1", transfer("v1", "B-7", "A-1", "1.00")),
                record("v2", transfer("v2", "A-1", "A-1", "1.00")),
                record("v3", transfer("v3", "A-1", "B-1", "-1")),
                record("v4", transfer("v4", "A-2", "B-1", "2.00"))), context);

        assertEquals(List.of("v1", "v4"), context.idsTo(VALIDATED));
        assertEquals("B-7", context.emitted.get(0).key(), "keyed by the paying account");
        assertEquals(List.of("v2:SAME_ACCOUNT", "v3:INVALID_AMOUNT"), context.rejectedReasons());
        assertEquals(List.of("REJECTED"), outcomes.of("v2"));
        assertEquals(2, outcomes.written.size());
        // A chained apply stage gets the parsed transfer with the body and does not parse it again.
        assertEquals(new TransferRecord("v1", "B-7", "A-1", new BigDecimal("1.00"), Instant.parse("2026-12-01T10:00:00Z")),
                context.parsed.get("v1"));
    }
}

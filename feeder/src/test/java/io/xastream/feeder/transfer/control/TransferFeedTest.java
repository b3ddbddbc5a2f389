package io.xastream.feeder.transfer.control;

import io.xastream.feeder.transfer.entity.FeedSummary;
import io.xastream.feeder.transfer.entity.GeneratedRecord;
import io.xastream.feeder.transfer.entity.GenerationPlan;
import io.xastream.feeder.transfer.entity.RecordKind;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferFeedTest {

    @Test
    void writesOneLinePerRecordAndCountsKinds() throws Exception {
        TransferGenerator generator = new TransferGenerator(GenerationPlan.of(600, 10, 3).withInvalidShare(0.1));
        StringWriter out = new StringWriter();
        FeedSummary summary = new TransferFeed(0).run(generator, null, out);

        List<String> lines = out.toString().lines().toList();
        assertEquals(generator.generate().stream().map(GeneratedRecord::json).toList(), lines);
        assertEquals(600, summary.records());
        assertEquals(0, summary.sent());
        assertEquals(600, summary.valid() + summary.invalid());
        assertEquals(generator.stream().filter(r -> r.kind() == RecordKind.VALID).count(), summary.valid());
        assertTrue(summary.describe().contains("invalid: " + summary.invalid()), summary.describe());
    }

    @Test
    void keepsToTheRate() throws Exception {
        TransferGenerator generator = new TransferGenerator(GenerationPlan.of(21, 10, 3));
        FeedSummary summary = new TransferFeed(100).run(generator, null, new StringWriter());
        // 21 records at 100/s: the last one is due 200 ms after the first.
        assertTrue(summary.elapsed().toMillis() >= 190, summary.elapsed().toString());
        assertTrue(summary.elapsed().toMillis() < 2_000, summary.elapsed().toString());
    }

    @Test
    void fileLinesAreTakenAsGiven() throws Exception {
        List<GeneratedRecord> lines = List.of(
                GeneratedRecord.asGiven("{\"id\":\"f-1\",\"from\":\"A-0001\"}"),
                GeneratedRecord.asGiven("garbage"));
        StringWriter out = new StringWriter();
        FeedSummary summary = new TransferFeed(0).run(lines, null, out);
        assertEquals("{\"id\":\"f-1\",\"from\":\"A-0001\"}\ngarbage\n", out.toString());
        assertEquals(2, summary.count(RecordKind.AS_GIVEN));
        assertEquals("f-1", lines.get(0).recordId());
        assertEquals(null, lines.get(1).recordId());
    }
}

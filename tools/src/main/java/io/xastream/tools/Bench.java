package io.xastream.tools;

import io.xastream.feeder.connection.control.Endpoints;
import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.ledger.control.AccountSeeder;
import io.xastream.feeder.ledger.control.Verifier;
import io.xastream.harness.EngineDurability;
import io.xastream.harness.LedgerConnection;
import io.xastream.harness.LedgerEngines;
import io.xastream.harness.WildFlyServer;
import io.xastream.invariant.entity.Verification;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The benchmark command (./mvnw -Pbench package), not a test: for each consumer count, a fresh
 * server on freshly emptied ledgers, a warm-up, then the stream at full speed (throughput) and at
 * half that rate (latency), each record timed from the commit that made it visible to the pipeline
 * to the moment its settled event reaches a consumer of xastream.settled. Every run must end with
 * every record settled once and the invariant holding, or its figures are not reported.
 * Writes docs/BENCHMARKS.md, docs/benchmarks.png and the raw rows, docs/benchmarks.csv: the
 * streams are {@link BenchLoads}, the page {@link BenchPage}, the plot {@link BenchPlot}.
 *
 * Settings: xastream.bench.records (4000), xastream.bench.consumers ("1,4,8,16"),
 * xastream.bench.modes ("alo-1,record,alo-100,epoch-100": "record" is one XA transaction per record,
 * "epoch-N" epochs of up to N records, "alo-N" the at-least-once baseline with up to N records per
 * local transaction; the three stages chained in one transaction, or a queue and a transaction per
 * stage with the prefix "unchained-"), xastream.bench.epoch-millis (50), xastream.bench.accounts (200
 * per ledger), xastream.bench.warm-up (records streamed and settled before measuring: at least 3000,
 * then rounds of xastream.bench.warm-up.round records (4000) until the server's JIT compilers used
 * at most xastream.bench.warm-up.jit-share of its CPU in a round (0.2) and its CPU per record fell by
 * less than a tenth from the round before, for xastream.bench.warm-up.seconds
 * at most (120); {@link BenchLoads#warmUp}),
 * xastream.bench.rates (fixed rates in records/s, e.g. "20,40", each fed for about 20 s after the
 * half-speed stream: none by default),
 * xastream.bench.dir, xastream.bench.docs, xastream.bench.server.* (passed on to the server without
 * the prefix, for tuning experiments), xastream.bench.ledgerA.sql (run on ledger A before each server
 * starts, for the same). The page keeps the rows of the modes and consumer counts a run did not
 * measure, with the date of the run that did.
 */
public final class Bench {


    private static final String SERVER_PROPERTY = "xastream.bench.server.";

    static final int WARM_UP = Integer.getInteger("xastream.bench.warm-up", 3000);
    private static final String RATES = "xastream.bench.rates";

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
            // Draws the plot and writes the rows again from the table the last run wrote, without measuring anything.
            List<BenchResult> rows = BenchPage.fromReport(Files.readString(docs.resolve("BENCHMARKS.md")));
            BenchPlot.plot(rows, docs.resolve("benchmarks.png"));
            Files.writeString(docs.resolve("benchmarks.csv"), BenchResult.csv(rows));
            return;
        }
        List<BenchResult> results = new ArrayList<>();
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
        results = BenchPage.merged(BenchPage.fromReport(earlier), results);
        Files.writeString(page, BenchPage.report(results, records, accounts) + BenchPage.analysis(earlier));
        BenchPlot.plot(results, docs.resolve("benchmarks.png"));
        Files.writeString(docs.resolve("benchmarks.csv"), BenchResult.csv(results));
        say("wrote " + docs.resolve("BENCHMARKS.md") + ", " + docs.resolve("benchmarks.png") + " and " + docs.resolve("benchmarks.csv"));
    }

    static List<BenchResult> run(LedgerEngines engines, Path wildflyHome, Path ear, Path serverDir, String mode, int consumers,
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
            try (BenchLoads.Settled settled = new BenchLoads.Settled(Endpoints.downstream(null, server.httpPort(), null, null))) {
                BenchLoads.Plans plans = new BenchLoads.Plans(accounts);
                int warmUp = BenchLoads.warmUp(broker, settled, plans, engines.dataDir());
                BenchResult full = BenchLoads.measure(label, consumers, "full speed", broker, settled,
                        plans.next("full-", records), 100, 0);
                say(full.measured());
                List<BenchResult> results = new ArrayList<>(List.of(full));
                results.add(BenchLoads.drain(label, consumers, server, engines, broker, settled,
                        plans.next("filled-", records)));
                double half = Math.max(1, Math.floor(full.recordsPerSecond() / 2));
                results.add(BenchLoads.paced(label, consumers, String.format("%.0f/s", half), "paced-", half, records, plans,
                        broker, settled));
                // Paced streams at rates of the user's choosing, after the one at half speed (about 20 s each).
                for (int fixed : positiveNumbers(RATES, "")) {
                    results.add(BenchLoads.paced(label, consumers, BenchResult.FIXED + fixed + "/s", "rate-" + fixed + "-", fixed, records,
                            plans, broker, settled));
                }
                EngineDurability durability = EngineDurability.of(server);
                durability.lines().forEach(line -> say("durability, as the engine reports it: " + line));
                results.replaceAll(result -> result.durable(durability.label()).warmedUpWith(warmUp));
                Verification verification = Verifier.of(engines.forFeeder(), () -> 0L)
                        .awaitHolds(OptionalLong.of(warmUp + results.stream().mapToInt(BenchResult::records).sum()),
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
        String kind = shape.startsWith("alo-") ? BenchResult.AT_LEAST_ONCE : "XA";
        String unchained = chained ? "" : " unchained";
        if (shape.equals("record")) {
            return kind + unchained + " per record";
        }
        String n = shape.substring(shape.indexOf('-') + 1);
        String granularity = n.equals("1") && shape.startsWith("alo-") ? "per record" : "epoch " + n;
        return kind + unchained + " " + granularity;
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
    static void empty(LedgerConnection ledger) throws SQLException {
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




    static void say(String line) {
        System.out.println("[bench] " + line);
    }
}

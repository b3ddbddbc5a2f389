package io.xastream.tools;

import io.xastream.contract.Streams;
import io.xastream.feeder.connection.control.Endpoints;
import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.connection.entity.LedgerConnections;
import io.xastream.feeder.ledger.control.AccountSeeder;
import io.xastream.feeder.ledger.control.Verifier;
import io.xastream.feeder.transfer.control.QueueInspector;
import io.xastream.feeder.transfer.control.TransferFeed;
import io.xastream.feeder.transfer.control.TransferGenerator;
import io.xastream.feeder.transfer.control.TransferSender;
import io.xastream.feeder.transfer.entity.FeedSummary;
import io.xastream.feeder.transfer.entity.GenerationPlan;
import io.xastream.harness.EngineDurability;
import io.xastream.harness.LedgerConnection;
import io.xastream.harness.LedgerEngines;
import io.xastream.harness.ServerRecovery;
import io.xastream.harness.WildFlyServer;
import io.xastream.invariant.entity.Verification;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The README's run command: both ledgers (embedded unless configured), WildFly with the EAR, seeded
 * accounts, a demo stream fed over JMS and checked, then the status page's URL; runs until Ctrl-C
 * and then stops everything it started.
 *
 * Settings (system properties): xastream.demo.dir (where data lives), xastream.demo.records (2000),
 * xastream.demo.accounts (50 per ledger), xastream.demo.port-offset (0: HTTP on 8080), and the
 * ledger settings xastream.ledgerA.url / .user / .password, xastream.ledgerB.… to use your own databases.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("xastream.demo.dir", "target/demo")).toAbsolutePath();
        Path wildflyHome = Path.of(required("xastream.wildfly.home"));
        Path ear = Path.of(required("xastream.ear"));
        int records = Integer.getInteger("xastream.demo.records", 2000);
        int accounts = Integer.getInteger("xastream.demo.accounts", 50);
        int portOffset = Integer.getInteger("xastream.demo.port-offset", 0);
        long started = System.nanoTime();

        say("data directory: " + dir);
        LedgerEngines engines = LedgerEngines.startOrConnect(dir.resolve("engines"));
        say("ledger A: " + engines.ledgerA().url() + "   ledger B: " + engines.ledgerB().url());
        WildFlyServer server;
        try {
            server = WildFlyServer.start(wildflyHome, dir.resolve("server"), ear, portOffset, serverProperties(engines));
        } catch (Exception e) {
            engines.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping WildFly and the ledger databases");
            server.close();
            engines.close();
        }, "xastream-demo-stop"));

        server.awaitDeployed(ear.getFileName().toString(), Duration.ofMinutes(3));
        say("WildFly up, " + ear.getFileName() + " deployed (" + seconds(started) + " s); server log: "
                + server.baseDir().resolve("log/server.log"));
        server.awaitApplication(Duration.ofMinutes(1)); // answering, before it is asked about its engines
        EngineDurability durability = EngineDurability.of(server);
        durability.lines().forEach(line -> say("durability, as the engine reports it: " + line));
        if (!durability.durable()) {
            say("NON-DURABLE: a machine crash may lose commits this run reports (-Dxastream.ledger.durable=false, or an engine configured so)");
        }
        say(ServerRecovery.await(server, Duration.ofSeconds(60)).describe());

        LedgerConnection a = engines.ledgerA();
        LedgerConnection b = engines.ledgerB();
        LedgerConnections ledgers = engines.forFeeder();
        say(new AccountSeeder(ledgers).seed(accounts, new BigDecimal("1000.00")).describe());

        BrokerEndpoint broker = Endpoints.broker(null, server.httpPort(), null, null);
        GenerationPlan plan = GenerationPlan.of(records, accounts, 42);
        long feedStarted = System.nanoTime();
        FeedSummary fed;
        try (TransferSender sender = new TransferSender(broker)) {
            fed = new TransferFeed(0).reportingTo(Demo::say).run(new TransferGenerator(plan), sender, null);
        }
        say(fed.describe());

        Verification verification;
        try (QueueInspector inspector = new QueueInspector(Endpoints.downstream(null, server.httpPort(), null, null))) {
            verification = Verifier.of(ledgers, () -> inspector.browseCount(Streams.DEADLETTER))
                    .awaitHolds(OptionalLong.of(fed.sent()), Duration.ofMinutes(3),
                            reading -> say("settling: " + reading.accountedFor() + " of " + fed.sent() + " records accounted for"));
        }
        double settleSeconds = (System.nanoTime() - feedStarted) / 1e9;
        say(verification.report());
        say(String.format("%d records fed and settled in %.1f s (%.0f records/s end to end); ready %s s after start",
                fed.sent(), settleSeconds, fed.sent() / settleSeconds, seconds(started)));

        say(aggregated(a, Duration.ofMinutes(1)));

        say("");
        say("Dashboard: https://127.0.0.1:" + server.httpsPort() + "/xastream/   (user monitor, password monitor-pw-1)");
        say("  its certificate is self-signed, made by WildFly at the first HTTPS request and kept in "
                + server.baseDir().resolve("configuration").resolve("application.keystore")
                + " (docs/operations.md, 'HTTPS', says how to use your own); plain HTTP: http://127.0.0.1:" + server.httpPort() + "/xastream/");
        say("To feed more (docs/operations.md, 'Feeding your own records'), in another terminal:");
        say("  export XASTREAM_LEDGERA_URL=" + a.url() + " XASTREAM_LEDGERB_URL=" + b.url()
                + " XASTREAM_HTTP_PORT=" + server.httpPort());
        say("  java -jar feeder/target/xastream-feeder.jar send --generate --count 1000 --id-prefix more-");
        say("Press Ctrl-C to stop.");
        if (!verification.holds()) {
            say("WARNING: " + verification.verdict());
        }
        Thread.currentThread().join();
    }

    /**
     * The ledgers' settings, and the stage and window settings given to the demo
     * (for example {@code ./mvnw -Pdemo package -Dxastream.stage.apply.mode=epoch}).
     */
    private static Map<String, String> serverProperties(LedgerEngines engines) {
        Map<String, String> properties = new LinkedHashMap<>(engines.serverProperties());
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("xastream.stage.") || name.startsWith("xastream.window.") || name.equals("xastream.transfers.consumers")) {
                properties.put(name, System.getProperty(name));
                say("server setting " + name + "=" + System.getProperty(name));
            }
        }
        return properties;
    }

    /** Waits until the aggregate stage has counted every settled transfer, then says what its windows hold. */
    private static String aggregated(LedgerConnection ledgerA, Duration limit) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Connection connection = ledgerA.open(); Statement statement = connection.createStatement()) {
            long settled;
            long counted;
            do {
                settled = single(statement, "SELECT COUNT(*) FROM record_outcome WHERE outcome = 'SETTLED'");
                // Claimed from its queue, or handed over once by apply in the settling transaction (no claim).
                counted = single(statement, "SELECT (SELECT COUNT(*) FROM stage_claim WHERE stage = 'aggregate')"
                        + " + (SELECT COUNT(*) FROM record_outcome WHERE chained)");
                if (counted >= settled) {
                    break;
                }
                Thread.sleep(250);
            } while (System.nanoTime() < deadline);
            long windows = single(statement, "SELECT COUNT(*) FROM account_window");
            long closed = single(statement, "SELECT COUNT(*) FROM account_window WHERE closed");
            long inWindows = single(statement, "SELECT COALESCE(SUM(record_count), 0) FROM account_window");
            return String.format("aggregate: %d of %d settled transfers seen, %d counted in %d windows (%d closed and "
                    + "published to xastream.windows), %d late", counted, settled, inWindows, windows, closed, counted - inWindows);
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A property the command's Maven profile sets (the run and cluster commands share these three helpers). */
    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property
                    + " is not set (run the command through its profile: ./mvnw -Pdemo package, ./mvnw -Pcluster package)");
        }
        return value;
    }

    static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }

    static void say(String line) {
        System.out.println("[xastream] " + line);
    }
}

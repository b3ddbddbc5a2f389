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
import io.xastream.harness.LedgerEngines;
import io.xastream.harness.WildFlyServer;
import io.xastream.invariant.entity.Verification;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static io.xastream.tools.Demo.required;
import static io.xastream.tools.Demo.say;
import static io.xastream.tools.Demo.seconds;

/**
 * The cluster run command (./mvnw -Pcluster package, issue 20): both ledgers (embedded unless
 * configured), a standalone Artemis broker, and WildFly nodes on it (standalone-cluster.xml), each
 * with its own transaction node identifier and log store, all on this machine; a demo stream fed to
 * the broker and checked; each node's dashboard URL; then it runs until Ctrl-C or SIGTERM and stops
 * everything it started.
 * <p>
 * With {@code xastream.cluster.compare} set to a number of records, it measures instead: the same
 * stream through one node and then through two, each on a fresh broker and emptied ledgers after a
 * warm-up, and prints both throughputs (docs/scale-out.md).
 * <p>
 * Settings: xastream.cluster.dir (target/cluster), .nodes (2), .records (2000), .accounts (50 per
 * ledger), .broker-port (61616), .port-offset (100: node n gets 100 n, so HTTP 8180, 8280, …),
 * .compare (unset), .warm-up (20000 records before a measured run); the ledger settings as for the
 * run command; stage settings (xastream.stage.*, xastream.topology.*) reach every node.
 */
public final class Cluster {

    private Cluster() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("xastream.cluster.dir", "target/cluster")).toAbsolutePath();
        int nodes = Integer.getInteger("xastream.cluster.nodes", 2);
        int records = Integer.getInteger("xastream.cluster.records", 2000);
        int accounts = Integer.getInteger("xastream.cluster.accounts", 50);
        int brokerPort = Integer.getInteger("xastream.cluster.broker-port", 61616);
        int portOffset = Integer.getInteger("xastream.cluster.port-offset", 100);
        Integer compare = Integer.getInteger("xastream.cluster.compare");
        long started = System.nanoTime();

        say("data directory: " + dir);
        LedgerEngines engines = LedgerEngines.startOrConnect(dir.resolve("engines"));
        say("ledger A: " + engines.ledgerA().url() + "   ledger B: " + engines.ledgerB().url());
        if (compare != null) {
            try {
                compare(dir, engines, brokerPort, portOffset, compare, accounts);
            } finally {
                engines.close();
            }
            return;
        }
        ClusterRig rig;
        try {
            rig = start(dir, engines, brokerPort, nodes, portOffset);
        } catch (Exception | Error e) {
            engines.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping the nodes, the broker and the ledger databases");
            rig.close();
            engines.close();
        }, "xastream-cluster-stop"));
        say(nodes + " nodes up on the broker at " + rig.broker().url() + " (" + seconds(started) + " s)");

        LedgerConnections ledgers = engines.forFeeder();
        say(new AccountSeeder(ledgers).seed(accounts, new BigDecimal("1000.00")).describe());
        Run run = feed(rig, ledgers, GenerationPlan.of(records, accounts, 42), 0);
        say(run.verification().report());
        say(String.format("%d records fed and settled in %.1f s (%.0f records/s end to end); %s",
                run.records(), run.seconds(), run.records() / run.seconds(), byJvm(engines)));
        say("");
        for (int n = 0; n < rig.nodes().size(); n++) {
            WildFlyServer node = rig.nodes().get(n);
            say("node xastream-" + (n + 1) + ": dashboard https://127.0.0.1:" + node.httpsPort()
                    + "/xastream/ (user monitor, password monitor-pw-1), server log " + node.baseDir().resolve("log/server.log"));
        }
        say("Broker: " + rig.broker().url() + " (log " + rig.broker().instance().resolve("console.log") + "); to feed more:");
        say("  java -jar feeder/target/xastream-feeder.jar send --broker-url '" + rig.broker().url()
                + "' --generate --count 1000 --id-prefix more-");
        say("The nodes' dashboards do not show the broker's queues yet (docs/scale-out.md). Press Ctrl-C to stop.");
        if (!run.verification().holds()) {
            say("WARNING: " + run.verification().verdict());
        }
        Thread.currentThread().join();
    }

    private static ClusterRig start(Path dir, LedgerEngines engines, int brokerPort, int nodes, int portOffset) throws Exception {
        return ClusterRig.start(Path.of(required("xastream.artemis.home")), Path.of(required("xastream.wildfly.home")),
                Path.of(required("xastream.ear")), dir, engines, brokerPort, nodes, portOffset, WildFlyServer.withTopologySettings(Map.of()));
    }

    /** A stream sent to the broker and awaited until every record is accounted for and the books hold. */
    private record Run(long records, double seconds, Verification verification) {
    }

    /** @param before records the ledgers accounted for before this stream (the invariant counts them all) */
    private static Run feed(ClusterRig rig, LedgerConnections ledgers, GenerationPlan plan, long before) throws Exception {
        BrokerEndpoint broker = Endpoints.broker(rig.broker().url(), null, null, null);
        long feedStarted = System.nanoTime();
        FeedSummary fed;
        try (TransferSender sender = new TransferSender(broker)) {
            fed = new TransferFeed(0).run(new TransferGenerator(plan), sender, null);
        }
        Verification verification;
        try (QueueInspector inspector = new QueueInspector(Endpoints.downstream(rig.broker().url(), null, null, null))) {
            verification = Verifier.of(ledgers, () -> inspector.browseCount(Streams.DEADLETTER))
                    .awaitHolds(OptionalLong.of(before + fed.sent()), Duration.ofMinutes(5), reading -> { });
        }
        return new Run(fed.sent(), (System.nanoTime() - feedStarted) / 1e9, verification);
    }

    /**
     * One node, then two, on a fresh broker and emptied ledgers each time: a warm-up stream, then the
     * measured one, timed from its first send until every record is accounted for.
     */
    private static void compare(Path dir, LedgerEngines engines, int brokerPort, int portOffset, int records, int accounts)
            throws Exception {
        int warmUp = Integer.getInteger("xastream.cluster.warm-up", 20000);
        List<String> lines = new ArrayList<>();
        for (int nodes = 1; nodes <= 2; nodes++) {
            Bench.empty(engines.ledgerA());
            Bench.empty(engines.ledgerB());
            try (ClusterRig rig = start(dir, engines, brokerPort, nodes, portOffset)) {
                LedgerConnections ledgers = engines.forFeeder();
                new AccountSeeder(ledgers).seed(accounts, new BigDecimal("1000000.00"));
                feed(rig, ledgers, GenerationPlan.of(warmUp, accounts, 7).withIdPrefix("warm-").withInvalidShare(0), 0);
                Run run = feed(rig, ledgers, GenerationPlan.of(records, accounts, 42).withIdPrefix("measured-").withInvalidShare(0), warmUp);
                if (!run.verification().holds()) {
                    throw new IllegalStateException(nodes + " node(s): " + run.verification().verdict());
                }
                String line = String.format("%d node(s): %d records in %.1f s, %.0f records/s end to end, after %d records of warm-up; %s",
                        nodes, run.records(), run.seconds(), run.records() / run.seconds(), warmUp, byJvm(engines));
                say(line);
                lines.add(line);
            }
        }
        say("compared, same broker setup, ledgers and stream:");
        lines.forEach(line -> say("  " + line));
    }

    /** How many settled records each JVM's transactions settled (the process part of Narayana's Uid tells them apart). */
    private static String byJvm(LedgerEngines engines) throws SQLException {
        List<String> counts = new ArrayList<>();
        try (Connection connection = engines.ledgerA().open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM record_outcome WHERE outcome = 'SETTLED' "
                     + "GROUP BY split_part(transaction_id, ':', 3) ORDER BY 1 DESC")) {
            while (rows.next()) {
                counts.add(String.valueOf(rows.getLong(1)));
            }
        }
        return "settled by " + counts.size() + " JVM(s): " + String.join(" + ", counts);
    }
}

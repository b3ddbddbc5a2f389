package io.xastream.it.crash;

import io.xastream.contract.Streams;
import io.xastream.harness.ArtemisBroker;
import io.xastream.harness.PreparedBranches;
import io.xastream.harness.ServerRecovery;
import io.xastream.harness.WildFlyServer;
import io.xastream.it.Await;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.LedgerStack;
import io.xastream.it.Transfers;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.transaction.xa.XAResource;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.xastream.it.crash.OwnBroker.Identity.ADMIN;
import static io.xastream.it.crash.OwnBroker.Identity.FEEDER;
import static io.xastream.it.crash.OwnBroker.Identity.NODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: WildFly nodes on one standalone broker (standalone-cluster.xml, server-config
 * remote-broker.cli), each logged in as xastream-node with a transaction node identifier of its own.
 * First the sharing without faults: two nodes take the transfers the feeder sent to the broker,
 * both do part of the work, and each transfer is settled once in both ledgers, in send order per
 * account (the broker binds each account's group to one consumer, whichever node holds it), with
 * one settled event each on the broker; in the shape of the pass (chained epochs, or a queue per
 * stage and one record per transaction). Then node two is killed mid-stream and restarted
 * ({@link #killAndRestartMidStream}), the broker is killed under both and restarted
 * ({@link #killBrokerMidStream}), and last node two dies for good and a stand-in with its identity
 * finishes its transactions ({@link #standInForANodeThatNeverComesBack}). After each, whether every
 * account's debits were booked in send order is asserted in chained epochs ({@link #assertKeptOrder})
 * and reported per record, where two windows are left open (docs/scale-out.md, "Per-key order across nodes").
 */
@ExtendWith(LedgerStack.class)
class ClusterIT {

    private static final int TRANSFERS = 600;
    private static final BigDecimal OPENING = new BigDecimal("10000.00");

    @Test
    void twoNodesShareTheStreamOneTakesOverAndBothSurviveTheBroker() throws Exception {
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "cluster");
        List<String> a = Transfers.accounts("A", "CL", 20);
        List<String> b = Transfers.accounts("B", "CL", 20);
        List<Map.Entry<String, String>> records = Transfers.generate("cl-", TRANSFERS, a, b, 20);
        // Both nodes boot at once: the second must not pick the offset the first has not bound yet.
        int offsetOne = WildFlyServer.freePortOffset();
        int offsetTwo = WildFlyServer.freePortOffset();
        while (offsetTwo == offsetOne) {
            offsetTwo = WildFlyServer.freePortOffset();
        }
        try (ArtemisBroker broker = OwnBroker.start(dir.resolve("broker"), ADMIN, NODE, FEEDER);
             WildFlyServer one = WildFlyServer.start(home(), dir.resolve("node-1"), ear(), offsetOne, properties(1, broker.port()), "",
                     WildFlyServer.NODE)) {
            // Replaced when node two is started again: whichever runs is stopped at the end.
            WildFlyServer[] two = {WildFlyServer.start(home(), dir.resolve("node-2"), ear(), offsetTwo, properties(2, broker.port()), "",
                    WildFlyServer.NODE)};
            try {
                one.awaitApplication(Duration.ofMinutes(3));
                two[0].awaitApplication(Duration.ofMinutes(3));
                Books.seed(a, OPENING);
                Books.seed(b, OPENING);
                try (Broker feeder = new Broker(broker.url(), FEEDER.user, FEEDER.password)) {
                    feeder.send(records);
                }
                assertEquals(TRANSFERS, Books.awaitOutcomes("cl-", TRANSFERS, Duration.ofMinutes(2)), "records settled by the nodes");
                // A transaction id is Narayana's Uid, host:process:time:counter: its process part tells the JVMs apart.
                assertEquals(2, Books.count(LedgerStack.ledgerA(), "SELECT COUNT(DISTINCT split_part(transaction_id, ':', 3)) "
                        + "FROM record_outcome WHERE record_id LIKE 'cl-%'"), "nodes whose transactions settled records");
                try (Broker admin = new Broker(broker.url(), ADMIN.user, ADMIN.password)) {
                    ExactlyOnce.assertApplied("cl-", records, a, b, OPENING, admin);
                }
                // Either node's dashboard lists both, each running and having handled records.
                String[] view = {""};
                Await.until(Duration.ofSeconds(30), () -> "node two's cluster view: " + view[0], () -> {
                    view[0] = two[0].monitorGet("/xastream/api/cluster");
                    Map<String, JsonObject> nodes = nodes(view[0]);
                    return nodes.keySet().equals(Set.of("xastream-1", "xastream-2"))
                            && nodes.values().stream().allMatch(node -> "running".equals(node.getString("state"))
                            && node.getJsonNumber("recordsHandled").longValue() > 0)
                            && nodes.get("xastream-2").getBoolean("self") && !nodes.get("xastream-1").getBoolean("self");
                });

                killAndRestartMidStream(broker, one, two);
                killBrokerMidStream(broker, one, two[0]);
                // The stand-in only recovers (every stage off), alike in either shape: run in the
                // default shape only, which keeps the suite within its time (docs/testing.md).
                if (!"record".equals(System.getProperty("xastream.stage.apply.mode"))) {
                    standInForANodeThatNeverComesBack(dir, broker, one, two);
                }
            } finally {
                two[0].close();
            }
        }
    }

    /**
     * Node two killed with SIGKILL while both consume a second stream, and started again on its base
     * directory (its log store) with its identifier: node one takes over the keys node two held, node
     * two's recovery settles what it left in doubt, and in the end every transfer is settled once,
     * with nothing prepared anywhere.
     */
    private static void killAndRestartMidStream(ArtemisBroker broker, WildFlyServer one, WildFlyServer[] two)
            throws Exception {
        SeededStream stream = feed(broker, "CK", 21);
        long beforeKill = Books.awaitOutcomes(stream.prefix(), TRANSFERS / 6, Duration.ofMinutes(1));
        assertTrue(beforeKill < TRANSFERS, "not mid-stream: " + beforeKill + " settled before the kill");
        two[0].kill();
        long killed = System.nanoTime();
        two[0] = two[0].restart(properties(2, broker.port()));
        WildFlyServer restarted = two[0];
        restarted.awaitApplication(Duration.ofMinutes(3));
        long whileDown = settled(stream);
        Settled settled = awaitSettledOnce(stream, "after node two's kill", broker, one, restarted);
        String order = order(stream);
        System.out.printf("cluster: node two killed after %d of %d settled, %d settled by the time it answered again, all %.1f s "
                + "after the kill, nothing in doubt %.1f s after that; %s; %s%n", beforeKill, TRANSFERS, whileDown,
                (settled.at() - killed) / 1e9, settled.inDoubtSeconds(), fenced(one), order);
        assertKeptOrder(order, "after node two's kill");
    }

    /**
     * The broker killed with SIGKILL while both nodes consume a third stream, and started again on
     * its journal: both nodes' message-driven beans and epoch loops reconnect by themselves, each
     * node's recovery finishes the branches it had prepared on the broker and the ledgers, and every
     * transfer is settled once with one settled event.
     */
    private static void killBrokerMidStream(ArtemisBroker broker, WildFlyServer one, WildFlyServer two) throws Exception {
        SeededStream stream = feed(broker, "CB", 22);
        long consumers = transfersConsumers(one);
        assertTrue(consumers > 0, "consumers of " + Streams.TRANSFERS + " on node one's dashboard: " + consumers);
        assertEquals(consumers, transfersConsumers(two), "consumers on node two's dashboard, which reads the same broker");
        long beforeKill = Books.awaitOutcomes(stream.prefix(), TRANSFERS / 6, Duration.ofMinutes(1));
        assertTrue(beforeKill < TRANSFERS, "not mid-stream: " + beforeKill + " settled before the kill");
        broker.kill();
        long killed = System.nanoTime();
        long whileDown = settled(stream);
        broker.start(Duration.ofMinutes(1));
        Settled settled = awaitSettledOnce(stream, "after the broker's kill", broker, one, two);
        // Every consumer of both nodes is back on the broker, as each node's dashboard reads it again.
        long[] now = {0};
        Await.until(Duration.ofSeconds(30), () -> "consumers of " + Streams.TRANSFERS + " after the restart: " + now[0] + " of " + consumers,
                () -> (now[0] = transfersConsumers(two)) == consumers);
        JsonObject artemis = Json.createReader(new StringReader(one.monitorGet("/xastream/api/durability"))).readObject()
                .getJsonArray("engines").stream().map(JsonValue::asJsonObject)
                .filter(engine -> engine.getString("name").startsWith("broker")).findFirst().orElseThrow();
        assertEquals("2.40.0", artemis.getString("version"), "the standalone broker, as node one's dashboard reads it: " + artemis);
        assertTrue(artemis.getBoolean("durable"), "its journal syncs every commit: " + artemis);
        String order = order(stream);
        System.out.printf("cluster: broker killed after %d of %d settled, %d settled when it was started again, all %.1f s after "
                + "the kill, nothing in doubt %.1f s after that; %s; %s%n", beforeKill, TRANSFERS, whileDown,
                (settled.at() - killed) / 1e9, settled.inDoubtSeconds(), fenced(one), order);
        assertKeptOrder(order, "after the broker's kill");
    }

    /**
     * docs/scale-out.md, "A node that never comes back": node two, started again with a Byteman rule,
     * halts itself after the first participant of a transaction committed and before the others (its
     * log holds the commit decision, the other branches stay prepared under its identifier). It is
     * never restarted. A stand-in gets its identifier, a copy of its log store and every stage off; its
     * recovery finishes those branches, it reports recovery finished and is stopped. Node one settles
     * the whole stream, every transfer once: a branch rolled back instead of committed would leave a
     * transfer booked on one side only.
     */
    private static void standInForANodeThatNeverComesBack(Path dir, ArtemisBroker broker, WildFlyServer one, WildFlyServer[] two)
            throws Exception {
        two[0].close();
        CrashPoint halt = CrashPoint.AFTER_FIRST_COMMIT;
        Path rules = Files.writeString(dir.resolve("crash.btm"), halt.rules());
        two[0] = two[0].restart(properties(2, broker.port()), OwnServer.byteman(rules));
        WildFlyServer dead = two[0];
        dead.awaitApplication(Duration.ofMinutes(3));
        SeededStream stream = feed(broker, "CS", 23);
        assertTrue(dead.awaitExit(Duration.ofMinutes(2)), "node two did not reach " + halt.description);
        assertTrue(Files.readString(dead.baseDir().resolve("console.log")).contains(halt.marker()), "node two halted by the rule, not otherwise");
        long died = System.nanoTime();
        // Node one's dashboard shows node two silent once it missed five reports.
        String[] view = {""};
        Await.until(Duration.ofSeconds(30), () -> "node one's cluster view after node two died: " + view[0],
                () -> "silent".equals(nodes(view[0] = one.monitorGet("/xastream/api/cluster")).get("xastream-2").getString("state")));
        PreparedBranches left = PreparedBranches.read(dead.baseDir(), LedgerStack.ledgerA(), LedgerStack.ledgerB());
        assertFalse(left.none(), "node two left a decided transaction in its log store and its branches prepared");

        Map<String, String> standInProperties = properties(2, broker.port());
        for (String stage : List.of("validate", "apply", "aggregate")) {
            standInProperties.put("xastream.stage." + stage + ".mode", "off");
        }
        ServerRecovery recovery;
        WildFlyServer standIn = WildFlyServer.standIn(home(), dead.baseDir(), dir.resolve("stand-in"), ear(), WildFlyServer.freePortOffset(),
                standInProperties);
        try (standIn) {
            standIn.awaitApplication(Duration.ofMinutes(3));
            recovery = ServerRecovery.await(standIn, Duration.ofMinutes(2));
            assertTrue(recovery.finished(), "the stand-in's recovery: " + recovery.describe());
        }
        long recovered = System.nanoTime();
        Settled settled = awaitSettledOnce(stream, "without node two, after its stand-in", broker, one, standIn);
        String order = order(stream);
        System.out.printf("cluster: node two halted %s and left %s; the stand-in's %s, stopped %.1f s after the halt; "
                + "all settled %.1f s after the halt; %s; %s%n", halt.description, left, recovery.describe(),
                (recovered - died) / 1e9, (settled.at() - died) / 1e9, fenced(one), order);
        assertKeptOrder(order, "with a stand-in for node two");
    }

    /** A scenario's own stream, seeded and sent to the broker by the feeder. */
    private static SeededStream feed(ArtemisBroker broker, String tag, long seed) throws Exception {
        String prefix = tag.toLowerCase(Locale.ROOT) + "-";
        SeededStream stream = SeededStream.of(prefix, tag, TRANSFERS, OPENING, seed);
        try (Broker feeder = new Broker(broker.url(), FEEDER.user, FEEDER.password)) {
            feeder.send(stream.records());
        }
        return stream;
    }

    private static long settled(SeededStream stream) throws Exception {
        return Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM record_outcome WHERE record_id LIKE ?", stream.prefix() + "%");
    }

    /** Every record settled, then nothing prepared on the nodes' log stores, the ledgers or the broker, then each applied once. */
    private static Settled awaitSettledOnce(SeededStream stream, String when, ArtemisBroker broker, WildFlyServer... nodes) throws Exception {
        long settled = Books.awaitOutcomes(stream.prefix(), TRANSFERS, Duration.ofMinutes(3));
        if (settled != TRANSFERS) {
            // What holds the rest: the queues and in-doubt transactions as a node's dashboard reads them.
            System.out.printf("cluster: %d of %d settled %s; in doubt: %s; status: %s; in-doubt view: %s%n", settled, TRANSFERS, when, inDoubt(broker, nodes),
                    nodes[0].monitorGet("/xastream/api/status"), nodes[0].monitorGet("/xastream/api/in-doubt"));
        }
        assertEquals(TRANSFERS, settled, "records settled " + when);
        long at = System.nanoTime();
        String[] left = {""};
        Await.until(Duration.ofSeconds(90), () -> "left in doubt " + when + ": " + left[0],
                () -> (left[0] = inDoubt(broker, nodes)).isEmpty());
        double inDoubtSeconds = (System.nanoTime() - at) / 1e9;
        try (Broker admin = new Broker(broker.url(), ADMIN.user, ADMIN.password)) {
            ExactlyOnce.assertAppliedOnce(stream.prefix(), stream.records(), stream.a(), stream.b(), OPENING, admin);
        }
        return new Settled(at, inDoubtSeconds);
    }

    /** Whether each account's debits were booked in send order, for the log. */
    private static String order(SeededStream stream) throws Exception {
        List<String> accounts = new ArrayList<>(stream.a());
        accounts.addAll(stream.b());
        try {
            Books.assertDebitsInSendOrder(accounts, stream.records());
        } catch (AssertionError broken) {
            return "ORDER BROKEN: " + broken.getMessage();
        }
        return "each account's debits in send order";
    }

    /**
     * Each account's debits booked in send order, as {@link #order} found them, in chained epochs: the key fence keeps a key's
     * records behind one a dead node's prepared transaction holds or a consumer that went away gives
     * back late (docs/scale-out.md, "Per-key order across nodes").
     */
    private static void assertKeptOrder(String order, String after) {
        if ("record".equals(System.getProperty("xastream.stage.apply.mode"))) {
            // A listener acknowledges in one branch and sends in another: a node killed between their
            // commits leaves its output prepared, appended behind the key's later records when its
            // recovery commits it; and a delivery the resource adapter tears down with a broker's
            // connection keeps its record out of delivery until the transaction timeout. Reported.
            return;
        }
        assertFalse(order.startsWith("ORDER BROKEN"), "per-key order " + after + ": " + order);
    }

    /** How often a node's stages held back records for a key a prepared transaction held, as its log says (for the log). */
    private static String fenced(WildFlyServer node) throws Exception {
        List<String> lines = Files.readAllLines(node.baseDir().resolve("log").resolve("server.log"));
        long waits = lines.stream().filter(line -> line.contains("a transaction the broker keeps prepared")).count();
        long released = lines.stream().filter(line -> line.contains("are free again")).count();
        return "node one's key fence so far: " + waits + " holds, " + released + " releases";
    }

    /** When the last record of a stream settled (System.nanoTime), and how long its branches took to end after that. */
    private record Settled(long at, double inDoubtSeconds) {
    }

    /** The nodes of a cluster view (GET /api/cluster), by node identifier. */
    private static Map<String, JsonObject> nodes(String clusterView) {
        Map<String, JsonObject> nodes = new LinkedHashMap<>();
        Json.createReader(new StringReader(clusterView)).readObject().getJsonArray("nodes").stream().map(JsonValue::asJsonObject)
                .forEach(node -> nodes.put(node.getString("node"), node));
        return nodes;
    }

    /** The consumers of the first stage's queue, from the broker as a node's dashboard reads it (-1: not listed). */
    private static long transfersConsumers(WildFlyServer node) throws Exception {
        JsonObject status = Json.createReader(new StringReader(node.monitorGet("/xastream/api/status"))).readObject();
        return status.getJsonArray("queues").stream().map(JsonValue::asJsonObject)
                .filter(queue -> Streams.TRANSFERS.equals(queue.getString("name")))
                .mapToLong(queue -> queue.getJsonNumber("consumers").longValue()).findFirst().orElse(-1);
    }

    /** What is still prepared: each node's log store and ledger branches, and the broker's (empty when none). */
    private static String inDoubt(ArtemisBroker broker, WildFlyServer... nodes) throws Exception {
        StringBuilder left = new StringBuilder();
        for (WildFlyServer node : nodes) {
            PreparedBranches branches = PreparedBranches.read(node.baseDir(), LedgerStack.ledgerA(), LedgerStack.ledgerB());
            if (!branches.none()) {
                left.append(node.baseDir().getFileName()).append(": ").append(branches).append("; ");
            }
        }
        try (XAConnection connection = new ActiveMQXAConnectionFactory(broker.url(), ADMIN.user, ADMIN.password).createXAConnection();
             XASession session = connection.createXASession()) {
            int prepared = session.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length;
            if (prepared > 0) {
                left.append("broker: ").append(prepared).append(" prepared");
            }
        }
        return left.toString();
    }

    private static Path home() {
        return Path.of(System.getProperty("jboss.home"));
    }

    private static Path ear() {
        return Path.of(System.getProperty("xastream.ear"));
    }

    /** Node n's settings: its transaction node identifier, the broker at the port and its login there. */
    private static Map<String, String> properties(int n, int brokerPort) {
        Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());
        properties.put("xastream.node.id", "xastream-" + n);
        properties.put("xastream.broker.host", "127.0.0.1");
        properties.put("xastream.broker.port", String.valueOf(brokerPort));
        properties.put("xastream.broker.user", NODE.user);
        properties.put("xastream.broker.password", NODE.password);
        // The fence's trace in each node's server.log shows what it asked, found held and released,
        // should a run break an account's order.
        properties.put("xastream.log.key-fence", "DEBUG");
        return properties;
    }
}

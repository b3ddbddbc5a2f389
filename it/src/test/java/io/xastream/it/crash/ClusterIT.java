package io.xastream.it.crash;

import io.xastream.harness.ArtemisBroker;
import io.xastream.harness.WildFlyServer;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.LedgerStack;
import io.xastream.it.Transfers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 20: WildFly nodes on one standalone broker (standalone-cluster.xml, server-config
 * remote-broker.cli), each logged in as xastream-node with a transaction node identifier of its own.
 * So far the sharing without faults: two nodes take the transfers the feeder sent to the broker,
 * both do part of the work, and each transfer is settled once in both ledgers, in send order per
 * account (the broker binds each account's group to one consumer, whichever node holds it), with
 * one settled event each on the broker; in the shape of the pass (chained epochs, or a queue per
 * stage and one record per transaction). The faults across nodes (a node or the broker killed) are
 * still to come.
 */
@ExtendWith(LedgerStack.class)
class ClusterIT {

    private static final int TRANSFERS = 600;
    private static final BigDecimal OPENING = new BigDecimal("10000.00");

    @Test
    void twoNodesShareTheStreamAndSettleEachTransferOnce() throws Exception {
        Map<String, ArtemisBroker.User> users = new LinkedHashMap<>();
        users.put("it-admin", new ArtemisBroker.User("it-admin-pw-1", List.of("xastream-admin")));
        users.put("xastream-node", new ArtemisBroker.User("node-pw-1", List.of("xastream-node")));
        users.put("feeder", new ArtemisBroker.User("feeder-pw-1", List.of("feeder")));
        int port = ArtemisBroker.freePort();
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
        try (ArtemisBroker broker = ArtemisBroker.create(Path.of(System.getProperty("xastream.artemis.home")), dir.resolve("broker"),
                port, users).start(Duration.ofMinutes(1));
             WildFlyServer one = node(dir, 1, offsetOne, port);
             WildFlyServer two = node(dir, 2, offsetTwo, port)) {
            one.awaitApplication(Duration.ofMinutes(3));
            two.awaitApplication(Duration.ofMinutes(3));
            Books.seed(a, OPENING);
            Books.seed(b, OPENING);
            try (Broker feeder = new Broker(broker.url(), "feeder", "feeder-pw-1")) {
                feeder.send(records);
            }
            assertEquals(TRANSFERS, Books.awaitOutcomes("cl-", TRANSFERS, Duration.ofMinutes(2)), "records settled by the nodes");
            // A transaction id is Narayana's Uid, host:process:time:counter: its process part tells the JVMs apart.
            assertEquals(2, Books.count(LedgerStack.ledgerA(), "SELECT COUNT(DISTINCT split_part(transaction_id, ':', 3)) "
                    + "FROM record_outcome WHERE record_id LIKE 'cl-%'"), "nodes whose transactions settled records");
            try (Broker admin = new Broker(broker.url(), "it-admin", "it-admin-pw-1")) {
                ExactlyOnce.assertApplied("cl-", records, a, b, OPENING, admin);
            }
        }
    }

    /** Node n: its own base directory, port offset and transaction node identifier, on the broker at the port. */
    private static WildFlyServer node(Path dir, int n, int portOffset, int brokerPort) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());
        properties.put("xastream.node.id", "xastream-" + n);
        properties.put("xastream.broker.host", "127.0.0.1");
        properties.put("xastream.broker.port", String.valueOf(brokerPort));
        properties.put("xastream.broker.user", "xastream-node");
        properties.put("xastream.broker.password", "node-pw-1");
        return WildFlyServer.start(Path.of(System.getProperty("jboss.home")), dir.resolve("node-" + n),
                Path.of(System.getProperty("xastream.ear")), portOffset, properties, "", WildFlyServer.NODE);
    }
}

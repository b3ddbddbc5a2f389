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
 * Issue 20, a node's first step: a WildFly node on the standalone broker (standalone-cluster.xml,
 * server-config remote-broker.cli) logs in as xastream-node, takes the transfers the feeder sent to
 * that broker, and settles each once in both ledgers, with its settled event back on that broker
 * and each account's debits in send order; in the shape of the pass (chained epochs, or a queue per
 * stage and one record per transaction).
 */
@ExtendWith(LedgerStack.class)
class BrokerNodeIT {

    private static final int TRANSFERS = 300;
    private static final BigDecimal OPENING = new BigDecimal("10000.00");

    @Test
    void aNodeOnTheStandaloneBrokerSettlesEveryTransferOnce() throws Exception {
        Map<String, ArtemisBroker.User> users = new LinkedHashMap<>();
        users.put("it-admin", new ArtemisBroker.User("it-admin-pw-1", List.of("xastream-admin")));
        users.put("xastream-node", new ArtemisBroker.User("node-pw-1", List.of("xastream-node")));
        users.put("feeder", new ArtemisBroker.User("feeder-pw-1", List.of("feeder")));
        int port = ArtemisBroker.freePort();
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "broker-node");
        Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());
        properties.put("xastream.broker.host", "127.0.0.1");
        properties.put("xastream.broker.port", String.valueOf(port));
        properties.put("xastream.broker.user", "xastream-node");
        properties.put("xastream.broker.password", "node-pw-1");
        List<String> a = Transfers.accounts("A", "BN", 10);
        List<String> b = Transfers.accounts("B", "BN", 10);
        List<Map.Entry<String, String>> records = Transfers.generate("bn-", TRANSFERS, a, b, 20);
        try (ArtemisBroker broker = ArtemisBroker.create(Path.of(System.getProperty("xastream.artemis.home")), dir.resolve("broker"),
                port, users).start(Duration.ofMinutes(1));
             WildFlyServer node = WildFlyServer.start(Path.of(System.getProperty("jboss.home")), dir.resolve("node"),
                     Path.of(System.getProperty("xastream.ear")), WildFlyServer.freePortOffset(), properties, "", WildFlyServer.NODE)) {
            node.awaitApplication(Duration.ofMinutes(3));
            Books.seed(a, OPENING);
            Books.seed(b, OPENING);
            try (Broker feeder = new Broker(broker.url(), "feeder", "feeder-pw-1")) {
                feeder.send(records);
            }
            assertEquals(TRANSFERS, Books.awaitOutcomes("bn-", TRANSFERS, Duration.ofMinutes(2)), "records settled by the node");
            try (Broker admin = new Broker(broker.url(), "it-admin", "it-admin-pw-1")) {
                ExactlyOnce.assertApplied("bn-", records, a, b, OPENING, admin);
            }
        }
    }
}

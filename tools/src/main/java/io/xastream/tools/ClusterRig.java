package io.xastream.tools;

import io.xastream.harness.ArtemisBroker;
import io.xastream.harness.LedgerEngines;
import io.xastream.harness.WildFlyServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A standalone Artemis broker and WildFly nodes on it (standalone-cluster.xml), on this machine,
 * writing the given ledgers: what the cluster command runs and measures. The broker is made from the
 * distribution server-config unpacked, with the identities the feeder's and the nodes' defaults log
 * in with; node n is {@code xastream-n} (its transaction node identifier), on port offset
 * {@code portOffset + 100 (n - 1)}, with its own base directory (its log store) under {@code dir}.
 */
final class ClusterRig implements AutoCloseable {

    /** The nodes' login: role xastream-node (broker.xml), also the credentials that recover their broker branches. */
    static final String NODE_USER = "xastream-node";
    static final String NODE_PASSWORD = "node-pw-1";

    private final ArtemisBroker broker;
    private final List<WildFlyServer> nodes;

    private ClusterRig(ArtemisBroker broker, List<WildFlyServer> nodes) {
        this.broker = broker;
        this.nodes = nodes;
    }

    static ClusterRig start(Path artemisHome, Path wildflyHome, Path ear, Path dir, LedgerEngines engines, int brokerPort,
                            int nodeCount, int portOffset, Map<String, String> extraProperties) throws Exception {
        Map<String, ArtemisBroker.User> users = new LinkedHashMap<>();
        // The first is the broker's admin (artemis create): the operator's, not used by the command.
        users.put("xastream-admin", new ArtemisBroker.User("admin-pw-1", List.of("xastream-admin")));
        users.put(NODE_USER, new ArtemisBroker.User(NODE_PASSWORD, List.of("xastream-node")));
        // The feeder's defaults (docs/operations.md): it sends with these, and reads downstream with the others.
        users.put("feeder", new ArtemisBroker.User("feeder-pw-1", List.of("feeder")));
        users.put("downstream", new ArtemisBroker.User("downstream-pw-1", List.of("downstream")));
        ArtemisBroker broker = ArtemisBroker.create(artemisHome, dir.resolve("broker"), brokerPort, users).start(Duration.ofMinutes(1));
        List<WildFlyServer> nodes = new ArrayList<>();
        ClusterRig rig = new ClusterRig(broker, nodes);
        try {
            for (int n = 1; n <= nodeCount; n++) {
                Map<String, String> properties = new LinkedHashMap<>(engines.serverProperties());
                properties.put("xastream.node.id", "xastream-" + n);
                properties.put("xastream.broker.host", "127.0.0.1");
                properties.put("xastream.broker.port", String.valueOf(brokerPort));
                properties.put("xastream.broker.user", NODE_USER);
                properties.put("xastream.broker.password", NODE_PASSWORD);
                properties.putAll(extraProperties);
                nodes.add(WildFlyServer.start(wildflyHome, dir.resolve("node-" + n), ear, portOffset + 100 * (n - 1), properties, "",
                        WildFlyServer.NODE));
            }
            for (WildFlyServer node : nodes) {
                node.awaitApplication(Duration.ofMinutes(3));
            }
            return rig;
        } catch (Exception | Error e) {
            rig.close();
            throw e;
        }
    }

    ArtemisBroker broker() {
        return broker;
    }

    List<WildFlyServer> nodes() {
        return nodes;
    }

    /** Nodes first (their sessions end cleanly while the broker is there), then the broker. */
    @Override
    public void close() {
        nodes.forEach(WildFlyServer::close);
        broker.close();
    }
}

package io.xastream.monitoring.control;

import io.xastream.broker.BrokerControl;
import io.xastream.broker.ManagementAttributes;
import io.xastream.contract.Streams;
import io.xastream.monitoring.entity.QueueStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The broker's own counters of every pipeline destination, read through its management
 * ({@link BrokerControl}): no browsing, whatever the depth. What each stage says of itself comes from
 * this server's MBeans.
 */
@ApplicationScoped
public class QueueStatistics {

    /** The input queues of the three stages: a record in flight is being delivered from one of them. */
    public static final List<String> STAGE_INPUTS = List.of(Streams.TRANSFERS, Streams.VALIDATED, Streams.APPLIED);

    /** Queue name, then the stage that reads it or what it collects; in the order of the page. */
    static final List<List<String>> PIPELINE = List.of(
            List.of(Streams.TRANSFERS, "validate"),
            List.of(Streams.VALIDATED, "apply"),
            List.of(Streams.APPLIED, "aggregate"),
            List.of(Streams.WINDOWS, "closed windows"),
            List.of(Streams.SETTLED, "settled events"),
            List.of(Streams.REJECTED, "rejected records"),
            List.of(Streams.DEADLETTER, "dead letters"));

    static final List<String> STAGES = List.of("validate", "apply", "aggregate");

    /** Each stage's MXBean, registered by the ejb module (io.xastream.stream.boundary.StageStatistics). */
    static final String STAGE_BEAN = "io.xastream:type=stage,name=";

    static final String[] ATTRIBUTES = {"messageCount", "deliveringCount", "consumerCount", "messagesAdded"};

    private static final Logger LOG = Logger.getLogger(QueueStatistics.class.getName());

    private final MBeanServer server;

    @Inject
    BrokerControl broker;

    public QueueStatistics() {
        this(ManagementFactory.getPlatformMBeanServer(), null);
    }

    QueueStatistics(MBeanServer server, BrokerControl broker) {
        this.server = server;
        this.broker = broker;
    }

    public List<QueueStatus> read() {
        List<QueueStatus> queues = new ArrayList<>();
        for (List<String> destination : PIPELINE) {
            String name = destination.get(0);
            String role = destination.get(1);
            try {
                Map<String, Long> values = broker.queueCounters(name, ATTRIBUTES);
                Map<String, Object> stage = STAGES.contains(role) ? stage(role) : Map.of();
                queues.add(new QueueStatus(name, stage.isEmpty() ? withMode(role) : label(role, stage),
                        values.get("messageCount"), values.get("deliveringCount"), values.get("consumerCount"),
                        values.get("messagesAdded"), (Long) stage.get("RecordsHandled")));
            } catch (JMException | RuntimeException e) {
                LOG.warning(() -> "queue " + name + " unreadable: " + e);
            }
        }
        return queues;
    }

    /**
     * This server's stages as one line, each with its consumers and mode ({@code validate ×16 (epochs of
     * up to 100); …}), and the most records any of them handled: what a node reports of itself.
     */
    public Stages stages() {
        List<String> labels = new ArrayList<>();
        long handled = 0;
        for (String name : STAGES) {
            Map<String, Object> stage = stage(name);
            String label = stage.isEmpty() ? withMode(name) : label(name, stage);
            // A stage off, or chained in another's transactions, runs no consumers of its own.
            boolean ownConsumers = !label.startsWith(name + " (off") && !label.contains("chained after");
            String consumers = System.getProperty("xastream.stage." + name + ".consumers", System.getProperty("xastream.transfers.consumers", "16")).trim();
            labels.add(ownConsumers ? name + " ×" + consumers + label.substring(name.length()) : label);
            if (stage.get("RecordsHandled") instanceof Number records) {
                handled = Math.max(handled, records.longValue());
            }
        }
        return new Stages(String.join("; ", labels), handled);
    }

    /** @param labels each stage with its consumers and mode; @param handled the most records one of them handled */
    public record Stages(String labels, long handled) {
    }

    /** What the stage says of itself (io.xastream:type=stage MXBeans): empty when it is not deployed. */
    private Map<String, Object> stage(String name) {
        try {
            Map<String, Object> values = new HashMap<>();
            for (Attribute attribute : server.getAttributes(ManagementAttributes.objectName(STAGE_BEAN + name),
                    new String[]{"RecordsHandled", "Mode", "ChainedAfter"}).asList()) {
                values.put(attribute.getName(), attribute.getValue());
            }
            return values.size() == 3 ? values : Map.of();
        } catch (JMException | RuntimeException e) {
            return Map.of();
        }
    }

    /** A stage's label from what it reports: its mode, and the stage it runs chained after. */
    static String label(String stage, Map<String, Object> reported) {
        String chainedAfter = String.valueOf(reported.get("ChainedAfter"));
        String mode = String.valueOf(reported.get("Mode"));
        if (!chainedAfter.isEmpty() && !"off".equals(mode)) {
            return stage + " (chained after " + chainedAfter + ", in its transaction)";
        }
        return withMode(stage, mode);
    }

    /** A stage's name with its consumer mode (docs/topology.md); other labels as they are. */
    static String withMode(String label) {
        if (!STAGES.contains(label)) {
            return label;
        }
        return withMode(label, System.getProperty("xastream.stage." + label + ".mode", "epoch").trim());
    }

    private static String withMode(String label, String mode) {
        if ("epoch".equalsIgnoreCase(mode)) {
            return label + " (epochs of up to " + System.getProperty("xastream.stage." + label + ".epoch-records", "100").trim() + ")";
        }
        if ("local".equalsIgnoreCase(mode)) {
            return label + " (at least once, no XA: benchmark baseline)";
        }
        return "off".equalsIgnoreCase(mode) ? label + " (off on this server)" : label + " (per record)";
    }

    /** The record ids of the messages consumers of the queue hold right now, uncommitted. */
    public Set<String> deliveringRecordIds(String name) {
        try {
            return RecordIds.in(broker.deliveringMessagesJson(name));
        } catch (JMException | RuntimeException e) {
            LOG.fine(() -> "messages in delivery on " + name + " unreadable: " + e);
            return Set.of();
        }
    }
}

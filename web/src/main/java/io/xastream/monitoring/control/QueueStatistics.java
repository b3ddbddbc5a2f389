package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.QueueStatus;
import jakarta.enterprise.context.ApplicationScoped;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The broker's own counters of every pipeline destination, read through WildFly's management model
 * (JMX, in-process): no JMS connection and no browsing, whatever the depth.
 */
@ApplicationScoped
public class QueueStatistics {

    public static final String TRANSFERS = "xastream.transfers";
    public static final String VALIDATED = "xastream.validated";
    public static final String APPLIED = "xastream.applied";
    public static final String DEAD_LETTER = "xastream.deadletter";
    /** The input queues of the three stages: a record in flight is being delivered from one of them. */
    public static final List<String> STAGE_INPUTS = List.of(TRANSFERS, VALIDATED, APPLIED);

    /** Queue name, then the stage that reads it or what it collects; in the order of the page. */
    static final List<List<String>> PIPELINE = List.of(
            List.of(TRANSFERS, "validate"),
            List.of(VALIDATED, "apply"),
            List.of(APPLIED, "aggregate"),
            List.of("xastream.windows", "closed windows"),
            List.of("xastream.settled", "settled events"),
            List.of("xastream.rejected", "rejected records"),
            List.of(DEAD_LETTER, "dead letters"));

    static final List<String> STAGES = List.of("validate", "apply", "aggregate");

    static final String[] ATTRIBUTES = {"messageCount", "deliveringCount", "consumerCount", "messagesAdded"};

    private static final Logger LOG = Logger.getLogger(QueueStatistics.class.getName());

    private final MBeanServer server;
    private final ManagementAttributes attributes;

    public QueueStatistics() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    QueueStatistics(MBeanServer server) {
        this.server = server;
        this.attributes = new ManagementAttributes(server);
    }

    public List<QueueStatus> read() {
        List<QueueStatus> queues = new ArrayList<>();
        for (List<String> destination : PIPELINE) {
            String name = destination.get(0);
            String stage = withMode(destination.get(1));
            try {
                Map<String, Long> values = attributes.longs(queue(name), ATTRIBUTES);
                queues.add(new QueueStatus(name, stage, values.get("messageCount"), values.get("deliveringCount"),
                        values.get("consumerCount"), values.get("messagesAdded")));
            } catch (JMException | RuntimeException e) {
                LOG.warning(() -> "queue " + name + " unreadable: " + e);
            }
        }
        return queues;
    }

    /** A stage's name with its consumer mode (docs/topology.md); other labels as they are. */
    static String withMode(String label) {
        if (!STAGES.contains(label)) {
            return label;
        }
        String prefix = "xastream.stage." + label + ".";
        String mode = System.getProperty(prefix + "mode", "record").trim();
        if ("epoch".equalsIgnoreCase(mode)) {
            return label + " (epochs of up to " + System.getProperty(prefix + "epoch-records", "100").trim() + ")";
        }
        if ("local".equalsIgnoreCase(mode)) {
            return label + " (at least once, no XA: benchmark baseline)";
        }
        return "off".equalsIgnoreCase(mode) ? label + " (off on this server)" : label + " (per record)";
    }

    /** The record ids of the messages consumers of the queue hold right now, uncommitted. */
    public Set<String> deliveringRecordIds(String name) {
        try {
            Object json = server.invoke(queue(name), "listDeliveringMessagesAsJson", new Object[0], new String[0]);
            return json == null ? Set.of() : RecordIds.in(json.toString());
        } catch (JMException | RuntimeException e) {
            LOG.fine(() -> "messages in delivery on " + name + " unreadable: " + e);
            return Set.of();
        }
    }

    static ObjectName queue(String name) {
        return ManagementAttributes.objectName("jboss.as:subsystem=messaging-activemq,server=default,jms-queue=" + name);
    }
}

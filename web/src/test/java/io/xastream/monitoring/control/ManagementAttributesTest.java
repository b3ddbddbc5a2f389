package io.xastream.monitoring.control;

import io.xastream.broker.EmbeddedBroker;
import io.xastream.broker.ManagementAttributes;
import io.xastream.contract.Streams;
import io.xastream.monitoring.entity.QueueStatus;
import io.xastream.monitoring.entity.TransactionCounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stands in WildFly's jboss.as MBeans with a plain DynamicMBean in a private MBeanServer. */
class ManagementAttributesTest {

    MBeanServer server;

    @BeforeEach
    void createServer() {
        server = MBeanServerFactory.newMBeanServer();
    }

    static Map<String, Object> narayana() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("numberOfTransactions", 10L);
        attributes.put("numberOfCommittedTransactions", 8L);
        attributes.put("numberOfAbortedTransactions", 2L);
        attributes.put("numberOfApplicationRollbacks", 1L);
        attributes.put("numberOfResourceRollbacks", 0L);
        attributes.put("numberOfSystemRollbacks", 1L);
        attributes.put("numberOfHeuristics", 0L);
        attributes.put("numberOfInflightTransactions", 3L);
        attributes.put("numberOfTimedOutTransactions", 0L);
        attributes.put("averageCommitTime", 1_234_567L);
        return attributes;
    }

    @Test
    void readsNarayanaCounters() throws Exception {
        server.registerMBean(new Attributes(narayana()), TransactionStatistics.TRANSACTIONS);

        Optional<TransactionCounts> counts = new TransactionStatistics(server).read();

        assertEquals(Optional.of(new TransactionCounts(10, 8, 2, 1, 0, 1, 0, 3, 0, 1_234_567)), counts);
    }

    @Test
    void givesUpOnNarayanaCountersWhenOneIsMissing() throws Exception {
        Map<String, Object> attributes = narayana();
        attributes.remove("numberOfHeuristics");
        server.registerMBean(new Attributes(attributes), TransactionStatistics.TRANSACTIONS);

        assertTrue(new TransactionStatistics(server).read().isEmpty());
    }

    @Test
    void givesUpOnNarayanaCountersWithoutTheSubsystem() {
        assertTrue(new TransactionStatistics(server).read().isEmpty());
    }

    @Test
    void namesEachStageWithItsConsumerMode() throws Exception {
        server.registerMBean(new Attributes(Map.of("messageCount", 7L, "deliveringCount", 2, "consumerCount", 16,
                "messagesAdded", 90L)), EmbeddedBroker.queue(Streams.VALIDATED));
        System.setProperty("xastream.stage.apply.mode", "epoch");
        System.setProperty("xastream.stage.apply.epoch-records", "10");
        try {
            assertEquals(List.of(new QueueStatus(Streams.VALIDATED, "apply (epochs of up to 10)", 7, 2, 16, 90)),
                    new QueueStatistics(server, new EmbeddedBroker(server)).read());
        } finally {
            System.clearProperty("xastream.stage.apply.mode");
            System.clearProperty("xastream.stage.apply.epoch-records");
        }
        assertEquals("validate (epochs of up to 100)", QueueStatistics.withMode("validate"));
        System.setProperty("xastream.stage.aggregate.mode", "off");
        System.setProperty("xastream.stage.validate.mode", "local");
        try {
            assertEquals("aggregate (off on this server)", QueueStatistics.withMode("aggregate"));
            assertEquals("validate (at least once, no XA: benchmark baseline)", QueueStatistics.withMode("validate"));
        } finally {
            System.clearProperty("xastream.stage.validate.mode");
            System.clearProperty("xastream.stage.aggregate.mode");
        }
        assertEquals("dead letters", QueueStatistics.withMode("dead letters"));
    }

    @Test
    void aStageSaysWhatItHandledAndWhetherItRunsChained() throws Exception {
        server.registerMBean(new Attributes(Map.of("messageCount", 0L, "deliveringCount", 0, "consumerCount", 1,
                "messagesAdded", 0L)), EmbeddedBroker.queue(Streams.APPLIED));
        server.registerMBean(new Attributes(Map.of("RecordsHandled", 250L, "Mode", "epoch", "ChainedAfter", "apply")),
                ManagementAttributes.objectName(QueueStatistics.STAGE_BEAN + "aggregate"));

        assertEquals(List.of(new QueueStatus(Streams.APPLIED, "aggregate (chained after apply, in its transaction)", 0, 0, 1, 0, 250L)),
                new QueueStatistics(server, new EmbeddedBroker(server)).read());
        assertEquals("aggregate (per record)", QueueStatistics.label("aggregate", Map.of("Mode", "record", "ChainedAfter", "")));
    }

    @Test
    void aNodeReportsItsStagesWithTheirConsumersAndItsBusiestStage() throws Exception {
        server.registerMBean(new Attributes(Map.of("RecordsHandled", 900L, "Mode", "epoch", "ChainedAfter", "")),
                ManagementAttributes.objectName(QueueStatistics.STAGE_BEAN + "validate"));
        server.registerMBean(new Attributes(Map.of("RecordsHandled", 880L, "Mode", "epoch", "ChainedAfter", "validate")),
                ManagementAttributes.objectName(QueueStatistics.STAGE_BEAN + "apply"));
        server.registerMBean(new Attributes(Map.of("RecordsHandled", 0L, "Mode", "off", "ChainedAfter", "")),
                ManagementAttributes.objectName(QueueStatistics.STAGE_BEAN + "aggregate"));
        System.setProperty("xastream.stage.validate.consumers", "4");
        try {
            QueueStatistics.Stages stages = new QueueStatistics(server, new EmbeddedBroker(server)).stages();
            assertEquals("validate ×4 (epochs of up to 100); apply (chained after validate, in its transaction); "
                    + "aggregate (off on this server)", stages.labels());
            assertEquals(900, stages.handled());
        } finally {
            System.clearProperty("xastream.stage.validate.consumers");
        }
    }

    @Test
    void aNodeSilentForFiveReportsIsShownSilent() {
        assertEquals("running", ClusterNodes.stateAfter("running", 10));
        assertEquals("silent", ClusterNodes.stateAfter("running", 11));
        assertEquals("silent", ClusterNodes.stateAfter("recovering", 3600));
    }

    @Test
    void readsTheDeadLetterDepth() throws Exception {
        server.registerMBean(new Attributes(Map.of("messageCount", 4L, "deliveringCount", 1, "consumerCount", 0,
                "messagesAdded", 9L)), EmbeddedBroker.queue(Streams.DEADLETTER));

        assertEquals(List.of(new QueueStatus(Streams.DEADLETTER, "dead letters", 4, 1, 0, 9)),
                new QueueStatistics(server, new EmbeddedBroker(server)).read());
    }

    @Test
    void leavesOutAQueueTheBrokerDoesNotDescribe() throws Exception {
        server.registerMBean(new Attributes(Map.of("messageCount", 4L)), EmbeddedBroker.queue("xastream.settled"));

        assertTrue(new QueueStatistics(server, new EmbeddedBroker(server)).read().isEmpty());
    }

    @Test
    void convertsManagementModelValues() {
        assertEquals(7L, ManagementAttributes.toLong(7));
        assertEquals(7L, ManagementAttributes.toLong(7L));
        assertEquals(7L, ManagementAttributes.toLong(" 7 "));
        assertEquals(0L, ManagementAttributes.toLong(null));
    }

    /** Read-only attributes from a map. */
    static final class Attributes implements DynamicMBean {

        private final Map<String, Object> values;

        Attributes(Map<String, Object> values) {
            this.values = values;
        }

        @Override
        public Object getAttribute(String name) throws AttributeNotFoundException {
            if (!values.containsKey(name)) {
                throw new AttributeNotFoundException(name);
            }
            return values.get(name);
        }

        @Override
        public AttributeList getAttributes(String[] names) {
            AttributeList list = new AttributeList();
            for (String name : names) {
                if (values.containsKey(name)) {
                    list.add(new Attribute(name, values.get(name)));
                }
            }
            return list;
        }

        @Override
        public void setAttribute(Attribute attribute) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AttributeList setAttributes(AttributeList attributes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object invoke(String action, Object[] params, String[] signature) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            return new MBeanInfo(Attributes.class.getName(), "test", null, null, null, null);
        }
    }
}

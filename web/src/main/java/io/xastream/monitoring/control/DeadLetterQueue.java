package io.xastream.monitoring.control;

import jakarta.enterprise.context.ApplicationScoped;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Depth of the dead-letter queue, from the broker's own count: cheaper than browsing every
 * message with a JMS QueueBrowser, and it needs no connection from the pool.
 */
@ApplicationScoped
public class DeadLetterQueue {

    static final ObjectName DEADLETTER = ManagementAttributes.objectName(
            "jboss.as:subsystem=messaging-activemq,server=default,jms-queue=xastream.deadletter");

    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class.getName());

    private final ManagementAttributes attributes;

    public DeadLetterQueue() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    DeadLetterQueue(MBeanServer server) {
        this.attributes = new ManagementAttributes(server);
    }

    /** Messages waiting in the queue (delivered but unacknowledged ones included); empty if unreadable. */
    public OptionalLong depth() {
        try {
            return OptionalLong.of(attributes.longs(DEADLETTER, "messageCount").get("messageCount"));
        } catch (JMException | RuntimeException e) {
            LOG.warning(() -> "dead-letter queue depth unreadable: " + e);
            return OptionalLong.empty();
        }
    }
}

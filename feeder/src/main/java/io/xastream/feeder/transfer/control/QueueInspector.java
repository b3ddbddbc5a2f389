package io.xastream.feeder.transfer.control;

import io.xastream.contract.MessageProperties;
import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.transfer.entity.DrainResult;
import io.xastream.feeder.transfer.entity.RecordIdTally;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;

/** Counts (by browsing) or drains (by consuming) the messages of a queue over one connection. */
public final class QueueInspector implements AutoCloseable {

    private final Connection connection;

    public QueueInspector(BrokerEndpoint broker) throws JMSException {
        connection = broker.connectionFactory().createConnection();
        try {
            connection.start();
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Messages currently in the queue, left in place. */
    public long browseCount(String queue) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            long count = 0;
            for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); messages.nextElement()) {
                count++;
            }
            return count;
        }
    }

    /**
     * Consumes up to {@code max} messages, stopping once none has arrived for {@code idle}.
     * Each batch of 100 is committed, so an interrupted drain loses nothing it did not count.
     */
    public DrainResult drain(String queue, long max, Duration idle) throws JMSException {
        return drain(queue, max, idle, new RecordIdTally());
    }

    /** As {@link #drain(String, long, Duration)}, adding the record ids to the tally (kept over several drains). */
    public DrainResult drain(String queue, long max, Duration idle, RecordIdTally ids) throws JMSException {
        Map<String, Long> byReason = new TreeMap<>();
        long count = 0;
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            while (count < max) {
                Message message = consumer.receive(Math.max(1, idle.toMillis()));
                if (message == null) {
                    break;
                }
                count++;
                ids.add(message.getStringProperty(MessageProperties.RECORD_ID));
                String reason = message.getStringProperty(MessageProperties.REASON);
                if (reason != null) {
                    byReason.merge(reason, 1L, Long::sum);
                }
                if (count % 100 == 0) {
                    session.commit();
                }
            }
            session.commit();
        }
        return new DrainResult(queue, count, byReason, ids);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}

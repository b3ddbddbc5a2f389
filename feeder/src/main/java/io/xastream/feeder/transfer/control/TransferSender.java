package io.xastream.feeder.transfer.control;

import io.xastream.contract.MessageProperties;
import io.xastream.contract.Streams;
import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.transfer.entity.TransferRecord;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.Message;

/**
 * Sends message bodies as they are, persistent, to a queue (by default {@code xastream.transfers}).
 * Sends are batched in a transacted session: one commit (one round trip and one journal sync
 * on the broker) per batch instead of per message. Each record is keyed by its paying account, so
 * the server keeps the order of one account's transfers. Nothing is validated: invalid records must
 * reach the server so that it rejects them.
 */
public final class TransferSender implements AutoCloseable {

    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Artemis's duplicate-detection property (_AMQ_DUPL_ID): a String over JMS. */
    private static final String DUPLICATE_ID = Message.HDR_DUPLICATE_DETECTION_ID.toString();

    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final int batchSize;
    private final boolean duplicateIds;
    private int pending;
    private long sent;
    private long confirmed;

    public TransferSender(BrokerEndpoint broker) throws JMSException {
        this(broker, Streams.TRANSFERS, DEFAULT_BATCH_SIZE);
    }

    public TransferSender(BrokerEndpoint broker, String queue, int batchSize) throws JMSException {
        this(broker, queue, positive(batchSize), false);
    }

    private static int positive(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        return batchSize;
    }

    /**
     * A sender whose sends may be repeated after a failure left them unconfirmed: every message
     * carries the broker's duplicate id, its record id, so the broker stores a record once on the
     * queue however often it arrives (within its duplicate-id cache, 20,000 ids per address by
     * default, kept in the journal). With {@code batchSize} 0 nothing is transacted: each send
     * returns once the broker has stored the message or dropped it as a copy, so repeating the sends
     * of a commit that failed never fails. (In a transaction, a copy fails the whole commit.)
     */
    public static TransferSender withDuplicateIds(BrokerEndpoint broker, String queue, int batchSize) throws JMSException {
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be >= 0: " + batchSize);
        }
        return new TransferSender(broker, queue, batchSize, true);
    }

    private TransferSender(BrokerEndpoint broker, String queue, int batchSize, boolean duplicateIds) throws JMSException {
        this.batchSize = batchSize;
        this.duplicateIds = duplicateIds;
        this.connection = broker.connectionFactory().createConnection();
        try {
            this.session = batchSize > 0 ? connection.createSession(true, Session.SESSION_TRANSACTED)
                    : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            this.producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Sends one body, tagged with the id it contains if one can be read. */
    public void send(String body) throws JMSException {
        send(body, TransferRecord.idIn(body));
    }

    /** Sends one body; {@code recordId} may be null. Commits when the batch is full. */
    public void send(String body, String recordId) throws JMSException {
        TextMessage message = session.createTextMessage(body);
        if (recordId != null) {
            message.setStringProperty(MessageProperties.RECORD_ID, recordId);
            if (duplicateIds) {
                message.setStringProperty(DUPLICATE_ID, recordId);
            }
        }
        String key = TransferRecord.keyIn(body);
        if (key != null) {
            message.setStringProperty(MessageProperties.KEY, key);
        }
        producer.send(message);
        sent++;
        if (batchSize == 0) {
            confirmed = sent;
        } else if (++pending >= batchSize) {
            commit();
        }
    }

    /** Makes everything sent so far visible to the server. */
    public void commit() throws JMSException {
        if (pending > 0) {
            session.commit();
            pending = 0;
            confirmed = sent;
        }
    }

    /** Messages handed to {@link #send}, committed or not. */
    public long sent() {
        return sent;
    }

    /** Messages the broker confirmed it stored (their commit, or their own send, returned). */
    public long confirmed() {
        return confirmed;
    }

    /** Commits what is pending, then closes. */
    @Override
    public void close() throws JMSException {
        try {
            commit();
        } finally {
            connection.close();
        }
    }
}

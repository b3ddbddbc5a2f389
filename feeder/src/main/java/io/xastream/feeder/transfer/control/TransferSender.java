package io.xastream.feeder.transfer.control;

import io.xastream.contract.MessageProperties;
import io.xastream.contract.Streams;
import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.transfer.entity.TransferRecord;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Sends message bodies as they are, persistent, to a queue (by default {@code xastream.transfers}).
 * Sends are batched in a transacted session: one commit (one round trip and one journal sync
 * on the broker) per batch instead of per message. Each record is keyed by its paying account, so
 * the server keeps the order of one account's transfers. Nothing is validated: invalid records must
 * reach the server so that it rejects them.
 * <p>
 * A {@linkplain #resending resending} sender rides over a broker that goes away (a server restarted
 * or killed while it sends): it keeps the records of the open batch, and when a send or a commit
 * fails it connects again until the broker is back and sends them once more. Each message carries
 * the broker's duplicate id, unique to this transmission, so the broker drops what of them it had
 * already stored (the commit may have reached the journal before the connection broke): every record
 * is queued once, and records repeated on purpose in the input are still sent as often as given.
 */
public final class TransferSender implements AutoCloseable {

    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Artemis's duplicate-detection property (_AMQ_DUPL_ID): a String over JMS. */
    private static final String DUPLICATE_ID = Message.HDR_DUPLICATE_DETECTION_ID.toString();
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long LONGEST_PAUSE_MILLIS = 5_000;

    /** How a message's duplicate id is chosen: none, the record id, or one per transmission. */
    private enum DuplicateIds { NONE, RECORD_ID, PER_SEND }

    private final ConnectionFactory factory;
    private final String queue;
    private final int batchSize;
    private final DuplicateIds duplicateIds;
    /** Resending only: how long to wait for the broker to come back, and where to say so. */
    private final Duration retryFor;
    private final Consumer<String> log;
    private final String transmission = UUID.randomUUID().toString();
    /** Resending only: the records sent since the last confirmation. */
    private final List<Outgoing> unconfirmed = new ArrayList<>();
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private int pending;
    private long sent;
    private long confirmed;
    private long resent;
    private int outages;

    private record Outgoing(String body, String recordId, String duplicateId) {
    }

    public TransferSender(BrokerEndpoint broker) throws JMSException {
        this(broker, Streams.TRANSFERS, DEFAULT_BATCH_SIZE);
    }

    public TransferSender(BrokerEndpoint broker, String queue, int batchSize) throws JMSException {
        this(broker, queue, positive(batchSize), DuplicateIds.NONE, null, line -> { });
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
        return new TransferSender(broker, queue, batchSize, DuplicateIds.RECORD_ID, null, line -> { });
    }

    /**
     * A sender that, when the broker goes away, waits up to {@code retryFor} for it to come back and
     * sends the unconfirmed records again (see the class comment); it says so on {@code log}.
     */
    public static TransferSender resending(BrokerEndpoint broker, String queue, int batchSize, Duration retryFor,
                                           Consumer<String> log) throws JMSException {
        if (retryFor.isNegative()) {
            throw new IllegalArgumentException("retry time must be >= 0: " + retryFor);
        }
        return new TransferSender(broker, queue, positive(batchSize), DuplicateIds.PER_SEND, retryFor, log);
    }

    private TransferSender(BrokerEndpoint broker, String queue, int batchSize, DuplicateIds duplicateIds,
                           Duration retryFor, Consumer<String> log) throws JMSException {
        this.factory = broker.connectionFactory();
        this.queue = queue;
        this.batchSize = batchSize;
        this.duplicateIds = duplicateIds;
        this.retryFor = retryFor;
        this.log = log;
        this.connection = factory.createConnection();
        try {
            open(batchSize > 0);
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void open(boolean transacted) throws JMSException {
        session = transacted ? connection.createSession(true, Session.SESSION_TRANSACTED)
                : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(session.createQueue(queue));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
    }

    /** Sends one body, tagged with the id it contains if one can be read. */
    public void send(String body) throws JMSException {
        send(body, TransferRecord.idIn(body));
    }

    /** Sends one body; {@code recordId} may be null. Commits when the batch is full. */
    public void send(String body, String recordId) throws JMSException {
        Outgoing outgoing = new Outgoing(body, recordId, switch (duplicateIds) {
            case NONE -> null;
            case RECORD_ID -> recordId;
            case PER_SEND -> transmission + "-" + (sent + 1);
        });
        sent++;
        if (retryFor != null) {
            unconfirmed.add(outgoing);
        }
        try {
            producer.send(message(session, outgoing));
        } catch (JMSException | JMSRuntimeException e) {
            recoverOrThrow(e);
            return;
        }
        if (batchSize == 0) {
            confirmed = sent;
        } else if (++pending >= batchSize) {
            commit();
        }
    }

    private static TextMessage message(Session session, Outgoing outgoing) throws JMSException {
        TextMessage message = session.createTextMessage(outgoing.body());
        if (outgoing.recordId() != null) {
            message.setStringProperty(MessageProperties.RECORD_ID, outgoing.recordId());
        }
        if (outgoing.duplicateId() != null) {
            message.setStringProperty(DUPLICATE_ID, outgoing.duplicateId());
        }
        String key = TransferRecord.keyIn(outgoing.body());
        if (key != null) {
            message.setStringProperty(MessageProperties.KEY, key);
        }
        return message;
    }

    /** Makes everything sent so far visible to the server. */
    public void commit() throws JMSException {
        if (pending > 0) {
            try {
                session.commit();
            } catch (JMSException | JMSRuntimeException e) {
                recoverOrThrow(e);
                return;
            }
            pending = 0;
            confirmed = sent;
            unconfirmed.clear();
        }
    }

    /**
     * Resending: connects again until the broker is back or {@code retryFor} has passed, and sends the
     * unconfirmed records one by one outside a transaction (each stored, or dropped as a copy, when
     * its send returns). Otherwise, or when the failure is not the connection's, throws it.
     */
    private void recoverOrThrow(Exception failure) throws JMSException {
        if (retryFor == null || failure instanceof JMSSecurityException || failure instanceof InvalidDestinationException) {
            if (failure instanceof JMSException jms) {
                throw jms;
            }
            throw (JMSRuntimeException) failure;
        }
        outages++;
        long started = System.nanoTime();
        log.accept(String.format(Locale.ROOT, "the broker went away after %d of %d records were confirmed (%s): "
                + "sending the other %d again once it is back (up to %s)", confirmed, sent, failure.getMessage(),
                unconfirmed.size(), retryFor));
        closeInBackground(connection);
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            Connection again = null;
            try {
                again = factory.createConnection();
                connection = again;
                open(false);
                for (Outgoing outgoing : unconfirmed) {
                    producer.send(message(session, outgoing));
                }
                if (batchSize > 0) {
                    session.close();
                    open(true);
                }
                resent += unconfirmed.size();
                log.accept(String.format(Locale.ROOT, "the broker is back after %.1f s: %d records sent again "
                        + "(it dropped any it had stored before)", (System.nanoTime() - started) / 1e9, unconfirmed.size()));
                unconfirmed.clear();
                pending = 0;
                confirmed = sent;
                return;
            } catch (JMSSecurityException e) {
                throw e;
            } catch (JMSException | JMSRuntimeException e) {
                closeInBackground(again);
                if (System.nanoTime() - started + pause * 1_000_000 > retryFor.toNanos()) {
                    JMSException gaveUp = new JMSException("the broker did not come back within " + retryFor + ": "
                            + unconfirmed.size() + " records unconfirmed, the first " + unconfirmed.get(0).recordId()
                            + " (" + e.getMessage() + ")");
                    gaveUp.initCause(failure);
                    throw gaveUp;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw (JMSException) new JMSException("interrupted while waiting for the broker").initCause(interrupted);
                }
                pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
            }
        }
    }

    /** A broken connection's close can wait for the client's call timeout: not on the sender's time. */
    private static void closeInBackground(Connection broken) {
        if (broken == null) {
            return;
        }
        Thread closer = new Thread(() -> {
            try {
                broken.close();
            } catch (JMSException | RuntimeException ignored) {
                // it is broken already
            }
        }, "close-broken-connection");
        closer.setDaemon(true);
        closer.start();
    }

    /** Messages handed to {@link #send}, committed or not. */
    public long sent() {
        return sent;
    }

    /** Messages the broker confirmed it stored (their commit, or their own send, returned). */
    public long confirmed() {
        return confirmed;
    }

    /** Records sent again after the broker came back. */
    public long resent() {
        return resent;
    }

    /** How often the broker went away while this sender sent. */
    public int outages() {
        return outages;
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

package io.xastream.operation.control;

import io.xastream.contract.MessageProperties;
import io.xastream.contract.Streams;
import io.xastream.contract.TransferFormat;
import io.xastream.operation.entity.ActionResult;
import io.xastream.operation.entity.ParkedRecord;
import io.xastream.operation.entity.ParkingQueue;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Browses the parking queues and moves one message out of them: back to the transfer stream
 * (replay) or nowhere (discard). A move is one XA transaction over the broker and ledger A: the
 * message leaves the parking queue, reaches the stream and is audited together, or none of it.
 * The JMS contexts come from the XA pooled factory, as the dashboard's own broker identity
 * (xastream-dashboard, server-config jms-security.cli): it may browse the transfer stream, take from
 * the parking queues and send to the stream, not read the settled events or feed the other stages.
 */
@ApplicationScoped
public class ParkedRecords {

    /** What Artemis names a JMS message id: "ID:" and a UUID. Checked before it goes into a selector. */
    public static final Pattern MESSAGE_ID = Pattern.compile("ID:[0-9A-Za-z-]{1,64}");
    /** Set by Artemis on a message it dead-letters. */
    static final String ORIGINAL_QUEUE_PROPERTY = "_AMQ_ORIG_QUEUE";
    /** The message was browsed a moment ago: if it is not there within this time, someone else took it. */
    static final long RECEIVE_TIMEOUT_MILLIS = 2_000;

    /** The broker identity's password, a system property the configure script sets. */
    static final String PASSWORD_PROPERTY = "xastream.dashboard.jms-password";
    static final String USER = "xastream-dashboard";

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connections;

    @Inject
    AuditLog audit;

    @Resource(lookup = Streams.TRANSFERS_JNDI)
    Queue transfers;

    /** The aggregate stage's input: a settled event parked there goes back there, not to the start. */
    @Resource(lookup = Streams.APPLIED_JNDI)
    Queue applied;

    @Resource(lookup = Streams.DEADLETTER_JNDI)
    Queue deadLetters;

    @Resource(lookup = Streams.REJECTED_JNDI)
    Queue rejected;

    /** Up to {@code limit} messages, oldest first, without taking any. */
    @Transactional(TxType.NOT_SUPPORTED)
    public List<ParkedRecord> browse(ParkingQueue parking, int limit) throws JMSException {
        return browse(parking, null, limit);
    }

    /** The parked messages of one record (validated id: it becomes part of a selector). */
    @Transactional(TxType.NOT_SUPPORTED)
    public List<ParkedRecord> ofRecord(ParkingQueue parking, String recordId) throws JMSException {
        return browse(parking, MessageProperties.RECORD_ID + " = '" + requireValid(TransferFormat.RECORD_ID, recordId) + "'", 100);
    }

    /** The record's messages still waiting on the transfer stream (not those being delivered right now). */
    @Transactional(TxType.NOT_SUPPORTED)
    public List<ParkedRecord> waitingOnStream(String recordId) throws JMSException {
        return browse(transfers, MessageProperties.RECORD_ID + " = '" + requireValid(TransferFormat.RECORD_ID, recordId) + "'", 100);
    }

    @Transactional(TxType.NOT_SUPPORTED)
    public Optional<ParkedRecord> find(ParkingQueue parking, String messageId) throws JMSException {
        return browse(parking, byMessageId(messageId), 1).stream().findFirst();
    }

    private List<ParkedRecord> browse(ParkingQueue parking, String selector, int limit) throws JMSException {
        return browse(queueOf(parking), selector, limit);
    }

    private List<ParkedRecord> browse(Queue queue, String selector, int limit) throws JMSException {
        List<ParkedRecord> records = new ArrayList<>();
        try (JMSContext jms = context(); QueueBrowser browser = jms.createBrowser(queue, selector)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && records.size() < limit) {
                records.add(describe((Message) messages.nextElement()));
            }
        }
        return records;
    }

    /**
     * Sends the parked record's original body to the transfer stream, where it is processed like a new
     * one; a settled event dead-lettered by the aggregate stage goes back to that stage's queue.
     */
    @Transactional(value = TxType.REQUIRED, rollbackOn = Exception.class)
    public ActionResult replay(ParkingQueue parking, String messageId, String actor) throws JMSException {
        String target = parking.path() + "/" + messageId;
        try (JMSContext jms = context()) {
            ActionResult result = replay(jms, parking, messageId, target, actor);
            audit.recordWithAction(actor, result);
            return result;
        }
    }

    private ActionResult replay(JMSContext jms, ParkingQueue parking, String messageId, String target, String actor)
            throws JMSException {
        Optional<Message> taken = take(jms, parking, messageId);
        ActionResult result;
        if (taken.isEmpty()) {
            result = new ActionResult("replay", target, ActionResult.NOT_FOUND, "no such message in " + parking.path());
        } else {
            Message parked = taken.get();
            String recordId = parked.getStringProperty(MessageProperties.RECORD_ID);
            var producer = jms.createProducer()
                    .setProperty(MessageProperties.REPLAYED_FROM, parking.path())
                    .setProperty(MessageProperties.REPLAYED_BY, actor);
            if (recordId != null) {
                producer.setProperty(MessageProperties.RECORD_ID, recordId);
            }
            if (parked.propertyExists(MessageProperties.KEY)) {
                producer.setProperty(MessageProperties.KEY, parked.getStringProperty(MessageProperties.KEY));
            }
            boolean toAggregate = Streams.APPLIED.equals(originalQueue(parked));
            producer.send(toAggregate ? applied : transfers, body(parked));
            result = new ActionResult("replay", target, ActionResult.DONE,
                    "record " + (recordId == null ? "without id" : recordId) + " sent to "
                            + (toAggregate ? Streams.APPLIED : Streams.TRANSFERS));
        }
        return result;
    }

    /** Removes the parked record for good; the audit log keeps its id and record id. */
    @Transactional(value = TxType.REQUIRED, rollbackOn = Exception.class)
    public ActionResult discard(ParkingQueue parking, String messageId, String actor) throws JMSException {
        String target = parking.path() + "/" + messageId;
        try (JMSContext jms = context()) {
            Optional<Message> taken = take(jms, parking, messageId);
            ActionResult result = taken.isEmpty()
                    ? new ActionResult("discard", target, ActionResult.NOT_FOUND, "no such message in " + parking.path())
                    : new ActionResult("discard", target, ActionResult.DONE,
                    "record " + taken.get().getStringProperty(MessageProperties.RECORD_ID) + " discarded");
            audit.recordWithAction(actor, result);
            return result;
        }
    }

    /** Inside the caller's transaction: the message is gone only if that transaction commits. */
    private Optional<Message> take(JMSContext jms, ParkingQueue parking, String messageId) {
        try (JMSConsumer consumer = jms.createConsumer(queueOf(parking), byMessageId(messageId))) {
            return Optional.ofNullable(consumer.receive(RECEIVE_TIMEOUT_MILLIS));
        }
    }

    /**
     * A context of the dashboard's identity; on a server configured without it (no password property),
     * the pooled factory's own identity. Closed inside a transaction, it is released when that ends.
     */
    private JMSContext context() {
        String password = System.getProperty(PASSWORD_PROPERTY);
        return password == null ? connections.createContext() : connections.createContext(USER, password);
    }

    static String byMessageId(String messageId) {
        return "JMSMessageID = '" + requireValid(MESSAGE_ID, messageId) + "'";
    }

    /** Selectors are a query language: nothing reaches one unless it matches a strict pattern. */
    static String requireValid(Pattern pattern, String value) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid id: must match " + pattern.pattern());
        }
        return value;
    }

    static ParkedRecord describe(Message message) throws JMSException {
        String body = body(message);
        boolean truncated = body != null && body.length() > ParkedRecord.BODY_LIMIT;
        return new ParkedRecord(message.getJMSMessageID(),
                message.getStringProperty(MessageProperties.RECORD_ID),
                message.getStringProperty(MessageProperties.REASON),
                message.getStringProperty(MessageProperties.REASON_DETAIL),
                originalQueue(message),
                message.getJMSTimestamp() > 0 ? Instant.ofEpochMilli(message.getJMSTimestamp()) : null,
                truncated ? body.substring(0, ParkedRecord.BODY_LIMIT) : body,
                truncated);
    }

    /** The queue a parked record was taken from, whoever parked it; null when unknown. */
    static String originalQueue(Message message) throws JMSException {
        for (String property : new String[]{MessageProperties.DEAD_LETTERED_FROM, ORIGINAL_QUEUE_PROPERTY}) {
            if (message.propertyExists(property)) {
                return message.getObjectProperty(property).toString();
            }
        }
        return null;
    }

    /** Records are text; the feeder may send them as bytes. Anything else has no body to replay. */
    static String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] content = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(content);
            return new String(content, StandardCharsets.UTF_8);
        }
        return null;
    }

    private Queue queueOf(ParkingQueue parking) {
        return switch (parking) {
            case DEAD_LETTERS -> deadLetters;
            case REJECTED -> rejected;
        };
    }
}

package io.xastream.stream.control;

import io.xastream.contract.MessageProperties;
import io.xastream.contract.Streams;
import io.xastream.transaction.control.CurrentTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Hands delivered records to a stage inside the caller's transaction, and what it emits to the
 * stages chained after it ({@link Topology}), stage after stage, in the same transaction; shared by
 * the message-driven beans (one record) and the loop consumers (an epoch).
 */
@ApplicationScoped
public class StageRunner {

    private static final Logger LOG = Logger.getLogger(StageRunner.class.getName());

    @Inject
    CurrentTransaction transaction;

    @Inject
    @Any
    Instance<Stage> stages;

    @Inject
    StageCounters counters;

    @Inject
    DeliveryAttempts attempts;

    @Inject
    KeyFence fence;

    private final RetryPause retryPause = RetryPause.fromSystemProperties();

    private volatile Topology topology;
    private volatile Destination rejected;
    private volatile Destination deadLetters;
    private final Map<String, String> inputQueueNames = new ConcurrentHashMap<>();

    /**
     * One record in the caller's (container-managed) transaction; a redelivered record after its
     * {@link RetryPause}, which holds this consumer and with it the record's key; one out of attempts
     * parked instead.
     */
    public void process(Stage stage, Message message, JMSContext jms) {
        List<StreamRecord> records = List.of(record(message));
        String firstOfKey = KeyFence.firstOfKey(message);
        try {
            fence.admit(stage.name(), records, firstOfKey == null ? Set.of() : Set.of(firstOfKey));
        } catch (KeyFence.Wait wait) {
            // Rolled back quietly, charged to no one: the record comes again.
            LOG.info(() -> "stage " + stage.name() + ": record " + SenderText.id(records.get(0).recordId()) + " rolled back: " + wait.getMessage());
            transaction.setRollbackOnly();
            return;
        }
        try {
            processEpoch(stage, records, jms, Runnable::run);
        } catch (RuntimeException | Error e) {
            // The container rolls back when this throws: a database that was away is not the record's fault.
            attempts.rolledBack(records, e);
            throw e;
        }
        // The container commits after this returns: a failure then (a log store without room, a
        // resource that cannot prepare) is the system's, not the record's.
        if (transaction.active()) {
            transaction.onRollback(() -> attempts.systemFailed(records));
        }
    }

    /**
     * An epoch of records in the caller's (bean-managed) transaction; a redelivered record comes alone,
     * after its {@link RetryPause}. A record out of its attempts ({@link DeliveryAttempts}) is parked
     * on the dead-letter queue in this transaction, and the others are processed. Every send goes
     * through {@code guard}: a session the caller enlisted by hand sends only while its branch is
     * still in the transaction ({@link BrokerBranch#inTransaction}).
     */
    public void processEpoch(Stage stage, List<StreamRecord> records, JMSContext jms, SendGuard guard) {
        List<StreamRecord> live = new ArrayList<>(records.size());
        for (StreamRecord record : records) {
            if (record.deliveryAttempt() > 1 && attempts.exhausted(record)) {
                guard.send(() -> deadLetter(stage, record, jms));
            } else {
                live.add(record);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        if (live.size() == 1) {
            retryPause.sleepBefore(attempts.pauseAttempt(live.get(0)));
        }
        run(stage, live, jms, guard);
    }

    /** How a send reaches the session: at once, or only while the session's branch is in the transaction. */
    @FunctionalInterface
    public interface SendGuard {
        void send(Runnable send);
    }

    public DeliveryAttempts attempts() {
        return attempts;
    }

    public KeyFence fence() {
        return fence;
    }

    private void deadLetter(Stage stage, StreamRecord record, JMSContext jms) {
        if (deadLetters == null) {
            deadLetters = StageSettings.lookup(Streams.DEADLETTER_JNDI);
        }
        String from = inputQueueNames.computeIfAbsent(stage.name(), name -> queueName(StageSettings.of(stage).input()));
        String detail = "failed " + attempts.charged(record) + " attempts of its own in stage " + stage.name()
                + " (" + (record.deliveryAttempt() - 1) + " deliveries rolled back)";
        LOG.warning(() -> "stage " + stage.name() + ": record " + SenderText.id(record.recordId()) + " dead-lettered: " + detail);
        JMSProducer producer = jms.createProducer()
                .setProperty(MessageProperties.STAGE, stage.name())
                .setProperty(MessageProperties.DEAD_LETTERED_FROM, from)
                .setProperty(MessageProperties.REASON, "DELIVERY_ATTEMPTS")
                .setProperty(MessageProperties.REASON_DETAIL, detail);
        if (record.key() != null) {
            producer.setProperty(MessageProperties.KEY, record.key());
        }
        if (record.recordId() != null) {
            producer.setProperty(MessageProperties.RECORD_ID, record.recordId());
        }
        producer.send(deadLetters, record.body() == null ? "" : record.body());
    }

    private static String queueName(String jndiName) {
        try {
            return ((Queue) StageSettings.lookup(jndiName)).getQueueName();
        } catch (JMSException | ClassCastException e) {
            return jndiName;
        }
    }

    /** The stages of this server and which of them run chained, built on first use. */
    public Topology topology() {
        Topology current = topology;
        if (current == null) {
            List<Stage> all = new ArrayList<>();
            stages.forEach(all::add);
            current = new Topology(all, StageSettings::of, stage -> StageSettings.lookup(StageSettings.of(stage).input()));
            topology = current;
            String description = current.describe();
            LOG.info(() -> "topology: " + description);
        }
        return current;
    }

    private void run(Stage first, List<StreamRecord> records, JMSContext jms, SendGuard guard) {
        Topology chain = topology();
        if (rejected == null) {
            rejected = StageSettings.lookup(Streams.REJECTED_JNDI);
        }
        // Upstream first; ties (never on one path) by name, so the map keeps stages of equal rank apart.
        TreeMap<Stage, List<StreamRecord>> pending = new TreeMap<>(chain.order().thenComparing(Stage::name));
        pending.put(first, records);
        String transactionId = transaction.id();
        while (!pending.isEmpty()) {
            Map.Entry<Stage, List<StreamRecord>> next = pending.pollFirstEntry();
            next.getKey().process(next.getValue(),
                    new TransactionOutput(next.getKey().name(), next.getValue(), jms, guard, transactionId, rejected, chain, pending));
            counters.countOnCommit(next.getKey().name(), next.getValue().size());
        }
    }

    /**
     * The record a message carries. A message without text (not a text message, or bytes that are not
     * UTF-8) is a record too, with why in {@link StreamRecord#notText}: the stage rejects it, with
     * its bytes, instead of the runtime failing on it again and again.
     */
    public static StreamRecord record(Message message) {
        try {
            String recordId = message.getStringProperty(MessageProperties.RECORD_ID);
            String key = message.getStringProperty(MessageProperties.KEY);
            int attempt = message.getIntProperty("JMSXDeliveryCount");
            String messageId = message.getJMSMessageID();
            String text = message instanceof TextMessage textMessage ? textMessage.getText() : null;
            if (text != null) {
                return new StreamRecord(recordId, key, text, attempt, messageId);
            }
            if (!(message instanceof BytesMessage bytesMessage)) {
                return new StreamRecord(recordId, key, null, attempt, messageId, null, new StreamRecord.NotText(notTextWhy(message), null));
            }
            bytesMessage.reset();
            byte[] bytes = new byte[(int) bytesMessage.getBodyLength()];
            bytesMessage.readBytes(bytes);
            String decoded = utf8(bytes);
            return decoded != null ? new StreamRecord(recordId, key, decoded, attempt, messageId)
                    : new StreamRecord(recordId, key, null, attempt, messageId, null, new StreamRecord.NotText(notUtf8Why(bytes), bytes));
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot read the delivered message: " + e.getMessage());
        }
    }

    /** The bytes as UTF-8 text (the feeder may send records as bytes); null if they are not UTF-8. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String notUtf8Why(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, CharBuffer.allocate(bytes.length), true);
        int at = in.position();
        return "a bytes message that is not UTF-8 text (" + bytes.length + " bytes"
                + (at < bytes.length ? ", from byte " + at + ": 0x" + String.format("%02x", bytes[at] & 0xff) : "")
                + "): a record is one JSON object in UTF-8";
    }

    private static String notTextWhy(Message message) {
        String kind = message instanceof TextMessage ? "a text message without text"
                : message instanceof ObjectMessage ? "an object message, not text"
                : message instanceof MapMessage ? "a map message, not text"
                : message instanceof StreamMessage ? "a stream message, not text"
                : "a message without a body";
        return kind + ": a record is a TextMessage holding one JSON object";
    }

    /**
     * What one stage emits in the running transaction: to a chained stage's input, appended to that
     * stage's list (in emission order, so each key keeps its order); anywhere else, sent through the
     * JMS session enlisted in the transaction. A chained record carries the delivery attempt of the
     * input record with its id, so a retried record is a retry in every stage of the chain.
     */
    private static final class TransactionOutput implements StageContext {

        private final String stage;
        private final List<StreamRecord> inputs;
        private final JMSContext jms;
        private final SendGuard guard;
        private final String transactionId;
        private final Destination rejected;
        private final Topology chain;
        private final Map<Stage, List<StreamRecord>> pending;
        private Map<String, Integer> attempts;

        TransactionOutput(String stage, List<StreamRecord> inputs, JMSContext jms, SendGuard guard, String transactionId,
                          Destination rejected, Topology chain, Map<Stage, List<StreamRecord>> pending) {
            this.stage = stage;
            this.inputs = inputs;
            this.jms = jms;
            this.guard = guard;
            this.transactionId = transactionId;
            this.rejected = rejected;
            this.chain = chain;
            this.pending = pending;
        }

        @Override
        public String transactionId() {
            return transactionId;
        }

        @Override
        public void emit(Destination to, String key, String recordId, String body, Map<String, String> properties) {
            if (!handedOver(to, key, recordId, body, null)) {
                send(to, key, recordId, body, properties);
            }
        }

        @Override
        public void emitParsed(Destination to, String key, String recordId, String body, Object parsed) {
            if (!handedOver(to, key, recordId, body, parsed)) {
                send(to, key, recordId, body, Map.of());
            }
        }

        @Override
        public boolean chained(Destination to) {
            return chain.chainedAt(to) != null;
        }

        /** To a chained stage: appended to its list in this transaction. */
        private boolean handedOver(Destination to, String key, String recordId, String body, Object parsed) {
            Stage next = chain.chainedAt(to);
            if (next == null) {
                return false;
            }
            pending.computeIfAbsent(next, s -> new ArrayList<>())
                    .add(new StreamRecord(recordId, key, body, attemptOf(recordId), null, parsed));
            return true;
        }

        private void send(Destination to, String key, String recordId, String body, Map<String, String> properties) {
            JMSProducer producer = producer(key, recordId);
            properties.forEach(producer::setProperty);
            guard.send(() -> producer.send(to, body == null ? "" : body));
        }

        private JMSProducer producer(String key, String recordId) {
            JMSProducer producer = jms.createProducer()
                    .setProperty(MessageProperties.STAGE, stage)
                    .setProperty(MessageProperties.TRANSACTION_ID, transactionId);
            if (key != null) {
                producer.setProperty(MessageProperties.KEY, key);
            }
            if (recordId != null) {
                producer.setProperty(MessageProperties.RECORD_ID, recordId);
            }
            return producer;
        }

        /** A record that came as bytes that are not text goes on as those bytes. */
        @Override
        public void reject(StreamRecord record, String recordId, String reason, String detail) {
            Map<String, String> why = Map.of(MessageProperties.REASON, reason, MessageProperties.REASON_DETAIL, detail);
            if (record.notText() == null || record.notText().bytes() == null) {
                emit(rejected, record.key(), recordId, record.body(), why);
                return;
            }
            JMSProducer producer = producer(record.key(), recordId);
            why.forEach(producer::setProperty);
            guard.send(() -> producer.send(rejected, record.notText().bytes()));
        }

        private int attemptOf(String recordId) {
            if (inputs.size() == 1) {
                return inputs.get(0).deliveryAttempt();
            }
            if (attempts == null) {
                attempts = new HashMap<>();
                for (StreamRecord input : inputs) {
                    if (input.recordId() != null) {
                        attempts.merge(input.recordId(), input.deliveryAttempt(), Math::max);
                    }
                }
            }
            Integer attempt = recordId == null ? null : attempts.get(recordId);
            return attempt != null ? attempt
                    : inputs.stream().mapToInt(StreamRecord::deliveryAttempt).max().orElse(1);
        }
    }
}

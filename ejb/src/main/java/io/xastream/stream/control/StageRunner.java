package io.xastream.stream.control;

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
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final RetryPause retryPause = RetryPause.fromSystemProperties();

    /** Where a record out of attempts is parked, with the name of the queue it came from in this property. */
    public static final String DEAD_LETTER = "java:/jms/queue/xastream/deadletter";
    public static final String DEAD_LETTERED_FROM = "xastream_dead_lettered_from";

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
        processEpoch(stage, List.of(record(message)), jms);
    }

    /**
     * An epoch of records in the caller's (bean-managed) transaction; a redelivered record comes alone,
     * after its {@link RetryPause}. A record out of its attempts ({@link DeliveryAttempts}) is parked
     * on the dead-letter queue in this transaction, and the others are processed.
     */
    public void processEpoch(Stage stage, List<StreamRecord> records, JMSContext jms) {
        List<StreamRecord> live = new ArrayList<>(records.size());
        for (StreamRecord record : records) {
            if (record.deliveryAttempt() > 1 && attempts.exhausted(record)) {
                deadLetter(stage, record, jms);
            } else {
                live.add(record);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        if (live.size() == 1) {
            retryPause.sleepBefore(attempts.ownAttempt(live.get(0)));
        }
        run(stage, live, jms);
    }

    public DeliveryAttempts attempts() {
        return attempts;
    }

    private void deadLetter(Stage stage, StreamRecord record, JMSContext jms) {
        if (deadLetters == null) {
            deadLetters = StageSettings.lookup(DEAD_LETTER);
        }
        String from = inputQueueNames.computeIfAbsent(stage.name(), name -> queueName(StageSettings.of(stage).input()));
        String detail = "failed " + attempts.charged(record) + " attempts of its own in stage " + stage.name()
                + " (" + (record.deliveryAttempt() - 1) + " deliveries rolled back)";
        LOG.warning(() -> "stage " + stage.name() + ": record " + record.recordId() + " dead-lettered: " + detail);
        JMSProducer producer = jms.createProducer()
                .setProperty(StageContext.STAGE, stage.name())
                .setProperty(DEAD_LETTERED_FROM, from)
                .setProperty(StageContext.REASON, "DELIVERY_ATTEMPTS")
                .setProperty(StageContext.REASON_DETAIL, detail);
        if (record.key() != null) {
            producer.setProperty(StageContext.KEY, record.key());
        }
        if (record.recordId() != null) {
            producer.setProperty(StageContext.RECORD_ID, record.recordId());
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

    private void run(Stage first, List<StreamRecord> records, JMSContext jms) {
        Topology chain = topology();
        if (rejected == null) {
            rejected = StageSettings.lookup(StageSettings.REJECTED);
        }
        // Upstream first; ties (never on one path) by name, so the map keeps stages of equal rank apart.
        TreeMap<Stage, List<StreamRecord>> pending = new TreeMap<>(chain.order().thenComparing(Stage::name));
        pending.put(first, records);
        String transactionId = transaction.id();
        while (!pending.isEmpty()) {
            Map.Entry<Stage, List<StreamRecord>> next = pending.pollFirstEntry();
            next.getKey().process(next.getValue(),
                    new TransactionOutput(next.getKey().name(), next.getValue(), jms, transactionId, rejected, chain, pending));
            counters.countOnCommit(next.getKey().name(), next.getValue().size());
        }
    }

    public static StreamRecord record(Message message) {
        try {
            return new StreamRecord(message.getStringProperty(StageContext.RECORD_ID),
                    message.getStringProperty(StageContext.KEY), body(message),
                    message.getIntProperty("JMSXDeliveryCount"), message.getJMSMessageID());
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot read the delivered message: " + e.getMessage());
        }
    }

    /** The text of a text or bytes message; null for anything else (a stage rejects it as malformed). */
    private static String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] content = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(content);
            return new String(content, StandardCharsets.UTF_8);
        }
        return null;
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
        private final String transactionId;
        private final Destination rejected;
        private final Topology chain;
        private final Map<Stage, List<StreamRecord>> pending;
        private Map<String, Integer> attempts;

        TransactionOutput(String stage, List<StreamRecord> inputs, JMSContext jms, String transactionId,
                          Destination rejected, Topology chain, Map<Stage, List<StreamRecord>> pending) {
            this.stage = stage;
            this.inputs = inputs;
            this.jms = jms;
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
            JMSProducer producer = jms.createProducer()
                    .setProperty(STAGE, stage)
                    .setProperty(TRANSACTION_ID, transactionId);
            if (key != null) {
                producer.setProperty(KEY, key);
            }
            if (recordId != null) {
                producer.setProperty(RECORD_ID, recordId);
            }
            properties.forEach(producer::setProperty);
            producer.send(to, body == null ? "" : body);
        }

        @Override
        public void reject(StreamRecord record, String recordId, String reason, String detail) {
            emit(rejected, record.key(), recordId, record.body(), Map.of(REASON, reason, REASON_DETAIL, detail));
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

package io.xastream.stream.control;

import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;

import java.util.Map;

/**
 * What a stage may do besides writing to its databases: emit records to other destinations. The
 * JMS context is bound to the running XA transaction, so an emitted record is delivered only if the
 * transaction commits, exactly once with the input that caused it.
 */
public final class StageContext {

    /** Message properties every stage understands. */
    public static final String RECORD_ID = "xastream_record_id";
    public static final String KEY = "JMSXGroupID";
    public static final String STAGE = "xastream_stage";
    public static final String TRANSACTION_ID = "xastream_transaction_id";
    public static final String REASON = "xastream_reason";
    public static final String REASON_DETAIL = "xastream_reason_detail";

    private final String stage;
    private final JMSContext jms;
    private final String transactionId;
    private final Destination rejected;

    StageContext(String stage, JMSContext jms, String transactionId, Destination rejected) {
        this.stage = stage;
        this.jms = jms;
        this.transactionId = transactionId;
        this.rejected = rejected;
    }

    /** The coordinator's id of the transaction the record is handled in. */
    public String transactionId() {
        return transactionId;
    }

    /**
     * Sends a record downstream. Records with one key are consumed in the order they are emitted here
     * (Artemis message groups), whichever consumer instance takes them.
     */
    public void emit(Destination to, String key, String recordId, String body, Map<String, String> properties) {
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

    public void emit(Destination to, String key, String recordId, String body) {
        emit(to, key, recordId, body, Map.of());
    }

    /**
     * Sends the record, untouched, to the rejected stream with a machine-readable reason and a sentence
     * for people. Rejecting commits: the record is handled, not retried.
     */
    public void reject(StreamRecord record, String recordId, String reason, String detail) {
        emit(rejected, record.key(), recordId, record.body(), Map.of(REASON, reason, REASON_DETAIL, detail));
    }
}

package io.xastream.transfer.control;

import io.xastream.transaction.control.CurrentTransaction;
import io.xastream.transfer.entity.TransferRecord;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.json.Json;

import java.time.Instant;

/**
 * What the pipeline tells downstream. The injected JMSContext comes from the XA pooled connection
 * factory, so a message sent here is delivered only if the record's transaction commits.
 */
@ApplicationScoped
public class TransferEvents {

    public static final String RECORD_ID = "xastream_record_id";
    public static final String REASON = "xastream_reason";
    public static final String REASON_DETAIL = "xastream_reason_detail";
    public static final String TRANSACTION_ID = "xastream_transaction_id";

    @Inject
    CurrentTransaction transaction;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/xastream/settled")
    Queue settled;

    @Resource(lookup = "java:/jms/queue/xastream/rejected")
    Queue rejected;

    public void settled(TransferRecord transfer, Instant settledAt) {
        String event = Json.createObjectBuilder()
                .add("id", transfer.id())
                .add("from", transfer.from())
                .add("to", transfer.to())
                .add("amount", transfer.amount().toPlainString())
                .add("eventTime", transfer.eventTime().toString())
                .add("settledAt", settledAt.toString())
                .build().toString();
        jms.createProducer()
                .setProperty(RECORD_ID, transfer.id())
                .setProperty(TRANSACTION_ID, transaction.id())
                .send(settled, event);
    }

    /** The original body, untouched, with the reason beside it. */
    public void rejected(String body, RecordRejected rejection) {
        var producer = jms.createProducer()
                .setProperty(REASON, rejection.reason().name())
                .setProperty(REASON_DETAIL, rejection.detail());
        if (rejection.recordId() != null) {
            producer.setProperty(RECORD_ID, rejection.recordId());
        }
        producer.send(rejected, body == null ? "" : body);
    }
}

package io.xastream.stream.control;

import io.xastream.transaction.control.CurrentTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Hands delivered messages to a stage inside the caller's transaction; shared by both consumer modes. */
@ApplicationScoped
public class StageRunner {

    @Inject
    CurrentTransaction transaction;

    private final RetryPause retryPause = RetryPause.fromSystemProperties();

    private volatile Destination rejected;

    /**
     * One record in the caller's (container-managed) transaction; a redelivered record after its
     * {@link RetryPause}, which holds this consumer and with it the record's key.
     */
    public void process(Stage stage, Message message, JMSContext jms) {
        StreamRecord record = record(message);
        retryPause.sleepBefore(record.deliveryAttempt());
        stage.process(record, context(stage, jms));
    }

    /** An epoch of records in the caller's (bean-managed) transaction; a redelivered record comes alone. */
    public void processEpoch(Stage stage, List<StreamRecord> records, JMSContext jms) {
        if (records.size() == 1) {
            retryPause.sleepBefore(records.get(0).deliveryAttempt());
        }
        StageContext context = context(stage, jms);
        stage.beforeEpoch(records);
        for (StreamRecord record : records) {
            stage.process(record, context);
        }
    }

    private StageContext context(Stage stage, JMSContext jms) {
        if (rejected == null) {
            rejected = StageSettings.lookup(StageSettings.REJECTED);
        }
        return new StageContext(stage.name(), jms, transaction.id(), rejected);
    }

    public static StreamRecord record(Message message) {
        try {
            return new StreamRecord(message.getStringProperty(StageContext.RECORD_ID),
                    message.getStringProperty(StageContext.KEY), body(message),
                    message.getIntProperty("JMSXDeliveryCount"));
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
}

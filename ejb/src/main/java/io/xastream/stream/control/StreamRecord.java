package io.xastream.stream.control;

/**
 * One record as a stage sees it.
 *
 * @param recordId        the producer's id (message property {@code xastream_record_id}), or null
 * @param key             the ordering key (JMSXGroupID): records of one key reach a stage in the order sent
 * @param body            the text of the message, or null when it carried no text
 * @param deliveryAttempt 1 on the first delivery, more after rollbacks
 * @param messageId       the broker's id of the message it came in (the same on every delivery), or
 *                        null for a record handed over by a chained stage
 * @param parsed          for a record handed over by a chained stage, what that stage made of the body
 *                        ({@link StageContext#emitParsed}), so the next one need not parse it again; else null
 */
public record StreamRecord(String recordId, String key, String body, int deliveryAttempt, String messageId, Object parsed) {

    public StreamRecord(String recordId, String key, String body, int deliveryAttempt, String messageId) {
        this(recordId, key, body, deliveryAttempt, messageId, null);
    }

    public StreamRecord(String recordId, String key, String body, int deliveryAttempt) {
        this(recordId, key, body, deliveryAttempt, null, null);
    }

    /** The parsed form a chained stage handed over with the body, if it is of this type. */
    public <T> T parsed(Class<T> type) {
        return type.isInstance(parsed) ? type.cast(parsed) : null;
    }
}

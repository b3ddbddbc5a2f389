package io.xastream.stream.control;

/**
 * One record as a stage sees it.
 *
 * @param recordId        the producer's id (message property {@code xastream_record_id}), or null
 * @param key             the ordering key (JMSXGroupID): records of one key reach a stage in the order sent
 * @param body            the text of the message, or null when it carried no text ({@code notText} says why)
 * @param deliveryAttempt 1 on the first delivery, more after rollbacks
 * @param messageId       the broker's id of the message it came in (the same on every delivery), or
 *                        null for a record handed over by a chained stage
 * @param parsed          for a record handed over by a chained stage, what that stage made of the body
 *                        ({@link StageContext#emitParsed}), so the next one need not parse it again; else null
 * @param notText         for a delivered message without text, why, and its bytes if it had some; else null
 */
public record StreamRecord(String recordId, String key, String body, int deliveryAttempt, String messageId, Object parsed,
                           NotText notText) {

    /**
     * Why a message gave no text: not a text message at all, or bytes that are not UTF-8. The bytes
     * are kept to go on to the rejected stream as they came: nothing a sender sent is lost.
     */
    public record NotText(String why, byte[] bytes) {
    }

    public StreamRecord(String recordId, String key, String body, int deliveryAttempt, String messageId, Object parsed) {
        this(recordId, key, body, deliveryAttempt, messageId, parsed, null);
    }

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

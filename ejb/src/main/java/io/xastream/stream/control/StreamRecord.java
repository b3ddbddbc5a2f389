package io.xastream.stream.control;

/**
 * One record as a stage sees it.
 *
 * @param recordId        the producer's id (message property {@code xastream_record_id}), or null
 * @param key             the ordering key (JMSXGroupID): records of one key reach a stage in the order sent
 * @param body            the text of the message, or null when it carried no text
 * @param deliveryAttempt 1 on the first delivery, more after rollbacks
 */
public record StreamRecord(String recordId, String key, String body, int deliveryAttempt) {
}

package io.xastream.operation.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/**
 * One message waiting in a parking queue.
 *
 * @param recordId   the sender's record id (property xastream_record_id), when it could be read
 * @param reason     the rejection reason code; for a dead letter, absent
 * @param originalQueue where the broker dead-lettered it from, when the broker did
 * @param bodyTruncated whether {@code body} is only the first {@value io.xastream.operation.entity.ParkedRecord#BODY_LIMIT} characters
 */
@JsonbPropertyOrder({"messageId", "recordId", "reason", "detail", "originalQueue", "sentAt", "body", "bodyTruncated"})
public record ParkedRecord(String messageId, String recordId, String reason, String detail, String originalQueue,
                           Instant sentAt, String body, boolean bodyTruncated) {

    public static final int BODY_LIMIT = 4000;
}

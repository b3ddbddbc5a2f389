package io.xastream.feeder.transfer.entity;

import java.util.Map;

/**
 * Messages taken off a queue.
 *
 * @param byReason count per {@code xastream_reason} property, for messages that carry one
 * @param ids        their record ids ({@code xastream_record_id}), added to those of earlier drains if the caller passed a tally
 */
public record DrainResult(String queue, long count, Map<String, Long> byReason, RecordIdTally ids) {

    public DrainResult {
        byReason = Map.copyOf(byReason);
    }
}

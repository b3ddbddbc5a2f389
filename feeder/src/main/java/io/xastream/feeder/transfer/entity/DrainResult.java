package io.xastream.feeder.transfer.entity;

import java.util.Map;

/**
 * Messages taken off a queue.
 *
 * @param byReason count per {@code xastream_reason} property, for messages that carry one
 */
public record DrainResult(String queue, long count, Map<String, Long> byReason) {

    public DrainResult {
        byReason = Map.copyOf(byReason);
    }
}

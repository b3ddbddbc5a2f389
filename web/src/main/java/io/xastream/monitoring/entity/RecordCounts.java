package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * How the records offered so far ended.
 *
 * @param deadLettered messages parked in the dead-letter queue; absent when its depth cannot be read
 */
@JsonbPropertyOrder({"settled", "rejected", "duplicates", "deadLettered"})
public record RecordCounts(long settled, long rejected, long duplicates, Long deadLettered) {
}

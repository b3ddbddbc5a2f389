package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One destination of the pipeline as the broker counts it. The page derives rates from
 * {@code added} between two snapshots.
 *
 * @param stage    the stage that reads the queue, or what the queue is for (settled, rejected, …)
 * @param depth    messages in the queue, in delivery included
 * @param delivering messages handed to a consumer and not yet acknowledged (inside a transaction)
 * @param added    messages ever added since the server started
 */
@JsonbPropertyOrder({"name", "stage", "depth", "delivering", "consumers", "added"})
public record QueueStatus(String name, String stage, long depth, long delivering, long consumers, long added) {
}

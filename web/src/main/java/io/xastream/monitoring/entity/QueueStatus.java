package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One destination of the pipeline as the broker counts it. The page derives rates from
 * {@code added} (and, for a stage, {@code handled}) between two snapshots.
 *
 * @param stage      the stage that reads the queue (with its mode and whether it runs chained), or
 *                   what the queue is for (settled, rejected, …)
 * @param depth      messages in the queue, in delivery included
 * @param delivering messages handed to a consumer and not yet acknowledged (inside a transaction)
 * @param added      messages ever added since the server started
 * @param handled    for a stage: records it handled (committed) on this server since it started, from
 *                   its own queue or chained in another stage's transaction; absent for other rows
 */
@JsonbPropertyOrder({"name", "stage", "depth", "delivering", "consumers", "added", "handled"})
public record QueueStatus(String name, String stage, long depth, long delivering, long consumers, long added, Long handled) {

    /** A destination that no stage reads, or a stage whose count could not be read. */
    public QueueStatus(String name, String stage, long depth, long delivering, long consumers, long added) {
        this(name, stage, depth, delivering, consumers, added, null);
    }
}

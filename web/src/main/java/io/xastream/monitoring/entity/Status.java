package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/status} returns: one snapshot of the whole pipeline.
 *
 * @param transactions absent when the server's transaction statistics cannot be read
 * @param queues       the pipeline's destinations; those the broker could not describe are left out
 * @param storage      the disks under the log store and the journal; absent until the guard reports
 * @param recovery     how the recovery of what earlier runs left in doubt goes
 */
@JsonbPropertyOrder({"records", "ledgers", "invariant", "transactions", "queues", "storage", "recovery", "generatedAt"})
public record Status(RecordCounts records,
                     List<LedgerTotals> ledgers,
                     Invariant invariant,
                     TransactionCounts transactions,
                     List<QueueStatus> queues,
                     StorageStatus storage,
                     Recovery recovery,
                     Instant generatedAt) {
}

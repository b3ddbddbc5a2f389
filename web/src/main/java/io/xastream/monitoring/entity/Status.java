package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/status} returns: one snapshot of the whole pipeline.
 *
 * @param transactions absent when the server's transaction statistics cannot be read
 */
@JsonbPropertyOrder({"records", "ledgers", "invariant", "transactions", "generatedAt"})
public record Status(RecordCounts records,
                     List<LedgerTotals> ledgers,
                     Invariant invariant,
                     TransactionCounts transactions,
                     Instant generatedAt) {
}

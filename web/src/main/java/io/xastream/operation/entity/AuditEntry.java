package io.xastream.operation.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/** One row of the audit log (table operator_action in ledger A). */
@JsonbPropertyOrder({"id", "actor", "action", "target", "outcome", "detail", "actedAt"})
public record AuditEntry(long id, String actor, String action, String target, String outcome, String detail, Instant actedAt) {
}

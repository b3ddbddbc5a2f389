package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The body of a 503: which ledger could not be read, without the stack trace. */
@JsonbPropertyOrder({"error", "ledger", "engine"})
public record LedgerOutage(String error, String ledger, String engine) {
}

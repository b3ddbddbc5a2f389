package io.xastream.feeder.connection.entity;

/** The two ledger databases: A (PostgreSQL, accounts {@code A-…}) and B (MariaDB, accounts {@code B-…}). */
public record LedgerConnections(LedgerEndpoint ledgerA, LedgerEndpoint ledgerB) {
}

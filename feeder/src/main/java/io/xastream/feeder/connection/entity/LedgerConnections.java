package io.xastream.feeder.connection.entity;

import io.xastream.invariant.control.LedgerInvariant;

/** The two ledger databases: A (PostgreSQL, accounts {@code A-…}) and B (MariaDB, accounts {@code B-…}). */
public record LedgerConnections(LedgerEndpoint ledgerA, LedgerEndpoint ledgerB) {

    /** The exactly-once invariant over these two ledgers; {@code deadLetters} null to not count them. */
    public LedgerInvariant invariant(LedgerInvariant.DeadLetterCount deadLetters) {
        return new LedgerInvariant(LedgerInvariant.LedgerSource.of("A", ledgerA::open),
                LedgerInvariant.LedgerSource.of("B", ledgerB::open), deadLetters);
    }
}

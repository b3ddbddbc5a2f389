package io.xastream.feeder.ledger.control;

import io.xastream.feeder.connection.entity.LedgerConnections;
import io.xastream.invariant.control.LedgerInvariant;

/** The exactly-once invariant ({@link LedgerInvariant}) over the ledgers the feeder was pointed at. */
public final class Verifier {

    private Verifier() {
    }

    /** @param deadLetters null to not count them (then a check against a sent count fails) */
    public static LedgerInvariant of(LedgerConnections ledgers, LedgerInvariant.DeadLetterCount deadLetters) {
        return new LedgerInvariant(new LedgerInvariant.LedgerSource("A", ledgers.ledgerA()::open),
                new LedgerInvariant.LedgerSource("B", ledgers.ledgerB()::open), deadLetters);
    }
}

package io.xastream.ledger.control;

import io.xastream.ledger.entity.Account;
import io.xastream.ledger.entity.LedgerEntry;
import io.xastream.transfer.control.RecordRejected;
import io.xastream.transfer.entity.Reason;
import io.xastream.transfer.entity.TransferRecord;

import java.time.Instant;
import java.util.List;

/** Double-entry posting of one transfer: the debit and the credit, or neither. */
public final class Posting {

    private Posting() {
    }

    /**
     * Moves the amount between the (locked) accounts and returns the two entries to book, one in each
     * account's ledger. Nothing changes when the transfer is rejected.
     */
    public static List<LedgerEntry> post(TransferRecord transfer, Account from, Account to, Instant now)
            throws RecordRejected {
        if (from == null || to == null) {
            String missing = from == null ? transfer.from() : transfer.to();
            throw new RecordRejected(Reason.UNKNOWN_ACCOUNT, transfer.id(), "no account " + missing);
        }
        if (!from.covers(transfer.amount())) {
            throw new RecordRejected(Reason.INSUFFICIENT_FUNDS, transfer.id(),
                    "account " + from.getId() + " holds " + from.getBalance().toPlainString()
                            + ", cannot pay " + transfer.amount().toPlainString());
        }
        from.debit(transfer.amount());
        to.credit(transfer.amount());
        return List.of(
                new LedgerEntry(transfer.id(), from.getId(), transfer.amount().negate(), to.getId(), transfer.eventTime(), now),
                new LedgerEntry(transfer.id(), to.getId(), transfer.amount(), from.getId(), transfer.eventTime(), now));
    }
}

package io.xastream.transfer.control;

import io.xastream.ledger.entity.Account;
import io.xastream.ledger.entity.LedgerEntry;
import io.xastream.transfer.entity.Reason;
import io.xastream.transfer.entity.TransferRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
        return post(transfer, from, to, now, Set.of());
    }

    /**
     * The same for a transfer that may be partly booked already (at least once: one ledger committed,
     * the other not): only the sides whose account is not in {@code booked} move and are returned.
     */
    public static List<LedgerEntry> post(TransferRecord transfer, Account from, Account to, Instant now,
                                         Set<String> booked) throws RecordRejected {
        if (from == null || to == null) {
            String missing = from == null ? transfer.from() : transfer.to();
            throw new RecordRejected(Reason.UNKNOWN_ACCOUNT, transfer.id(), "no account " + missing);
        }
        List<LedgerEntry> entries = new ArrayList<>(2);
        if (!booked.contains(from.getId())) {
            if (!from.covers(transfer.amount())) {
                throw new RecordRejected(Reason.INSUFFICIENT_FUNDS, transfer.id(),
                        "account " + from.getId() + " holds " + from.getBalance().toPlainString()
                                + ", cannot pay " + transfer.amount().toPlainString());
            }
            from.debit(transfer.amount());
            entries.add(new LedgerEntry(transfer.id(), from.getId(), transfer.amount().negate(), to.getId(), transfer.eventTime(), now));
        }
        if (!booked.contains(to.getId())) {
            to.credit(transfer.amount());
            entries.add(new LedgerEntry(transfer.id(), to.getId(), transfer.amount(), from.getId(), transfer.eventTime(), now));
        }
        return entries;
    }
}

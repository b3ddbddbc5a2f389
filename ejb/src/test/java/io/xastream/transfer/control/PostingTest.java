package io.xastream.transfer.control;

import io.xastream.ledger.control.Ledgers;
import io.xastream.ledger.entity.Account;
import io.xastream.ledger.entity.LedgerEntry;
import io.xastream.transfer.entity.Reason;
import io.xastream.transfer.entity.TransferRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PostingTest {

    private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    private static TransferRecord transfer(String from, String to, String amount) {
        return new TransferRecord("t-1", from, to, new BigDecimal(amount), NOW);
    }

    @Test
    void movesTheAmountAndBooksBothSides() throws RecordRejected {
        Account a = new Account("A-1", new BigDecimal("100.00"));
        Account b = new Account("B-1", new BigDecimal("5.00"));
        List<LedgerEntry> entries = Posting.post(transfer("A-1", "B-1", "30.25"), a, b, NOW);
        assertEquals(new BigDecimal("69.75"), a.getBalance());
        assertEquals(new BigDecimal("35.25"), b.getBalance());
        assertEquals(new BigDecimal("-30.25"), entries.get(0).getAmount());
        assertEquals("A-1", entries.get(0).getAccountId());
        assertEquals("B-1", entries.get(0).getCounterparty());
        assertEquals(new BigDecimal("30.25"), entries.get(1).getAmount());
        assertEquals("B-1", entries.get(1).getAccountId());
        assertEquals(BigDecimal.ZERO.setScale(2), entries.get(0).getAmount().add(entries.get(1).getAmount()));
    }

    @Test
    void anAccountMayBeEmptiedButNotOverdrawn() throws RecordRejected {
        Account a = new Account("A-1", new BigDecimal("10.00"));
        Account b = new Account("A-2", new BigDecimal("0.00"));
        Posting.post(transfer("A-1", "A-2", "10.00"), a, b, NOW);
        assertEquals(new BigDecimal("0.00"), a.getBalance());

        RecordRejected rejection = assertThrows(RecordRejected.class, () -> Posting.post(transfer("A-1", "A-2", "0.01"), a, b, NOW));
        assertEquals(Reason.INSUFFICIENT_FUNDS, rejection.reason());
        assertEquals(new BigDecimal("0.00"), a.getBalance(), "nothing moves on a rejection");
        assertEquals(new BigDecimal("10.00"), b.getBalance());
    }

    @Test
    void aPartlyBookedTransferMovesOnlyItsMissingSide() throws RecordRejected {
        // At least once: the debit committed in ledger A, the credit in ledger B did not; the
        // account A-1 has since been emptied, which must not reject the side that is still due.
        Account a = new Account("A-1", new BigDecimal("0.00"));
        Account b = new Account("B-1", new BigDecimal("5.00"));
        List<LedgerEntry> entries = Posting.post(transfer("A-1", "B-1", "30.25"), a, b, NOW, Set.of("A-1"));
        assertEquals(1, entries.size());
        assertEquals("B-1", entries.get(0).getAccountId());
        assertEquals(new BigDecimal("30.25"), entries.get(0).getAmount());
        assertEquals(new BigDecimal("0.00"), a.getBalance());
        assertEquals(new BigDecimal("35.25"), b.getBalance());

        assertEquals(List.of(), Posting.post(transfer("A-1", "B-1", "30.25"), a, b, NOW, Set.of("A-1", "B-1")));
        assertEquals(new BigDecimal("35.25"), b.getBalance(), "a fully booked transfer moves nothing");
    }

    @Test
    void anUnknownAccountIsARejection() {
        Account a = new Account("A-1", new BigDecimal("10.00"));
        RecordRejected rejection = assertThrows(RecordRejected.class, () -> Posting.post(transfer("A-1", "B-9", "1.00"), a, null, NOW));
        assertEquals(Reason.UNKNOWN_ACCOUNT, rejection.reason());
        assertEquals(new BigDecimal("10.00"), a.getBalance());
    }

    @Test
    void ledgersAreToldByPrefix() {
        assertEquals("A", Ledgers.ledgerOf("A-0001"));
        assertEquals("B", Ledgers.ledgerOf("B-0001"));
        assertEquals(null, Ledgers.ledgerOf("C-0001"));
    }
}

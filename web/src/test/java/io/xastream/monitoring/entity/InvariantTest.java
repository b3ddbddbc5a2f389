package io.xastream.monitoring.entity;

import io.xastream.invariant.entity.LedgerTotals;
import io.xastream.invariant.entity.OutcomeCounts;
import io.xastream.invariant.entity.Verification;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvariantTest {

    private static final Instant CHECKED = Instant.parse("2026-12-06T03:30:00Z");

    static LedgerTotals ledger(String name, String balance, String opening, long negative, long mismatches, long orphans) {
        return new LedgerTotals(name, 2, new BigDecimal(balance), new BigDecimal(opening), negative, mismatches, orphans, 1);
    }

    static Verification reading(LedgerTotals a, LedgerTotals b, long settled, long recordsWithEntries, long unbalanced) {
        return new Verification(a, b, new OutcomeCounts(settled, 0, 0), recordsWithEntries, unbalanced,
                OptionalLong.empty(), "not asked to", OptionalLong.empty());
    }

    @Test
    void holdsWhenMoneyOnlyMovedBetweenLedgers() {
        Invariant invariant = Invariant.of(reading(ledger("A", "900.00", "1000.00", 0, 0, 0),
                ledger("B", "1100.00", "1000.00", 0, 0, 0), 1, 1, 0), CHECKED);

        assertTrue(invariant.holds());
        assertEquals(new BigDecimal("2000.00"), invariant.total());
        assertEquals(new BigDecimal("2000.00"), invariant.openingTotal());
        assertEquals(0, invariant.negativeBalances());
        assertEquals(List.of(), invariant.violations());
        assertEquals(CHECKED, invariant.checkedAt());
    }

    @Test
    void namesEveryBrokenCheckTheTotalsCannotSee() {
        // The totals add up, but ledger B has an entry for an unknown account, and an account whose
        // entries do not explain its balance, and one settled record has a single entry.
        Invariant invariant = Invariant.of(reading(ledger("A", "900.00", "1000.00", 0, 0, 0),
                ledger("B", "1100.00", "1000.00", 0, 1, 1), 2, 2, 1), CHECKED);

        assertFalse(invariant.holds());
        assertEquals(List.of("1 account(s) whose entries do not add up to balance - opening",
                "1 entr(ies) for unknown accounts",
                "1 record(s) without exactly one debit and one matching credit"), invariant.violations());
    }

    @Test
    void aNegativeBalanceIsAViolation() {
        Invariant invariant = Invariant.of(reading(ledger("A", "-5.00", "0.00", 1, 0, 0),
                ledger("B", "5.00", "0.00", 0, 0, 0), 1, 1, 0), CHECKED);

        assertFalse(invariant.holds());
        assertEquals(1, invariant.negativeBalances());
        assertEquals(List.of("1 negative balance(s)"), invariant.violations());
    }
}

package io.xastream.invariant.entity;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerificationTest {

    // 10.00 moved from A to B by one settled record.
    private static final LedgerTotals A = new LedgerTotals("A", 2, new BigDecimal("1990.00"), new BigDecimal("2000.00"), 0, 0, 0, 1);
    private static final LedgerTotals B = new LedgerTotals("B", 2, new BigDecimal("2010.00"), new BigDecimal("2000.00"), 0, 0, 0, 1);

    @Test
    void holdsWhenMoneyOnlyMovedBetweenLedgers() {
        Verification verification = new Verification(A, B, new OutcomeCounts(1, 3, 1), 1, 0,
                OptionalLong.of(2), null, OptionalLong.of(7));
        assertTrue(verification.holds(), verification.report());
        assertEquals("INVARIANT HOLDS", verification.verdict());
        assertTrue(verification.report().endsWith("INVARIANT HOLDS" + System.lineSeparator()));
    }

    @Test
    void namesEveryViolatedCheck() {
        LedgerTotals broken = new LedgerTotals("B", 2, new BigDecimal("2020.00"), new BigDecimal("2000.00"), 1, 1, 2, 3);
        Verification verification = new Verification(A, broken, new OutcomeCounts(1, 0, 0), 2, 1,
                OptionalLong.of(0), null, OptionalLong.of(5));
        assertFalse(verification.holds());
        assertEquals(7, verification.violations().size(), verification.verdict());
        assertTrue(verification.verdict().startsWith("INVARIANT VIOLATED: total balance 4010.00 != total opening balance 4000.00"),
                verification.verdict());
        assertTrue(verification.verdict().contains("= 1 != sent 5"), verification.verdict());
    }

    @Test
    void aSentCountNeedsTheDeadLetters() {
        Verification unchecked = new Verification(A, B, new OutcomeCounts(1, 0, 0), 1, 0,
                OptionalLong.empty(), "broker unreachable", OptionalLong.of(1));
        assertEquals("INVARIANT VIOLATED: dead letters not counted (broker unreachable)", unchecked.verdict());
        Verification noSentCount = new Verification(A, B, new OutcomeCounts(1, 0, 0), 1, 0,
                OptionalLong.empty(), "not asked to", OptionalLong.empty());
        assertTrue(noSentCount.holds());
    }
}

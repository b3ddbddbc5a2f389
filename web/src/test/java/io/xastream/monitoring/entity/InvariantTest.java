package io.xastream.monitoring.entity;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvariantTest {

    static LedgerTotals ledger(String name, String balance, String opening, long negative) {
        return new LedgerTotals(name, "engine", 2, new BigDecimal(balance), new BigDecimal(opening), 7, negative);
    }

    @Test
    void holdsWhenMoneyOnlyMovedBetweenLedgers() {
        Invariant invariant = Invariant.over(List.of(ledger("A", "900.00", "1000.00", 0), ledger("B", "1100.00", "1000.00", 0)));

        assertTrue(invariant.holds());
        assertEquals(new BigDecimal("2000.00"), invariant.total());
        assertEquals(new BigDecimal("2000.00"), invariant.openingTotal());
        assertEquals(0, invariant.negativeBalances());
    }

    @Test
    void isViolatedByACentCreatedOrLost() {
        Invariant invariant = Invariant.over(List.of(ledger("A", "900.00", "1000.00", 0), ledger("B", "1100.01", "1000.00", 0)));

        assertFalse(invariant.holds());
        assertEquals(new BigDecimal("2000.01"), invariant.total());
    }

    @Test
    void isViolatedByAnOverdrawnAccountEvenWhenTheSumsMatch() {
        Invariant invariant = Invariant.over(List.of(ledger("A", "-5.00", "0.00", 1), ledger("B", "5.00", "0.00", 0)));

        assertFalse(invariant.holds());
        assertEquals(1, invariant.negativeBalances());
    }

    @Test
    void comparesAmountsRegardlessOfScale() {
        // MariaDB and PostgreSQL may hand back sums with different scales.
        assertTrue(Invariant.over(List.of(ledger("A", "10.0", "10.00", 0))).holds());
    }

    @Test
    void holdsTriviallyOverNoLedgers() {
        Invariant invariant = Invariant.over(List.of());

        assertTrue(invariant.holds());
        assertEquals(0, BigDecimal.ZERO.compareTo(invariant.total()));
    }
}

package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.LedgerTotals;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LedgerReaderTest {

    @Test
    void mapsTheTotalsRowInSelectOrder() {
        // accounts, sum(balance), sum(opening_balance), negative accounts, entries
        Object[] row = {3L, new BigDecimal("10.50"), new BigDecimal("12.00"), 1L, 42L};

        LedgerTotals totals = LedgerReader.totals("B", "MariaDB", row);

        assertEquals(new LedgerTotals("B", "MariaDB", 3, new BigDecimal("10.50"), new BigDecimal("12.00"), 42, 1), totals);
    }

    @Test
    void acceptsTheNumberTypesDriversReturnForCounts() {
        assertEquals(5, LedgerReader.count(5L));
        assertEquals(5, LedgerReader.count(5));
        assertEquals(5, LedgerReader.count(BigInteger.valueOf(5)));
        assertEquals(5, LedgerReader.count(new BigDecimal("5")));
        assertThrows(IllegalArgumentException.class, () -> LedgerReader.count(null));
    }

    @Test
    void acceptsExactNumberTypesForAmounts() {
        assertEquals(new BigDecimal("1.25"), LedgerReader.amount(new BigDecimal("1.25")));
        // coalesce(sum(...), 0) over an empty table can come back as an integer.
        assertEquals(BigDecimal.ZERO, LedgerReader.amount(0));
        assertEquals(BigDecimal.ZERO, LedgerReader.amount(0L));
        assertEquals(new BigDecimal("7"), LedgerReader.amount(BigInteger.valueOf(7)));
    }

    @Test
    void refusesInexactAmounts() {
        // A double would already have lost cents: better to fail loudly than to show a wrong total.
        assertThrows(IllegalArgumentException.class, () -> LedgerReader.amount(0.1d));
        assertThrows(IllegalArgumentException.class, () -> LedgerReader.amount(null));
    }
}

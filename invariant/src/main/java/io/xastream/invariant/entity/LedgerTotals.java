package io.xastream.invariant.entity;

import java.math.BigDecimal;

/**
 * One ledger read in one snapshot.
 *
 * @param ledger           its name, {@code A} or {@code B}
 * @param negativeBalances accounts below zero
 * @param entryMismatches  accounts whose Σ ledger_entry.amount differs from balance - opening_balance
 * @param orphanEntries    ledger entries naming an account that does not exist
 * @param entries          ledger_entry rows
 */
public record LedgerTotals(String ledger, long accounts, BigDecimal balanceSum, BigDecimal openingSum,
                           long negativeBalances, long entryMismatches, long orphanEntries, long entries) {
}

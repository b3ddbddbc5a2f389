package io.xastream.feeder.ledger.entity;

import java.math.BigDecimal;

/**
 * What seeding did to one ledger.
 *
 * @param inserted     accounts added now
 * @param alreadyThere accounts of the requested range that existed and were left untouched
 * @param accounts     all accounts in the ledger afterwards
 * @param balanceSum   Σ balance over all accounts afterwards
 * @param openingSum   Σ opening_balance over all accounts afterwards
 */
public record LedgerSeed(Ledger ledger, int inserted, int alreadyThere, long accounts,
                         BigDecimal balanceSum, BigDecimal openingSum) {
}

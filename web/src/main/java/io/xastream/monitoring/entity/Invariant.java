package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeSerializer;

import java.math.BigDecimal;
import java.util.List;

/**
 * Conservation of money: transfers only move money between the ledgers, so across both the
 * balances must still add up to the opening balances, and no account may be overdrawn.
 * <p>
 * The ledgers are read one after the other, not in one distributed snapshot: while transfers
 * commit, a read can fall between the two phases of a commit and show a passing difference.
 * Only a violation that persists once the stream is quiet is real.
 */
@JsonbPropertyOrder({"total", "openingTotal", "holds", "negativeBalances"})
public record Invariant(@JsonbTypeSerializer(AmountSerializer.class) BigDecimal total,
                        @JsonbTypeSerializer(AmountSerializer.class) BigDecimal openingTotal,
                        boolean holds,
                        long negativeBalances) {

    public static Invariant over(List<LedgerTotals> ledgers) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal openingTotal = BigDecimal.ZERO;
        long negative = 0;
        for (LedgerTotals ledger : ledgers) {
            total = total.add(ledger.balance());
            openingTotal = openingTotal.add(ledger.openingBalance());
            negative += ledger.negativeBalances();
        }
        // compareTo, not equals: 10.0 and 10.00 are the same amount.
        boolean holds = total.compareTo(openingTotal) == 0 && negative == 0;
        return new Invariant(total, openingTotal, holds, negative);
    }
}

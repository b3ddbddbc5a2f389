package io.xastream.feeder.ledger.entity;

import java.math.BigDecimal;
import java.util.Locale;

public record SeedResult(LedgerSeed ledgerA, LedgerSeed ledgerB) {

    public int inserted() {
        return ledgerA.inserted() + ledgerB.inserted();
    }

    public BigDecimal balanceSum() {
        return ledgerA.balanceSum().add(ledgerB.balanceSum());
    }

    public BigDecimal openingSum() {
        return ledgerA.openingSum().add(ledgerB.openingSum());
    }

    public String describe() {
        StringBuilder text = new StringBuilder();
        for (LedgerSeed seed : new LedgerSeed[] {ledgerA, ledgerB}) {
            text.append(String.format(Locale.ROOT,
                    "ledger %s: inserted %d, already there %d; %d accounts, Σ balance %s, Σ opening %s%n",
                    seed.ledger(), seed.inserted(), seed.alreadyThere(), seed.accounts(),
                    seed.balanceSum().toPlainString(), seed.openingSum().toPlainString()));
        }
        text.append(String.format(Locale.ROOT, "total: inserted %d; Σ balance %s, Σ opening %s%n",
                inserted(), balanceSum().toPlainString(), openingSum().toPlainString()));
        return text.toString();
    }
}

package io.xastream.invariant.entity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The exactly-once invariant, checked on one reading of both ledgers.
 *
 * @param recordsWithEntries distinct record ids that have ledger entries, over both ledgers
 * @param unbalancedRecords  of those, records that do not have exactly two entries adding up to zero
 * @param deadLettered       messages in xastream.deadletter, empty if not counted
 * @param deadLetterProblem  why the dead letters could not be counted, or null
 * @param expectedSent       records sent, if the caller knows: every one must have an outcome
 */
public record Verification(LedgerTotals ledgerA, LedgerTotals ledgerB, OutcomeCounts outcomes,
                           long recordsWithEntries, long unbalancedRecords,
                           OptionalLong deadLettered, String deadLetterProblem, OptionalLong expectedSent) {

    public static final String HOLDS = "INVARIANT HOLDS";
    public static final String VIOLATED = "INVARIANT VIOLATED";

    public BigDecimal balanceSum() {
        return ledgerA.balanceSum().add(ledgerB.balanceSum());
    }

    public BigDecimal openingSum() {
        return ledgerA.openingSum().add(ledgerB.openingSum());
    }

    /** settled + rejected + duplicates + dead-lettered. */
    public long accountedFor() {
        return outcomes.total() + deadLettered.orElse(0);
    }

    /** Short descriptions of every check that fails; empty when the invariant holds. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (balanceSum().compareTo(openingSum()) != 0) {
            violations.add("total balance " + balanceSum().toPlainString() + " != total opening balance " + openingSum().toPlainString());
        }
        long negative = ledgerA.negativeBalances() + ledgerB.negativeBalances();
        if (negative > 0) {
            violations.add(negative + " negative balance(s)");
        }
        long mismatches = ledgerA.entryMismatches() + ledgerB.entryMismatches();
        if (mismatches > 0) {
            violations.add(mismatches + " account(s) whose entries do not add up to balance - opening");
        }
        long orphans = ledgerA.orphanEntries() + ledgerB.orphanEntries();
        if (orphans > 0) {
            violations.add(orphans + " entr(ies) for unknown accounts");
        }
        if (unbalancedRecords > 0) {
            violations.add(unbalancedRecords + " record(s) without exactly one debit and one matching credit");
        }
        if (recordsWithEntries != outcomes.settled()) {
            violations.add(recordsWithEntries + " record(s) with entries != " + outcomes.settled() + " settled");
        }
        if (expectedSent.isPresent()) {
            if (deadLettered.isEmpty()) {
                violations.add("dead letters not counted (" + deadLetterProblem + ")");
            } else if (accountedFor() != expectedSent.getAsLong()) {
                violations.add("settled + rejected + duplicates + dead-lettered = " + accountedFor()
                        + " != sent " + expectedSent.getAsLong());
            }
        }
        return violations;
    }

    public boolean holds() {
        return violations().isEmpty();
    }

    /** {@code INVARIANT HOLDS} or {@code INVARIANT VIOLATED: <which>}. */
    public String verdict() {
        List<String> violations = violations();
        return violations.isEmpty() ? HOLDS : VIOLATED + ": " + String.join("; ", violations);
    }

    /** The readings, one per line, then the verdict. */
    public String report() {
        StringBuilder text = new StringBuilder();
        for (LedgerTotals ledger : List.of(ledgerA, ledgerB)) {
            text.append(String.format(Locale.ROOT,
                    "ledger %s: %d accounts, Σ balance %s, Σ opening %s, %d negative, %d entries, %d account mismatches, %d orphan entries%n",
                    ledger.ledger(), ledger.accounts(), ledger.balanceSum().toPlainString(), ledger.openingSum().toPlainString(),
                    ledger.negativeBalances(), ledger.entries(), ledger.entryMismatches(), ledger.orphanEntries()));
        }
        text.append(String.format(Locale.ROOT, "total: Σ balance %s, Σ opening %s%n",
                balanceSum().toPlainString(), openingSum().toPlainString()));
        text.append(String.format(Locale.ROOT, "records with entries: %d (%d unbalanced)%n", recordsWithEntries, unbalancedRecords));
        text.append(String.format(Locale.ROOT, "outcomes: settled %d, rejected %d, duplicates %d, dead-lettered %s%n",
                outcomes.settled(), outcomes.rejected(), outcomes.duplicates(),
                deadLettered.isPresent() ? Long.toString(deadLettered.getAsLong()) : "not counted (" + deadLetterProblem + ")"));
        if (expectedSent.isPresent()) {
            text.append(String.format(Locale.ROOT, "accounted for: %d of %d sent%n", accountedFor(), expectedSent.getAsLong()));
        }
        text.append(verdict()).append(System.lineSeparator());
        return text.toString();
    }
}

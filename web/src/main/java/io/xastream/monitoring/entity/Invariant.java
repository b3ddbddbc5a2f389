package io.xastream.monitoring.entity;

import io.xastream.invariant.entity.Verification;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeSerializer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The exactly-once invariant on one reading of both ledgers (the feeder's checks, one
 * implementation: {@link Verification}): the balances add up to the opening balances, no account
 * is overdrawn, every account's entries add up to its balance's change, no entry names an unknown
 * account, every settled record has one debit and one matching credit, and records with entries
 * are the settled ones. {@code violations} names each failing check.
 * <p>
 * The ledgers are read one after the other, not in one distributed snapshot: while transfers
 * commit, a read can fall between the two phases of a commit and show a passing difference.
 * Only a violation that persists once the stream is quiet is real.
 */
@JsonbPropertyOrder({"total", "openingTotal", "holds", "negativeBalances", "violations", "checkedAt"})
public record Invariant(@JsonbTypeSerializer(AmountSerializer.class) BigDecimal total,
                        @JsonbTypeSerializer(AmountSerializer.class) BigDecimal openingTotal,
                        boolean holds,
                        long negativeBalances,
                        List<String> violations,
                        Instant checkedAt) {

    public static Invariant of(Verification verification, Instant checkedAt) {
        List<String> violations = verification.violations();
        return new Invariant(verification.balanceSum(), verification.openingSum(), violations.isEmpty(),
                verification.ledgerA().negativeBalances() + verification.ledgerB().negativeBalances(),
                violations, checkedAt);
    }
}

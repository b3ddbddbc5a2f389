package io.xastream.feeder.transfer.entity;

import java.time.Duration;
import java.time.Instant;

/**
 * What to generate. The same plan always yields the same records.
 *
 * @param count             number of records
 * @param accounts          accounts per ledger the transfers may use: A-0001..A-{accounts}, B-0001..B-{accounts}
 * @param seed              random seed
 * @param crossLedgerShare  fraction of transfers between the two ledgers, 0..1
 * @param invalidShare      fraction of records made invalid on purpose, 0..1
 * @param idPrefix          record ids are prefix + 6-digit sequence number from 000001
 * @param startTime         event time of the first record
 * @param eventSpacing      how much later each next record's event time is (a second unless told)
 */
public record GenerationPlan(int count, int accounts, long seed, double crossLedgerShare, double invalidShare,
                             String idPrefix, Instant startTime, Duration eventSpacing) {

    public static final Instant DEFAULT_START = Instant.parse("2026-11-27T00:00:00Z");

    public GenerationPlan {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        if (accounts < 2) {
            throw new IllegalArgumentException("at least 2 accounts per ledger are needed: " + accounts);
        }
        share("cross-ledger share", crossLedgerShare);
        share("invalid share", invalidShare);
        if (idPrefix == null || !(idPrefix + "000000").matches(TransferRecord.ID_FORMAT.pattern())) {
            throw new IllegalArgumentException("id prefix must be at most 58 characters of [A-Za-z0-9._:-]: " + idPrefix);
        }
        if (eventSpacing == null || eventSpacing.isNegative()) {
            throw new IllegalArgumentException("event spacing must be 0 or more: " + eventSpacing);
        }
    }

    public static final Duration DEFAULT_SPACING = Duration.ofSeconds(1);

    /** Half the transfers across ledgers, 5 % invalid, ids {@code t-000001…}. */
    public static GenerationPlan of(int count, int accounts, long seed) {
        return new GenerationPlan(count, accounts, seed, 0.5, 0.05, "t-", DEFAULT_START, DEFAULT_SPACING);
    }

    public GenerationPlan withCrossLedgerShare(double share) {
        return new GenerationPlan(count, accounts, seed, share, invalidShare, idPrefix, startTime, eventSpacing);
    }

    public GenerationPlan withInvalidShare(double share) {
        return new GenerationPlan(count, accounts, seed, crossLedgerShare, share, idPrefix, startTime, eventSpacing);
    }

    public GenerationPlan withIdPrefix(String prefix) {
        return new GenerationPlan(count, accounts, seed, crossLedgerShare, invalidShare, prefix, startTime, eventSpacing);
    }

    public GenerationPlan withStartTime(Instant start) {
        return new GenerationPlan(count, accounts, seed, crossLedgerShare, invalidShare, idPrefix, start, eventSpacing);
    }

    public GenerationPlan withEventSpacing(Duration spacing) {
        return new GenerationPlan(count, accounts, seed, crossLedgerShare, invalidShare, idPrefix, startTime, spacing);
    }

    /** The event time of the record with this sequence number (1 for the first). */
    public Instant eventTime(long sequence) {
        return startTime.plus(eventSpacing.multipliedBy(sequence - 1));
    }

    private static void share(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1: " + value);
        }
    }
}

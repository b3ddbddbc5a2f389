package io.xastream.invariant.entity;

/** Rows of record_outcome (ledger A) per outcome. */
public record OutcomeCounts(long settled, long rejected, long duplicates) {

    public long total() {
        return settled + rejected + duplicates;
    }
}

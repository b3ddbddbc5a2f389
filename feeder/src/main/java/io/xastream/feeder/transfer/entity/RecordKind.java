package io.xastream.feeder.transfer.entity;

import java.util.List;

/** What a record fed to the server is meant to be, and the reason code it should be rejected with. */
public enum RecordKind {
    VALID(null),
    MALFORMED("MALFORMED"),
    MISSING_FIELD("MISSING_FIELD"),
    NON_POSITIVE_AMOUNT("INVALID_AMOUNT"),
    OVER_PRECISE_AMOUNT("INVALID_AMOUNT"),
    UNKNOWN_ACCOUNT("UNKNOWN_ACCOUNT"),
    SAME_ACCOUNT("SAME_ACCOUNT"),
    /** Read from a file and sent as is, unclassified. */
    AS_GIVEN(null);

    /** The invalid kinds the generator cycles through, in order. */
    public static final List<RecordKind> INVALID = List.of(
            MALFORMED, MISSING_FIELD, NON_POSITIVE_AMOUNT, OVER_PRECISE_AMOUNT, UNKNOWN_ACCOUNT, SAME_ACCOUNT);

    private final String expectedReason;

    RecordKind(String expectedReason) {
        this.expectedReason = expectedReason;
    }

    /** The {@code xastream_reason} the server should reject it with; null for valid or unclassified records. */
    public String expectedReason() {
        return expectedReason;
    }

    public boolean invalid() {
        return expectedReason != null;
    }
}

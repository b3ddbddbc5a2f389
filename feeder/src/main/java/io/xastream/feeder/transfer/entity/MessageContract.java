package io.xastream.feeder.transfer.entity;

/** Queue and message property names shared with the server (docs/record-format.md). */
public final class MessageContract {

    public static final String TRANSFERS = "xastream.transfers";
    public static final String SETTLED = "xastream.settled";
    public static final String REJECTED = "xastream.rejected";
    public static final String DEADLETTER = "xastream.deadletter";

    /** Set by the sender on every record whose id it can read; for tracing only. */
    public static final String RECORD_ID = "xastream_record_id";
    /**
     * The ordering key, set by the sender to the paying account: the server handles the transfers of
     * one account in the order they were sent (Artemis message groups), different accounts in parallel.
     */
    public static final String KEY = "JMSXGroupID";
    /** Set by the server on rejected records: one of the reason codes. */
    public static final String REASON = "xastream_reason";
    public static final String REASON_DETAIL = "xastream_reason_detail";

    private MessageContract() {
    }
}

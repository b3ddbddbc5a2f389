package io.xastream.contract;

/** The message properties the pipeline sets and reads (docs/record-format.md). */
public final class MessageProperties {

    /** The record's id, set by the sender where it can read one and by every stage; for tracing. */
    public static final String RECORD_ID = "xastream_record_id";
    /**
     * The ordering key: the paying account. Records of one key are handled in the order they were
     * sent (Artemis message groups), different keys in parallel.
     */
    public static final String KEY = "JMSXGroupID";
    /** The stage that emitted, rejected or dead-lettered the record. */
    public static final String STAGE = "xastream_stage";
    /** The coordinator's id of the transaction that emitted the record. */
    public static final String TRANSACTION_ID = "xastream_transaction_id";
    /** On rejected and dead-lettered records: a reason code ({@code docs/record-format.md}). */
    public static final String REASON = "xastream_reason";
    /** On rejected and dead-lettered records: the reason in a sentence, for people. */
    public static final String REASON_DETAIL = "xastream_reason_detail";
    /** On dead-lettered records: the queue the record came from. */
    public static final String DEAD_LETTERED_FROM = "xastream_dead_lettered_from";
    /** On replayed records: the queue an operator replayed the record from, and who. */
    public static final String REPLAYED_FROM = "xastream_replayed_from";
    public static final String REPLAYED_BY = "xastream_replayed_by";

    private MessageProperties() {
    }
}

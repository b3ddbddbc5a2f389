package io.xastream.transfer.control;

import io.xastream.stream.control.SenderText;
import io.xastream.transfer.entity.Reason;

/** A record that must not be applied: it goes to the rejected stream with this reason. */
public class RecordRejected extends Exception {

    private static final long serialVersionUID = 1L;

    /** How much of a sender's value a detail quotes. */
    static final int SHOWN_LIMIT = 80;

    private final Reason reason;
    private final String recordId;

    public RecordRejected(Reason reason, String recordId, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.recordId = recordId;
    }

    public Reason reason() {
        return reason;
    }

    /** The record's id when it could be read, else null. */
    public String recordId() {
        return recordId;
    }

    public String detail() {
        return getMessage();
    }

    /**
     * A sender's value as a detail may quote it: in double quotes, printable ASCII as is, anything
     * else as a {@code \}{@code uXXXX} escape, at most {@link #SHOWN_LIMIT} characters of it. Details
     * are stored in ledger A and sent as message properties: PostgreSQL refuses a NUL in text, and a
     * control character or a lone surrogate would garble a log line or a page.
     */
    public static String shown(String value) {
        return value == null ? "null" : '"' + printable(value, SHOWN_LIMIT) + '"';
    }

    /** As {@link #shown}, without the quotes and up to {@code limit}: for text that may hold some of a sender's. */
    public static String printable(String value, int limit) {
        return SenderText.printable(value, limit);
    }
}

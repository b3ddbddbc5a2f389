package io.xastream.transfer.control;

import io.xastream.transfer.entity.Reason;

/** A record that must not be applied: it goes to the rejected stream with this reason. */
public class RecordRejected extends Exception {

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
}

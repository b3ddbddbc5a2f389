package io.xastream.transfer.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One row per delivered record, written in the record's own transaction. {@code settledRecordId}
 * is unique and set only for a settled record: the database, not a check-then-act in memory,
 * guarantees that two concurrent deliveries of one id cannot both settle.
 */
@Entity
@Table(name = "record_outcome", indexes = @Index(name = "record_outcome_record", columnList = "record_id"))
public class RecordOutcome {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "record_id", length = 64)
    private String recordId;

    @Column(name = "settled_record_id", length = 64, unique = true)
    private String settledRecordId;

    @Enumerated(EnumType.STRING)
    @Column(length = 16, nullable = false)
    private Outcome outcome;

    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    private Reason reason;

    /** The detail column's length; a longer detail is cut there, never inside a surrogate pair. */
    private static final int DETAIL_LIMIT = 500;

    @Column(length = DETAIL_LIMIT)
    private String detail;

    @Column(name = "delivery_attempt", nullable = false)
    private int deliveryAttempt;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    /**
     * A settled record whose settled event this transaction handed on to the stages chained after
     * the apply stage, once for the record, ever (the aggregate stage counted it without a claim).
     */
    @Column(nullable = false)
    private boolean chained;

    /** The coordinator's transaction id (see CurrentTransaction). */
    @Column(name = "transaction_id", length = 128)
    private String transactionId;

    protected RecordOutcome() {
    }

    private RecordOutcome(String recordId, Outcome outcome, Reason reason, String detail, int deliveryAttempt) {
        this.recordId = recordId;
        this.settledRecordId = outcome == Outcome.SETTLED ? recordId : null;
        this.outcome = outcome;
        this.reason = reason;
        this.detail = detail == null || detail.length() <= DETAIL_LIMIT ? detail
                : detail.substring(0, Character.isHighSurrogate(detail.charAt(DETAIL_LIMIT - 1)) ? DETAIL_LIMIT - 1 : DETAIL_LIMIT);
        this.deliveryAttempt = deliveryAttempt;
        this.recordedAt = Instant.now();
    }

    public static RecordOutcome settled(String recordId, int deliveryAttempt) {
        return new RecordOutcome(recordId, Outcome.SETTLED, null, null, deliveryAttempt);
    }

    public static RecordOutcome duplicate(String recordId, int deliveryAttempt) {
        return new RecordOutcome(recordId, Outcome.DUPLICATE, null, null, deliveryAttempt);
    }

    public static RecordOutcome rejected(String recordId, Reason reason, String detail, int deliveryAttempt) {
        return new RecordOutcome(recordId, Outcome.REJECTED, reason, detail, deliveryAttempt);
    }

    /** This settled record's event went on to the chained stages in this transaction, once (see {@link #isChained}). */
    public RecordOutcome handedOnInChain() {
        this.chained = true;
        return this;
    }

    public boolean isChained() {
        return chained;
    }

    public void setTransactionId(String transactionId) {
        this.transactionId = transactionId;
    }

    public String getTransactionId() {
        return transactionId;
    }

    public String getRecordId() {
        return recordId;
    }

    public String getSettledRecordId() {
        return settledRecordId;
    }

    public String getDetail() {
        return detail;
    }

    public int getDeliveryAttempt() {
        return deliveryAttempt;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public Reason getReason() {
        return reason;
    }
}

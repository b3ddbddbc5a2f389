package io.xastream.ledger.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** One side of a transfer as its ledger books it: negative for a debit, positive for a credit. */
@Entity
@Table(name = "ledger_entry", indexes = {
        @Index(name = "ledger_entry_record", columnList = "record_id"),
        @Index(name = "ledger_entry_account", columnList = "account_id")})
public class LedgerEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "record_id", length = 64, nullable = false)
    private String recordId;

    @Column(name = "account_id", length = 32, nullable = false)
    private String accountId;

    @Column(precision = 19, scale = 2, nullable = false)
    private BigDecimal amount;

    @Column(length = 32, nullable = false)
    private String counterparty;

    @Column(name = "event_time")
    private Instant eventTime;

    @Column(name = "applied_at", nullable = false)
    private Instant appliedAt;

    /** The coordinator's transaction id (see CurrentTransaction): ties the entry to its transaction. */
    @Column(name = "transaction_id", length = 128)
    private String transactionId;

    protected LedgerEntry() {
    }

    public LedgerEntry(String recordId, String accountId, BigDecimal amount, String counterparty,
                       Instant eventTime, Instant appliedAt) {
        this.recordId = recordId;
        this.accountId = accountId;
        this.amount = amount;
        this.counterparty = counterparty;
        this.eventTime = eventTime;
        this.appliedAt = appliedAt;
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

    public String getAccountId() {
        return accountId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getCounterparty() {
        return counterparty;
    }

    public Instant getEventTime() {
        return eventTime;
    }

    public Instant getAppliedAt() {
        return appliedAt;
    }
}

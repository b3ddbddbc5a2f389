package io.xastream.stream.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/**
 * A record a stage has handled, written in the transaction that handled it: the primary key makes a
 * redelivered or replayed copy of the record visible to the stage, which then leaves its state alone.
 */
@Entity
@Table(name = "stage_claim")
@IdClass(StageClaim.Key.class)
public class StageClaim {

    @Id
    @Column(length = 32)
    private String stage;

    @Id
    @Column(name = "record_id", length = 64)
    private String recordId;

    @Column(name = "claimed_at", nullable = false)
    private Instant claimedAt;

    @Column(name = "transaction_id", length = 128)
    private String transactionId;

    protected StageClaim() {
    }

    public record Key(String stage, String recordId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}

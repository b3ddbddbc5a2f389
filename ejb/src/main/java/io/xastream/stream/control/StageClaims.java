package io.xastream.stream.control;

import io.xastream.transaction.control.CurrentTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Exactly-once state for stages whose input may repeat: one claim per stage and record id (table stage_claim, ledger A). */
@ApplicationScoped
public class StageClaims {

    @PersistenceContext(unitName = "ledgerA")
    EntityManager ledgerA;

    @Inject
    CurrentTransaction transaction;

    /**
     * True the first time a stage claims a record id, in the calling transaction; false when a committed
     * (or concurrently running) transaction has claimed it. One round trip: PostgreSQL's
     * {@code ON CONFLICT DO NOTHING} waits for a concurrent claimer and then reports the conflict.
     */
    public boolean first(String stage, String recordId) {
        return ledgerA.createNativeQuery("INSERT INTO stage_claim (stage, record_id, claimed_at, transaction_id) "
                        + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, stage)
                .setParameter(2, recordId)
                .setParameter(3, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                .setParameter(4, transaction.id())
                .executeUpdate() == 1;
    }
}

package io.xastream.transfer.control;

import io.xastream.stream.control.StageContext;
import io.xastream.stream.control.StreamRecord;
import io.xastream.transaction.control.CurrentTransaction;
import io.xastream.transfer.entity.RecordOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The outcome of every delivered record, kept in ledger A inside the record's own transaction. */
@ApplicationScoped
public class OutcomeLog {

    @PersistenceContext(unitName = "ledgerA")
    EntityManager ledgerA;

    @Inject
    CurrentTransaction transaction;

    public boolean isSettled(String recordId) {
        return ledgerA.createQuery("select count(o) from RecordOutcome o where o.settledRecordId = :id", Long.class)
                .setParameter("id", recordId)
                .getSingleResult() > 0;
    }

    /** Written and flushed at once: a second settlement of one id fails here, on the unique key. */
    public void record(RecordOutcome outcome) {
        outcome.setTransactionId(transaction.id());
        ledgerA.persist(outcome);
        ledgerA.flush();
    }

    /** A rejection, in the same transaction: its REJECTED outcome, and the record with its reason on the rejected stream. */
    public void reject(StreamRecord record, RecordRejected rejection, StageContext context) {
        record(RecordOutcome.rejected(rejection.recordId(), rejection.reason(), rejection.detail(), record.deliveryAttempt()));
        context.reject(record, rejection.recordId(), rejection.reason().name(), rejection.detail());
    }
}

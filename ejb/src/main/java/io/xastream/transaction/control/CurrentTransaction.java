package io.xastream.transaction.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The coordinator's id of the running transaction. Rows and events carry it so that a transaction
 * which ends up in doubt or heuristic in the log store can be traced back to its record, even when
 * one ledger lost its part of the work.
 */
@ApplicationScoped
public class CurrentTransaction {

    @Resource
    TransactionSynchronizationRegistry registry;

    /** Whether the running transaction may still commit: active, not marked for rollback. */
    public boolean active() {
        return registry.getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    /** Marks the running transaction so that it can only roll back. */
    public void setRollbackOnly() {
        registry.setRollbackOnly();
    }

    /** Runs {@code then} if, and when, the running transaction commits. */
    public void onCommit(Runnable then) {
        onOutcome(Status.STATUS_COMMITTED, then);
    }

    /** Runs {@code then} if the running transaction rolls back after all (its commit failed, or a timeout). */
    public void onRollback(Runnable then) {
        onOutcome(Status.STATUS_ROLLEDBACK, then);
    }

    private void onOutcome(int outcome, Runnable then) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == outcome) {
                    then.run();
                }
            }
        });
    }

    /** Narayana's transaction Uid (the log store's record name, with ':' for '_'), or null outside a transaction. */
    public String id() {
        Object key = registry.getTransactionKey();
        return key == null ? null : key.toString();
    }
}

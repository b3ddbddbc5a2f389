package io.xastream.transaction.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
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

    /** Narayana's transaction Uid (the log store's record name, with ':' for '_'), or null outside a transaction. */
    public String id() {
        Object key = registry.getTransactionKey();
        return key == null ? null : key.toString();
    }
}

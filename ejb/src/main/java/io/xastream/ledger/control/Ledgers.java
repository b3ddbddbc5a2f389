package io.xastream.ledger.control;

import io.xastream.ledger.entity.Account;
import io.xastream.ledger.entity.LedgerEntry;
import io.xastream.transaction.control.CurrentTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The two ledgers: accounts {@code A-…} live in ledger A (PostgreSQL), {@code B-…} in ledger B
 * (MariaDB). Both persistence contexts join the caller's JTA transaction, so whatever is written
 * here commits or rolls back together with the JMS delivery, by two-phase commit.
 */
@ApplicationScoped
public class Ledgers {

    @Inject
    CurrentTransaction transaction;

    @PersistenceContext(unitName = "ledgerA")
    EntityManager ledgerA;

    @PersistenceContext(unitName = "ledgerB")
    EntityManager ledgerB;

    /** "A", "B", or null for an id that belongs to no ledger. */
    public static String ledgerOf(String accountId) {
        if (accountId.startsWith("A-")) {
            return "A";
        }
        return accountId.startsWith("B-") ? "B" : null;
    }

    /**
     * Locks the accounts for the rest of the transaction, always in one global order (ledger A
     * before ledger B, then by id). Two transfers between the same accounts in opposite directions
     * would otherwise each hold one row and wait for the other across two databases: a deadlock
     * neither database can see, broken only by a timeout.
     *
     * @return the accounts by id; an unknown id maps to null
     */
    public Map<String, Account> lockInOrder(String... accountIds) {
        String[] ordered = accountIds.clone();
        Arrays.sort(ordered);
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (String id : ordered) {
            accounts.put(id, of(id).find(Account.class, id, LockModeType.PESSIMISTIC_WRITE));
        }
        return accounts;
    }

    /** Which of the accounts already have an entry of the record, asking each ledger involved once. */
    public Set<String> accountsBooked(String recordId, String... accountIds) {
        Set<String> booked = new HashSet<>();
        Set<EntityManager> asked = new HashSet<>();
        for (String id : accountIds) {
            EntityManager ledger = of(id);
            if (asked.add(ledger)) {
                booked.addAll(ledger.createQuery("select e.accountId from LedgerEntry e where e.recordId = :record", String.class)
                        .setParameter("record", recordId)
                        .getResultList());
            }
        }
        return booked;
    }

    public void book(LedgerEntry entry) {
        entry.setTransactionId(transaction.id());
        of(entry.getAccountId()).persist(entry);
    }

    /** Sends the pending writes to both databases now, so that a failure surfaces inside the transaction. */
    public void flush() {
        ledgerA.flush();
        ledgerB.flush();
    }

    private EntityManager of(String accountId) {
        String ledger = ledgerOf(accountId);
        if (ledger == null) {
            throw new IllegalArgumentException("account " + accountId + " belongs to no ledger");
        }
        return ledger.equals("A") ? ledgerA : ledgerB;
    }
}

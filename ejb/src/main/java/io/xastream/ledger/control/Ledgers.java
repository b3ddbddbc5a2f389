package io.xastream.ledger.control;

import io.xastream.ledger.entity.Account;
import io.xastream.ledger.entity.LedgerEntry;
import io.xastream.transaction.control.LedgerConnections;
import io.xastream.transaction.control.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The two ledgers: accounts {@code A-…} live in ledger A (PostgreSQL), {@code B-…} in ledger B
 * (MariaDB). Both connections are enlisted in the caller's JTA transaction ({@link LedgerConnections}),
 * so whatever is written here commits or rolls back together with the JMS delivery, by two-phase commit.
 * <p>
 * Set-based: a whole epoch takes one locking read per ledger, one batch of balance updates and one
 * batch of entries per ledger, whatever its size.
 */
@ApplicationScoped
public class Ledgers {

    @Inject
    LedgerConnections connections;

    /** "A", "B", or null for an id that belongs to no ledger. */
    public static String ledgerOf(String accountId) {
        if (accountId.startsWith("A-")) {
            return "A";
        }
        return accountId.startsWith("B-") ? "B" : null;
    }

    /**
     * Locks the accounts for the rest of the transaction, always in one global order: ledger A before
     * ledger B, each in the order of its primary key (one {@code SELECT … ORDER BY id FOR UPDATE}).
     * Two epochs touching the same accounts would otherwise each hold rows the other waits for,
     * across two databases: a deadlock neither database can see, broken only by a timeout.
     *
     * @return the accounts found, by id (an unknown id is absent), as they stand under the lock
     */
    public Map<String, Account> lock(Collection<String> accountIds) {
        Map<String, Account> accounts = new HashMap<>();
        for (String ledger : List.of("A", "B")) {
            List<String> ids = accountIds.stream().filter(id -> ledger.equals(ledgerOf(id))).distinct().toList();
            if (ids.isEmpty()) {
                continue;
            }
            connections.on(ledger, connection -> {
                try (PreparedStatement select = connection.prepareStatement("SELECT id, balance, opening_balance FROM account WHERE id IN ("
                        + Sql.placeholders(ids.size()) + ") ORDER BY id FOR UPDATE")) {
                    Sql.bind(select, ids);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            accounts.put(rows.getString(1), new Account(rows.getString(1), rows.getBigDecimal(2), rows.getBigDecimal(3)));
                        }
                    }
                }
                return null;
            });
        }
        return accounts;
    }

    /** Which accounts already hold an entry of each record (at least once: a ledger may have committed its side), one query per ledger. */
    public Map<String, Set<String>> accountsBooked(Collection<String> recordIds) {
        Map<String, Set<String>> booked = new HashMap<>();
        List<String> ids = new ArrayList<>(new TreeSet<>(recordIds));
        if (ids.isEmpty()) {
            return booked;
        }
        for (String ledger : List.of("A", "B")) {
            connections.on(ledger, connection -> {
                try (PreparedStatement select = connection.prepareStatement("SELECT record_id, account_id FROM ledger_entry WHERE record_id IN ("
                        + Sql.placeholders(ids.size()) + ")")) {
                    Sql.bind(select, ids);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            booked.computeIfAbsent(rows.getString(1), id -> new HashSet<>()).add(rows.getString(2));
                        }
                    }
                }
                return null;
            });
        }
        return booked;
    }

    /**
     * Books the entries and writes each touched account's balance once (its net change over all
     * entries): per ledger one batch of updates and one batch of inserts.
     */
    public void book(List<LedgerEntry> entries, Map<String, Account> accounts, String transactionId) {
        for (String ledger : List.of("A", "B")) {
            List<LedgerEntry> mine = entries.stream().filter(entry -> ledger.equals(ledgerOf(entry.getAccountId()))).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Map<String, Account> touched = new LinkedHashMap<>();
            mine.forEach(entry -> touched.put(entry.getAccountId(), accounts.get(entry.getAccountId())));
            connections.on(ledger, connection -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE account SET balance = ?, version = version + 1 WHERE id = ?")) {
                    for (Account account : touched.values()) {
                        update.setBigDecimal(1, account.getBalance());
                        update.setString(2, account.getId());
                        update.addBatch();
                    }
                    update.executeBatch();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_entry "
                        + "(record_id, account_id, amount, counterparty, event_time, applied_at, transaction_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (LedgerEntry entry : mine) {
                        insert.setString(1, entry.getRecordId());
                        insert.setString(2, entry.getAccountId());
                        insert.setBigDecimal(3, entry.getAmount());
                        insert.setString(4, entry.getCounterparty());
                        setTime(ledger, insert, 5, entry.getEventTime());
                        setTime(ledger, insert, 6, entry.getAppliedAt());
                        insert.setString(7, transactionId);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
        }
    }

    /** Ledger A (PostgreSQL) keeps times as timestamp with time zone, ledger B (MariaDB) as datetime in UTC. */
    private static void setTime(String ledger, PreparedStatement statement, int index, Instant time) throws SQLException {
        if (ledger.equals("A")) {
            Sql.setInstant(statement, index, time);
        } else {
            Sql.setUtcDateTime(statement, index, time);
        }
    }
}

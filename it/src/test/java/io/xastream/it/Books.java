package io.xastream.it;

import io.xastream.harness.LedgerConnection;
import jakarta.json.Json;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads and seeds both ledgers over plain JDBC, independently of the application. */
public final class Books {

    private Books() {
    }

    public static LedgerConnection ledgerOf(String accountId) {
        return accountId.startsWith("A-") ? LedgerStack.ledgerA() : LedgerStack.ledgerB();
    }

    public static void seed(List<String> accountIds, BigDecimal balance) throws SQLException {
        for (String id : accountIds) {
            try (Connection c = ledgerOf(id).open();
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO account (id, balance, opening_balance, version) VALUES (?, ?, ?, 0)")) {
                insert.setString(1, id);
                insert.setBigDecimal(2, balance);
                insert.setBigDecimal(3, balance);
                insert.executeUpdate();
            }
        }
    }

    public static BigDecimal balance(String accountId) throws SQLException {
        try (Connection c = ledgerOf(accountId).open();
             PreparedStatement query = c.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
            query.setString(1, accountId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : null;
            }
        }
    }

    /** Σ of the signed entries booked per account, over both ledgers, for records whose id starts with the prefix. */
    public static Map<String, BigDecimal> entrySums(String recordPrefix) throws SQLException {
        Map<String, BigDecimal> sums = new HashMap<>();
        for (LedgerConnection ledger : List.of(LedgerStack.ledgerA(), LedgerStack.ledgerB())) {
            for (Map<String, Object> row : rows(ledger,
                    "SELECT account_id, SUM(amount) FROM ledger_entry WHERE record_id LIKE ? GROUP BY account_id",
                    recordPrefix + "%")) {
                sums.merge((String) row.get("1"), (BigDecimal) row.get("2"), BigDecimal::add);
            }
        }
        return sums;
    }

    /** Record id → its entries (account:amount) over both ledgers. */
    public static Map<String, List<String>> entriesByRecord(String recordPrefix) throws SQLException {
        Map<String, List<String>> entries = new HashMap<>();
        for (LedgerConnection ledger : List.of(LedgerStack.ledgerA(), LedgerStack.ledgerB())) {
            for (Map<String, Object> row : rows(ledger,
                    "SELECT record_id, account_id, amount FROM ledger_entry WHERE record_id LIKE ?", recordPrefix + "%")) {
                entries.computeIfAbsent((String) row.get("1"), k -> new ArrayList<>())
                        .add(row.get("2") + ":" + ((BigDecimal) row.get("3")).toPlainString());
            }
        }
        return entries;
    }

    /** Record id → its outcomes ("SETTLED", "DUPLICATE", "REJECTED:REASON") in the order recorded. */
    public static Map<String, List<String>> outcomes(String recordPrefix) throws SQLException {
        Map<String, List<String>> outcomes = new HashMap<>();
        for (Map<String, Object> row : rows(LedgerStack.ledgerA(),
                "SELECT record_id, outcome, reason FROM record_outcome WHERE record_id LIKE ? ORDER BY id", recordPrefix + "%")) {
            String outcome = row.get("3") == null ? (String) row.get("2") : row.get("2") + ":" + row.get("3");
            outcomes.computeIfAbsent((String) row.get("1"), k -> new ArrayList<>()).add(outcome);
        }
        return outcomes;
    }

    public static long count(LedgerConnection ledger, String sql, Object... args) throws SQLException {
        return ((Number) rows(ledger, sql, args).get(0).get("1")).longValue();
    }

    /**
     * The books of the given accounts (all opened with {@code opening}) balance: each balance is its
     * opening plus the entries of the records with the prefix, none is negative, and their sum is
     * unchanged.
     */
    public static void assertBalanced(List<String> accounts, BigDecimal opening, String recordPrefix) throws SQLException {
        Map<String, BigDecimal> sums = entrySums(recordPrefix);
        BigDecimal total = BigDecimal.ZERO;
        for (String account : accounts) {
            BigDecimal balance = balance(account);
            assertEquals(opening.add(sums.getOrDefault(account, BigDecimal.ZERO)), balance, account);
            assertTrue(balance.signum() >= 0, account);
            total = total.add(balance);
        }
        assertEquals(opening.multiply(BigDecimal.valueOf(accounts.size())), total, "Σ balances");
    }

    /** Polls until {@code expected} outcome rows exist for the prefix; returns how many there were. */
    public static long awaitOutcomes(String recordPrefix, long expected, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen;
        do {
            seen = count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM record_outcome WHERE record_id LIKE ?", recordPrefix + "%");
            if (seen >= expected) {
                return seen;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return seen;
    }

    /** Rows as maps from column position ("1", "2", …) to value. */
    public static List<Map<String, Object>> rows(LedgerConnection ledger, String sql, Object... args) throws SQLException {
        try (Connection c = ledger.open(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(String.valueOf(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** The records that debited an account, in the order they were booked (entry ids grow; one account's entries are serialised by its row lock). */
    public static List<String> debitsInApplyOrder(String account) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> row : rows(ledgerOf(account),
                "SELECT record_id FROM ledger_entry WHERE account_id = ? AND amount < 0 ORDER BY id", account)) {
            ids.add((String) row.get("1"));
        }
        return ids;
    }

    /** Each account's debits were booked in the order their records (id → JSON body) were sent. */
    public static void assertDebitsInSendOrder(List<String> accounts, List<Map.Entry<String, String>> records) throws SQLException {
        Map<String, List<String>> sendOrder = new HashMap<>();
        for (Map.Entry<String, String> record : records) {
            String from = Json.createReader(new StringReader(record.getValue())).readObject().getString("from");
            sendOrder.computeIfAbsent(from, k -> new ArrayList<>()).add(record.getKey());
        }
        for (String account : accounts) {
            assertEquals(sendOrder.getOrDefault(account, List.of()), debitsInApplyOrder(account), "apply order of " + account);
        }
    }

    /**
     * How many settled records with ids matching the pattern the aggregate stage has counted: those it
     * claimed (their events came through its queue) and those the apply stage handed over to it once,
     * chained in the transaction that settled them (which need no claim: record_outcome.chained).
     */
    public static long aggregated(String idPattern) throws SQLException {
        return count(LedgerStack.ledgerA(), "SELECT (SELECT COUNT(*) FROM stage_claim WHERE stage = 'aggregate' AND record_id LIKE ?)"
                + " + (SELECT COUNT(*) FROM record_outcome WHERE chained AND settled_record_id LIKE ?)", idPattern, idPattern);
    }

    /** Waits up to 2 min until the aggregate stage has counted {@code expected} records of the prefix. */
    public static void awaitAggregated(String prefix, long expected) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen = aggregated(prefix + "%");
            if (seen >= expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(prefix + ": " + seen + " of " + expected + " settled records aggregated");
    }
}

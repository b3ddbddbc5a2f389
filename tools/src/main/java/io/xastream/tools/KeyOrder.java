package io.xastream.tools;

import io.xastream.harness.LedgerConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-key order, checked on the books: each paying account's debits, in the order they were booked
 * (entry ids grow, and one account's entries are serialised by its row lock), must come in the order
 * their records were sent. Records that never debited (rejected ones) are simply absent.
 */
final class KeyOrder {

    /** The first send of each record id, numbered in send order. */
    private final Map<String, Long> sent = new HashMap<>();
    private long next;

    void sent(String recordId) {
        if (recordId != null) {
            sent.putIfAbsent(recordId, next++);
        }
    }

    long records() {
        return sent.size();
    }

    /**
     * The accounts whose debits (account id → record ids in booking order) break send order, each
     * with its first record booked after a later-sent one; empty when every account kept its order.
     */
    List<String> violations(Map<String, List<String>> debitsByAccount) {
        List<String> broken = new ArrayList<>();
        debitsByAccount.forEach((account, debits) -> {
            String previous = null;
            for (String record : debits) {
                Long index = sent.get(record);
                if (index == null) {
                    continue; // not this run's record
                }
                if (previous != null && index < sent.get(previous)) {
                    broken.add(account + ": " + record + " booked after " + previous + ", sent before it");
                    return;
                }
                previous = record;
            }
        });
        return broken;
    }

    /** Each account's debits of records with the given id prefix, in booking order. */
    static Map<String, List<String>> debits(LedgerConnection ledger, String idPrefix) throws SQLException {
        Map<String, List<String>> debits = new HashMap<>();
        try (Connection connection = ledger.open();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT account_id, record_id FROM ledger_entry WHERE amount < 0 AND record_id LIKE ? ORDER BY id")) {
            query.setString(1, idPrefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    debits.computeIfAbsent(rows.getString(1), account -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return debits;
    }
}

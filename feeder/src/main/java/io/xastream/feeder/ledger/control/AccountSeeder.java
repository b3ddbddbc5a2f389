package io.xastream.feeder.ledger.control;

import io.xastream.feeder.connection.entity.LedgerConnections;
import io.xastream.feeder.connection.entity.LedgerEndpoint;
import io.xastream.feeder.ledger.entity.Ledger;
import io.xastream.feeder.ledger.entity.LedgerSeed;
import io.xastream.feeder.ledger.entity.SeedResult;
import io.xastream.invariant.control.MissingSchema;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Makes sure accounts {@code A-0001..A-N} exist in ledger A and {@code B-0001..B-N} in ledger B.
 * Missing ones are inserted with balance = opening balance; existing ones are left as they are,
 * so seeding again after a run does not disturb the invariant. The tables must exist already.
 */
public final class AccountSeeder {

    private final LedgerConnections ledgers;

    public AccountSeeder(LedgerConnections ledgers) {
        this.ledgers = ledgers;
    }

    public SeedResult seed(int accounts, BigDecimal balance) throws SQLException {
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts must be >= 1: " + accounts);
        }
        if (balance.signum() < 0 || balance.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("balance must be >= 0 with at most two decimals: " + balance);
        }
        BigDecimal opening = balance.setScale(2);
        return new SeedResult(
                seed(ledgers.ledgerA(), Ledger.A, accounts, opening),
                seed(ledgers.ledgerB(), Ledger.B, accounts, opening));
    }

    private static LedgerSeed seed(LedgerEndpoint endpoint, Ledger ledger, int accounts, BigDecimal opening)
            throws SQLException {
        try (Connection connection = endpoint.open()) {
            connection.setAutoCommit(false);
            try {
                // Portable "insert if absent": ON CONFLICT and INSERT IGNORE differ between the engines.
                Set<String> existing = new HashSet<>();
                try (PreparedStatement select = connection.prepareStatement("select id from account where id like ?")) {
                    select.setString(1, ledger.prefix() + "%");
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            existing.add(rows.getString(1));
                        }
                    }
                }
                int inserted = 0;
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into account (id, balance, opening_balance, version) values (?, ?, ?, 0)")) {
                    for (int number = 1; number <= accounts; number++) {
                        String id = ledger.account(number);
                        if (!existing.contains(id)) {
                            insert.setString(1, id);
                            insert.setBigDecimal(2, opening);
                            insert.setBigDecimal(3, opening);
                            insert.addBatch();
                            inserted++;
                        }
                    }
                    if (inserted > 0) {
                        insert.executeBatch();
                    }
                }
                LedgerSeed seed;
                try (Statement statement = connection.createStatement();
                     ResultSet totals = statement.executeQuery(
                             "select count(*), coalesce(sum(balance), 0), coalesce(sum(opening_balance), 0) from account")) {
                    totals.next();
                    seed = new LedgerSeed(ledger, inserted, accounts - inserted, totals.getLong(1),
                            totals.getBigDecimal(2).setScale(2), totals.getBigDecimal(3).setScale(2));
                }
                connection.commit();
                return seed;
            } catch (SQLException e) {
                connection.rollback();
                throw MissingSchema.explain(endpoint.name(), e);
            }
        }
    }
}

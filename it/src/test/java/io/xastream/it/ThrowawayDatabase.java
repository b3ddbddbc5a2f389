package io.xastream.it;

import io.xastream.harness.LedgerConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database of a test's own on a ledger's server, for the ledger's user, dropped when closed: the
 * ledgers the system tests use stay untouched. Created and dropped from the ledger's own database,
 * which the ledger user is known to reach (a maintenance database may be closed to it).
 */
final class ThrowawayDatabase implements AutoCloseable {

    private final LedgerConnection server;
    private final String name;

    private ThrowawayDatabase(LedgerConnection server, String name) {
        this.server = server;
        this.name = name;
    }

    /** An empty database named {@code prefix} and a random suffix, beside the ledger's. */
    static ThrowawayDatabase create(LedgerConnection ledger, String prefix) throws SQLException {
        ThrowawayDatabase database = new ThrowawayDatabase(ledger,
                prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36));
        database.empty();
        return database;
    }

    String url() {
        return inDatabase(server.url(), name);
    }

    String user() {
        return server.user();
    }

    String password() {
        return server.password();
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    /** Drops the database, whatever is in it, and creates it again, empty. */
    void empty() throws SQLException {
        close();
        onServer("create database " + name);
    }

    @Override
    public void close() throws SQLException {
        onServer("drop database if exists " + name + (postgres() ? " with (force)" : ""));
    }

    private boolean postgres() {
        return server.url().startsWith("jdbc:postgresql:");
    }

    private void onServer(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The ledger's JDBC URL with another database in it, its parameters kept. */
    private static String inDatabase(String url, String database) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        int slash = path.lastIndexOf('/');
        if (slash <= path.indexOf("//") + 1) {
            throw new IllegalArgumentException("no database in ledger URL " + url);
        }
        return path.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }
}

package io.xastream.feeder.connection.entity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where one ledger database is and how to log in. */
public record LedgerEndpoint(String name, String url, String user, String password) {

    /** A new connection; a failure names the ledger, since the driver's message does not. */
    public Connection open() throws SQLException {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new SQLException("cannot connect to " + this + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + url + " as " + user + ")";
    }
}

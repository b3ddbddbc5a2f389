package io.xastream.jdbc;

import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * MariaDB's XA datasource, with its XA errors told the way XA expects. Connector/J 3.5 reports a
 * connection lost in the middle of XA PREPARE or COMMIT as an XAException with error code 0.
 * Narayana cannot tell from code 0 whether the branch is prepared, so it records a heuristic hazard
 * and leaves the other branches prepared, holding their locks, until an operator steps in
 * (docs/recovery.md). {@link RmFailWhenConnectionLost} reports it as XAER_RMFAIL.
 *
 * Installed with the driver in the org.mariadb.jdbc module (server-config/src/main/cli/jdbc-drivers.cli).
 */
public class MariaDbXaDataSource implements XADataSource {

    private final MariaDbDataSource mariaDb = new MariaDbDataSource();

    /** The whole connection configuration, as MariaDB's own datasource takes it. */
    public void setUrl(String url) throws SQLException {
        mariaDb.setUrl(url);
    }

    public String getUrl() {
        return mariaDb.getUrl();
    }

    @Override
    public XAConnection getXAConnection() throws SQLException {
        return withTrueXaErrors(mariaDb.getXAConnection());
    }

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
        return withTrueXaErrors(mariaDb.getXAConnection(user, password));
    }

    /** Connector/J 3.5 gives a lost connection no XA error code at all. */
    static boolean connectionLost(XAException e) {
        return e.errorCode == 0;
    }

    private static XAConnection withTrueXaErrors(XAConnection connection) {
        return RmFailWhenConnectionLost.wrap(connection, MariaDbXaDataSource::connectionLost);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return mariaDb.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        mariaDb.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        mariaDb.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return mariaDb.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return mariaDb.getParentLogger();
    }
}

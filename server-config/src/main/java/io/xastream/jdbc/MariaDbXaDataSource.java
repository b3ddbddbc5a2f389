package io.xastream.jdbc;

import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.XAConnection;
import javax.sql.XADataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * MariaDB's XA datasource, with its XA errors told the way XA expects. Connector/J 3.5 reports a
 * connection lost in the middle of XA PREPARE or COMMIT as an XAException with error code 0.
 * Narayana cannot tell from code 0 whether the branch is prepared, so it records a heuristic hazard
 * and leaves the other branches prepared, holding their locks, until an operator steps in
 * (docs/recovery.md). Reported as XAER_RMFAIL, the same failure makes Narayana roll the transaction
 * back (or retry the commit in recovery), and the stream carries on by itself.
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

    static XAConnection withTrueXaErrors(XAConnection connection) {
        return (XAConnection) Proxy.newProxyInstance(MariaDbXaDataSource.class.getClassLoader(),
                new Class<?>[]{XAConnection.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(connection, args);
                        return method.getName().equals("getXAResource")
                                ? new RmFailOnUnknownError((javax.transaction.xa.XAResource) result)
                                : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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

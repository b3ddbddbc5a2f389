package io.xastream.jdbc;

import org.postgresql.xa.PGXADataSource;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import java.io.IOException;
import java.sql.SQLException;

/**
 * PostgreSQL's XA datasource, with a lost connection reported as XAER_RMFAIL. pgjdbc reports every
 * failed PREPARE, COMMIT PREPARED or ROLLBACK PREPARED as XAER_RMERR, including the ones where the
 * server went away (restart, {@code pg_terminate_backend}). Narayana reads XAER_RMERR on commit as
 * a heuristic rollback and on rollback as a heuristic hazard, although the branch is still
 * prepared; the stream then stalls on its locks. {@link RmFailWhenConnectionLost} says what
 * XAER_RMFAIL changes.
 *
 * Installed with the driver in the org.postgresql module (server-config/src/main/cli/jdbc-drivers.cli);
 * it takes the same properties as PGXADataSource.
 */
public class PostgresXaDataSource extends PGXADataSource {

    @Override
    public XAConnection getXAConnection() throws SQLException {
        return getXAConnection(getUser(), getPassword());
    }

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
        return RmFailWhenConnectionLost.wrap(super.getXAConnection(user, password), PostgresXaDataSource::connectionLost);
    }

    /**
     * Whether the statement failed because the connection did: SQLSTATE class 08 (connection
     * exception), 57P01 to 57P03 (server shutting down or not yet accepting connections), or an I/O
     * failure underneath.
     */
    static boolean connectionLost(XAException e) {
        if (e.errorCode != XAException.XAER_RMERR) {
            return false;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}

package io.xastream.stream.control;

import jakarta.resource.ResourceException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failed attempt failed because a resource was away (a database stopped, restarting or
 * refusing connections, a connection lost under the statement, a pool that cannot hand one out),
 * not because of the records it held: such a failure is charged to none of them
 * ({@link DeliveryAttempts}). Recognised anywhere in the cause chain, as the drivers, the
 * connection pool and Hibernate each wrap it their own way.
 */
public final class ResourceOutage {

    /** Causes deeper than this are not followed: a chain that long is a cycle. */
    private static final int DEPTH = 32;

    private ResourceOutage() {
    }

    public static boolean caused(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    // IronJacamar: "IJ000453: Unable to get managed connection", a pool shut down
                    || t instanceof ResourceException
                    // a socket refused, reset or closed under the driver
                    || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && awayState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01 to 57P03 (PostgreSQL shutting down or not yet
     * accepting connections), class 53 (out of connections, memory or disk), 70100 (MariaDB: the
     * connection was killed).
     */
    static boolean awayState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53")
                || state.matches("57P0[123]") || state.equals("70100"));
    }
}

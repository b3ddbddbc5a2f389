package io.xastream.transaction.control;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;

/**
 * Plain statements on the connection a persistence context holds in the running transaction: the
 * set-based stages lock, read and write a whole epoch in a few statements and JDBC batches, on the
 * same enlisted connection (and so in the same XA branch) as anything the context itself does.
 */
public final class Sql {

    /** Instants are stored as UTC, as Hibernate stores them in these tables (PostgreSQL timestamptz, MariaDB datetime). */
    private static final ThreadLocal<Calendar> UTC = ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));

    private Sql() {
    }

    public static <T> T on(EntityManager persistenceContext, ReturningWork<T> work) {
        return persistenceContext.unwrap(Session.class).doReturningWork(work);
    }

    /** {@code ?, ?, ?} for an IN list of n values. */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** Binds the values to the statement's parameters 1 to n (an IN list of {@link #placeholders}). */
    public static void bind(PreparedStatement statement, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(i + 1, values.get(i));
        }
    }

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, java.sql.Types.TIMESTAMP);
        } else {
            statement.setTimestamp(index, Timestamp.from(instant), UTC.get());
        }
    }

    public static Instant getInstant(ResultSet rows, int index) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(index, UTC.get());
        return timestamp == null ? null : timestamp.toInstant();
    }
}

package io.xastream.transaction.control;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;

/**
 * Helpers for the plain statements of the set-based stages, which lock, read and write a whole
 * epoch in a few statements and JDBC batches on a ledger's connection ({@link LedgerConnections}).
 */
public final class Sql {

    /** Instants are stored as UTC, as Hibernate stores them in these tables (PostgreSQL timestamptz, MariaDB datetime). */
    private static final ThreadLocal<Calendar> UTC = ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));

    private Sql() {
    }

    /** {@code ?, ?, ?} for an IN list of n values. */
    public static String placeholders(int n) {
        return rows(n, "?");
    }

    /** The row n times, separated by commas: {@code (?, ?), (?, ?)} for a VALUES list. */
    public static String rows(int n, String row) {
        return String.join(", ", Collections.nCopies(n, row));
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

    /**
     * An instant into a column without a zone (MariaDB's datetime) as its UTC wall time, the JDBC 4.2
     * mapping of such a column: the same value {@link #setInstant} stores, without the MariaDB
     * driver formatting a calendar-bound timestamp through a new SimpleDateFormat for each value.
     */
    public static void setUtcDateTime(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, java.sql.Types.TIMESTAMP);
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    public static Instant getInstant(ResultSet rows, int index) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(index, UTC.get());
        return timestamp == null ? null : timestamp.toInstant();
    }
}

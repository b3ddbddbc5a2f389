package io.xastream.invariant.control;

import java.sql.SQLException;

/** Tells a missing table apart from other failures: the usual cause is an application not deployed yet. */
public final class MissingSchema {

    private MissingSchema() {
    }

    /** PostgreSQL: undefined_table 42P01; MariaDB: ER_NO_SUCH_TABLE 1146 (SQLState 42S02). */
    public static boolean isCause(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if ("42P01".equals(current.getSQLState()) || "42S02".equals(current.getSQLState())
                    || current.getErrorCode() == 1146) {
                return true;
            }
        }
        return false;
    }

    public static SQLException explain(String ledger, SQLException e) {
        if (!isCause(e)) {
            return e;
        }
        return new SQLException(ledger + " has no xastream tables yet (" + e.getMessage().strip()
                + "): deploy the xastream application first; it creates the schema on deploy", e.getSQLState(), e);
    }
}

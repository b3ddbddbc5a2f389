package io.xastream.invariant.control;

import java.sql.SQLException;

/** One ledger could not be read (unreachable, no schema yet, a query failed); says which. */
public class LedgerReadException extends SQLException {

    private static final long serialVersionUID = 1L;

    private final String ledger;

    public LedgerReadException(String ledger, SQLException cause) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        this.ledger = ledger;
    }

    /** {@code A} or {@code B}. */
    public String ledger() {
        return ledger;
    }
}

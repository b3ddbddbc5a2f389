package io.xastream.monitoring.control;

/** A ledger database did not answer; the status cannot be complete without it. */
public class LedgerUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String ledger;
    private final String engine;

    public LedgerUnreachableException(String ledger, String engine, Throwable cause) {
        super("ledger " + ledger + " (" + engine + ") is unreachable", cause);
        this.ledger = ledger;
        this.engine = engine;
    }

    public String ledger() {
        return ledger;
    }

    public String engine() {
        return engine;
    }
}

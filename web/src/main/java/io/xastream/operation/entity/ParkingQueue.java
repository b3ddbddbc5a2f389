package io.xastream.operation.entity;

/**
 * Where the pipeline parks what it could not settle: dead letters (nothing applied after the bounded
 * attempts) and rejected records (invalid, with the reason). Both keep the original body, so either
 * can be replayed to the stream it came from.
 */
public enum ParkingQueue {

    DEAD_LETTERS("dead-letters"),
    REJECTED("rejected");

    private final String path;

    ParkingQueue(String path) {
        this.path = path;
    }

    /** The name in the REST API and the audit log. */
    public String path() {
        return path;
    }
}

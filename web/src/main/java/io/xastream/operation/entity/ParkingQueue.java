package io.xastream.operation.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where the pipeline parks what it could not settle: dead letters (nothing applied after the bounded
 * attempts) and rejected records (invalid, with the reason). Both keep the original body, so either
 * can be replayed to the stream it came from.
 */
public enum ParkingQueue {

    DEAD_LETTERS("dead-letters", "java:/jms/queue/xastream/deadletter"),
    REJECTED("rejected", "java:/jms/queue/xastream/rejected");

    private final String path;
    private final String jndiName;

    ParkingQueue(String path, String jndiName) {
        this.path = path;
        this.jndiName = jndiName;
    }

    /** The name in the REST API and the audit log. */
    public String path() {
        return path;
    }

    public String jndiName() {
        return jndiName;
    }

    public static Optional<ParkingQueue> ofPath(String path) {
        return Arrays.stream(values()).filter(queue -> queue.path.equals(path)).findFirst();
    }
}

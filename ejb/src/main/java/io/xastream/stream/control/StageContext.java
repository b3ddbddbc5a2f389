package io.xastream.stream.control;

import jakarta.jms.Destination;

import java.util.Map;

/**
 * What a stage may do besides writing to its databases: emit records. The runtime sends them
 * through the JMS session enlisted in the running transaction, or hands them to a chained stage in
 * the same transaction; either way an emitted record exists only if the transaction commits, exactly
 * once with the input that caused it. Tests give a stage a context of their own.
 */
public interface StageContext {

    /** The coordinator's id of the transaction the records are handled in. */
    String transactionId();

    /**
     * Sends a record downstream. Records with one key are consumed in the order they are emitted here
     * (Artemis message groups, or the order of a chained stage's list), whoever takes them.
     */
    void emit(Destination to, String key, String recordId, String body, Map<String, String> properties);

    default void emit(Destination to, String key, String recordId, String body) {
        emit(to, key, recordId, body, Map.of());
    }

    /**
     * As {@link #emit(Destination, String, String, String)}, with what the body parses to: a stage
     * chained after this one gets it with the record ({@link StreamRecord#parsed}) and need not parse
     * the body again. Sent to a queue, only the body goes.
     */
    default void emitParsed(Destination to, String key, String recordId, String body, Object parsed) {
        emit(to, key, recordId, body);
    }

    /**
     * Whether records emitted to this destination go to a stage chained in this transaction
     * ({@link Topology#chainedAt}) rather than to a queue.
     */
    default boolean chained(Destination to) {
        return false;
    }

    /**
     * Sends the record, untouched, to the rejected stream with a machine-readable reason and a sentence
     * for people. Rejecting commits: the record is handled, not retried.
     */
    void reject(StreamRecord record, String recordId, String reason, String detail);
}

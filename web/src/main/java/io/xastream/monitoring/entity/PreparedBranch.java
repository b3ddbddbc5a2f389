package io.xastream.monitoring.entity;

/**
 * A branch a resource holds prepared, as it lists it itself.
 *
 * @param xid         formatId:gtrid:bqual in hex, comparable with the log store's participants
 * @param name        the resource's own name for it (PostgreSQL gid, MariaDB xid, Artemis xid)
 * @param ageSeconds  how long it has been prepared (MariaDB and Artemis do not say: since first seen)
 * @param transaction the log store transaction with a participant of the same xid, if any
 */
public record PreparedBranch(String xid, String name, Long ageSeconds, String transaction) {

    public PreparedBranch aged(long seconds) {
        return new PreparedBranch(xid, name, seconds, transaction);
    }

    public PreparedBranch matchedTo(String transactionId) {
        return new PreparedBranch(xid, name, ageSeconds, transactionId);
    }
}

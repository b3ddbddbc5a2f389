package io.xastream.monitoring.entity;

/**
 * A branch a resource holds prepared, as it lists it itself.
 *
 * @param xid         formatId:gtrid:bqual in hex, comparable with the log store's participants
 * @param name        the resource's own name for it (PostgreSQL gid, MariaDB xid, Artemis xid)
 * @param ageSeconds  how long it has been prepared (MariaDB and Artemis do not say: since first seen)
 * @param transaction the Narayana transaction it belongs to (the log store's name for it): read from the
 *                    xid itself when it is Narayana's, else from a log-store participant of the same xid
 */
public record PreparedBranch(String xid, String name, Long ageSeconds, String transaction) {

    public PreparedBranch aged(long seconds) {
        return new PreparedBranch(xid, name, seconds, transaction);
    }

    public PreparedBranch matchedTo(String transactionId) {
        return new PreparedBranch(xid, name, ageSeconds, transactionId);
    }
}

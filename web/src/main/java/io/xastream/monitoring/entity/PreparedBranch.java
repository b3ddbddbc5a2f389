package io.xastream.monitoring.entity;

/**
 * A branch a resource holds prepared, as it lists it itself.
 *
 * @param xid         formatId:gtrid:bqual in hex, comparable with the log store's participants
 * @param name        the resource's own name for it (PostgreSQL gid, MariaDB xid, Artemis xid)
 * @param ageSeconds  how long it has been prepared (MariaDB and Artemis do not say: since first seen)
 * @param transaction the Narayana transaction it belongs to (the log store's name for it): read from the
 *                    xid itself when it is Narayana's, else from a log-store participant of the same xid
 * @param node        the node identifier of the coordinator that made it (a Narayana xid names it), or null:
 *                    on a cluster, only that node's recovery finishes it (docs/scale-out.md)
 */
public record PreparedBranch(String xid, String name, Long ageSeconds, String transaction, String node) {

    public PreparedBranch aged(long seconds) {
        return new PreparedBranch(xid, name, seconds, transaction, node);
    }

    public PreparedBranch matchedTo(String transactionId) {
        return new PreparedBranch(xid, name, ageSeconds, transactionId, node);
    }
}

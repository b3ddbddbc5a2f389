package io.xastream.monitoring.entity;

import java.util.List;

/**
 * A transaction that Narayana's log store still holds: decided but not finished, or finished with a
 * heuristic outcome that waits for an operator. {@code records} are the pipeline's records written
 * in it, found by the transaction id the ledgers keep beside each row.
 */
public record LoggedTransaction(String id, String type, long ageSeconds, List<Participant> participants,
                                List<String> records) {

    /** True when some participant decided on its own, against the coordinator (a heuristic outcome). */
    public boolean heuristic() {
        return participants.stream().anyMatch(Participant::heuristic);
    }

    public LoggedTransaction withRecords(List<String> recordIds) {
        return new LoggedTransaction(id, type, ageSeconds, participants, recordIds);
    }

    /**
     * One participant's record: its status in the log (PREPARED, PENDING, FAILED, READONLY, or
     * HEURISTIC_ROLLBACK / _COMMIT / _MIXED / _HAZARD), its resource and its branch id.
     */
    public record Participant(String status, String resource, String product, String xid) {

        public boolean heuristic() {
            return status != null && status.startsWith("HEURISTIC");
        }
    }
}

package io.xastream.monitoring.entity;

import io.xastream.operation.entity.ParkedRecord;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeSerializer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything the pipeline knows about one record id, from every place it can be: the transfer
 * stream (waiting), the outcome log and both ledgers (applied), the parking queues.
 *
 * @param state    {@code settled}, {@code in-doubt} (its transaction prepared, waiting for recovery),
 *                 {@code in-flight} (being delivered right now), {@code waiting} (on the stream, again if
 *                 replayed), {@code dead-lettered}, {@code rejected} or {@code unknown}
 * @param outcomes one per delivery that committed, oldest first (settled, rejected, duplicate)
 * @param entries  the ledger entries it booked, in both ledgers
 * @param inDoubt  the transactions that hold it prepared (Narayana's id where the xid tells it)
 * @param inFlight whether a consumer of the stream holds it right now, uncommitted
 */
@JsonbPropertyOrder({"recordId", "state", "outcomes", "entries", "inDoubt", "inFlight", "waiting", "deadLettered", "rejected"})
public record RecordTrace(String recordId, String state, List<Outcome> outcomes, List<Entry> entries,
                          List<String> inDoubt, boolean inFlight,
                          List<ParkedRecord> waiting, List<ParkedRecord> deadLettered, List<ParkedRecord> rejected) {

    @JsonbPropertyOrder({"outcome", "reason", "detail", "deliveryAttempt", "recordedAt", "transactionId"})
    public record Outcome(String outcome, String reason, String detail, int deliveryAttempt, Instant recordedAt,
                          String transactionId) {
    }

    @JsonbPropertyOrder({"ledger", "account", "amount", "counterparty", "appliedAt", "transactionId"})
    public record Entry(String ledger, String account, @JsonbTypeSerializer(AmountSerializer.class) BigDecimal amount,
                        String counterparty, Instant appliedAt, String transactionId) {
    }

    public static String stateOf(List<Outcome> outcomes, List<String> inDoubt, boolean inFlight, List<ParkedRecord> waiting,
                                 List<ParkedRecord> deadLettered) {
        if (outcomes.stream().anyMatch(outcome -> "SETTLED".equals(outcome.outcome()))) {
            return "settled";
        }
        if (!inDoubt.isEmpty()) {
            return "in-doubt";
        }
        if (inFlight) {
            return "in-flight";
        }
        if (!waiting.isEmpty()) {
            return "waiting";
        }
        if (!deadLettered.isEmpty()) {
            return "dead-lettered";
        }
        if (outcomes.stream().anyMatch(outcome -> "REJECTED".equals(outcome.outcome()))) {
            return "rejected";
        }
        return "unknown";
    }
}

package io.xastream.transfer.control;

import io.xastream.stream.control.StageContext;
import io.xastream.stream.control.StreamRecord;
import io.xastream.transaction.control.LedgerConnections;
import io.xastream.transaction.control.Sql;
import io.xastream.transfer.entity.RecordOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The outcome of every delivered record, kept in ledger A inside the transaction that handled it. */
@ApplicationScoped
public class OutcomeLog {

    @Inject
    LedgerConnections ledgers;

    /** Which of the record ids a committed (or this) transaction has settled: one query for an epoch. */
    public Set<String> settledAmong(Collection<String> recordIds) {
        List<String> ids = new ArrayList<>(new TreeSet<>(recordIds));
        Set<String> settled = new HashSet<>();
        if (ids.isEmpty()) {
            return settled;
        }
        return ledgers.on("A", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT settled_record_id FROM record_outcome WHERE settled_record_id IN (" + Sql.placeholders(ids.size()) + ")")) {
                Sql.bind(select, ids);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        settled.add(rows.getString(1));
                    }
                }
            }
            return settled;
        });
    }

    /**
     * Writes the outcomes in one batch. A second settlement of one id fails here, on the unique key:
     * the database, not a check in memory, guarantees that two concurrent deliveries cannot both settle.
     */
    public void write(List<RecordOutcome> outcomes, String transactionId) {
        if (outcomes.isEmpty()) {
            return;
        }
        ledgers.on("A", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO record_outcome "
                    + "(record_id, settled_record_id, outcome, reason, detail, delivery_attempt, recorded_at, transaction_id, chained) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (RecordOutcome outcome : outcomes) {
                    insert.setString(1, outcome.getRecordId());
                    insert.setString(2, outcome.getSettledRecordId());
                    insert.setString(3, outcome.getOutcome().name());
                    insert.setString(4, outcome.getReason() == null ? null : outcome.getReason().name());
                    insert.setString(5, outcome.getDetail());
                    insert.setInt(6, outcome.getDeliveryAttempt());
                    Sql.setInstant(insert, 7, outcome.getRecordedAt());
                    insert.setString(8, transactionId);
                    insert.setBoolean(9, outcome.isChained());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /**
     * A rejection: the record with its reason on the rejected stream, and the REJECTED outcome to write
     * with the others, both under the id the sender can trace it by: the body's, else the sender's
     * {@code xastream_record_id} if it is a well-formed id, else none (a malformed id is neither
     * stored nor echoed; the detail says what was wrong with it).
     */
    public static RecordOutcome reject(StreamRecord record, RecordRejected rejection, StageContext context) {
        String id = rejection.recordId() != null ? rejection.recordId() : TransferParser.traceableId(record.recordId());
        context.reject(record, id, rejection.reason().name(), rejection.detail());
        return RecordOutcome.rejected(id, rejection.reason(), rejection.detail(), record.deliveryAttempt());
    }
}

package io.xastream.stream.control;

import io.xastream.transaction.control.LedgerConnections;
import io.xastream.transaction.control.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Exactly-once state for stages whose input may repeat: one claim per stage and record id (table stage_claim, ledger A). */
@ApplicationScoped
public class StageClaims {

    @Inject
    LedgerConnections ledgers;

    /**
     * Claims the record ids for the stage in the calling transaction and returns those claimed now:
     * the others a committed (or concurrently running) transaction has claimed. One statement for
     * any number of ids: PostgreSQL's {@code ON CONFLICT DO NOTHING} waits for a concurrent claimer
     * and then leaves its row out of {@code RETURNING}. An id whose settling transaction handed the
     * record on to the chained stages ({@code record_outcome.chained}) was counted there, once, without
     * a claim: it is never claimed, so a replay of its event is not counted again.
     */
    public Set<String> claim(String stage, List<String> recordIds, String transactionId) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(recordIds));
        Set<String> claimed = new HashSet<>();
        if (ids.isEmpty()) {
            return claimed;
        }
        String sql = "INSERT INTO stage_claim (stage, record_id, claimed_at, transaction_id) "
                + "SELECT ?, v.id, CAST(? AS timestamp with time zone), ? FROM (VALUES " + Sql.rows(ids.size(), "(?)") + ") AS v(id) "
                + "WHERE NOT EXISTS (SELECT 1 FROM record_outcome o WHERE o.settled_record_id = v.id AND o.chained) "
                + "ON CONFLICT DO NOTHING RETURNING record_id";
        Instant now = Instant.now();
        return ledgers.on("A", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setString(1, stage);
                Sql.setInstant(insert, 2, now);
                insert.setString(3, transactionId);
                int p = 4;
                for (String id : ids) {
                    insert.setString(p++, id);
                }
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(rows.getString(1));
                    }
                }
            }
            return claimed;
        });
    }
}

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
     * and then leaves its row out of {@code RETURNING}.
     */
    public Set<String> claim(String stage, List<String> recordIds, String transactionId) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(recordIds));
        Set<String> claimed = new HashSet<>();
        if (ids.isEmpty()) {
            return claimed;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO stage_claim (stage, record_id, claimed_at, transaction_id) VALUES ");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
        }
        sql.append(" ON CONFLICT DO NOTHING RETURNING record_id");
        Instant now = Instant.now();
        return ledgers.on("A", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                int p = 1;
                for (String id : ids) {
                    insert.setString(p++, stage);
                    insert.setString(p++, id);
                    Sql.setInstant(insert, p++, now);
                    insert.setString(p++, transactionId);
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

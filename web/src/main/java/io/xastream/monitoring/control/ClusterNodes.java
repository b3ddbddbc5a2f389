package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.NodeStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The servers running xastream on these ledgers, each as it last reported itself: table
 * cluster_node in ledger A, one row per node identifier, written by {@link NodeReport}. Written and
 * read with SQL, each report in a transaction of its own, apart from any record's.
 */
@ApplicationScoped
public class ClusterNodes {

    static final String UPSERT = """
            insert into cluster_node (node_id, dashboard, state, stages, started_at, reported_at, records_handled,
                                      records_per_second, in_flight, in_doubt)
            values (?1, ?2, ?3, ?4, ?5, current_timestamp, ?6, ?7, ?8, ?9)
            on conflict (node_id) do update set dashboard = excluded.dashboard, state = excluded.state,
                stages = excluded.stages, started_at = excluded.started_at, reported_at = excluded.reported_at,
                records_handled = excluded.records_handled, records_per_second = excluded.records_per_second,
                in_flight = excluded.in_flight, in_doubt = excluded.in_doubt""";

    @PersistenceContext(unitName = "ledgerA")
    EntityManager ledgerA;

    /** This server's report, replacing its previous one. */
    @Transactional(TxType.REQUIRES_NEW)
    public void report(NodeStatus status) {
        ledgerA.createNativeQuery(UPSERT)
                .setParameter(1, status.node())
                .setParameter(2, status.dashboard())
                .setParameter(3, status.state())
                .setParameter(4, status.stages())
                .setParameter(5, Timestamp.from(status.startedAt()))
                .setParameter(6, status.recordsHandled())
                .setParameter(7, status.recordsPerSecond())
                .setParameter(8, status.inFlight())
                .setParameter(9, status.inDoubt())
                .executeUpdate();
    }

    /** Every server that ever reported: this one first, then by identifier; a silent one says so. */
    @Transactional(TxType.NOT_SUPPORTED)
    @SuppressWarnings("unchecked")
    public List<NodeStatus> read(String self) {
        List<Object[]> rows;
        try {
            rows = ledgerA.createNativeQuery("""
                            select node_id, dashboard, state, stages, started_at, reported_at,
                                   cast(extract(epoch from (current_timestamp - reported_at)) as bigint),
                                   records_handled, records_per_second, in_flight, in_doubt
                            from cluster_node""")
                    .getResultList();
        } catch (RuntimeException e) { // PersistenceException, or a driver error underneath
            throw new LedgerUnreachableException("A", "PostgreSQL", e);
        }
        List<NodeStatus> nodes = new ArrayList<>();
        for (Object[] row : rows) {
            String node = (String) row[0];
            long age = Math.max(0, ((Number) row[6]).longValue());
            nodes.add(new NodeStatus(node, (String) row[1], stateAfter((String) row[2], age), (String) row[3],
                    LedgerReader.instant(row[4]), LedgerReader.instant(row[5]), age, ((Number) row[7]).longValue(),
                    ((Number) row[8]).doubleValue(), ((Number) row[9]).longValue(), ((Number) row[10]).intValue(), node.equals(self)));
        }
        nodes.sort(Comparator.comparing((NodeStatus n) -> !n.self()).thenComparing(NodeStatus::node));
        return nodes;
    }

    /** What a node reported, unless it has been silent too long for that to be believed. */
    static String stateAfter(String reported, long secondsSinceReport) {
        return secondsSinceReport > NodeStatus.SILENT_AFTER_SECONDS ? "silent" : reported;
    }
}

package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.NodeStatus;
import io.xastream.monitoring.entity.StorageStatus;
import io.xastream.monitoring.entity.TransactionCounts;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Reports this server to ledger A every two seconds (cluster_node, {@link ClusterNodes}), so that any
 * node's dashboard can show every node: its state, stages, throughput and transactions in flight and
 * in doubt. The node is named by its transaction node identifier, unique among nodes by necessity
 * (docs/scale-out.md). A failed report (ledger A away) is tried again at the next tick.
 */
@ApplicationScoped
public class NodeReport {

    static final long PERIOD_MILLIS = 2_000;
    private static final Logger LOG = Logger.getLogger(NodeReport.class.getName());

    @Inject
    ClusterNodes nodes;

    @Inject
    QueueStatistics queues;

    @Inject
    TransactionStatistics transactions;

    @Inject
    StorageReader storage;

    @Inject
    RecoveryWatch recovery;

    @Resource
    ManagedThreadFactory threads;

    private final String node = ServerState.nodeIdentifier();
    private final Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    private ScheduledExecutorService ticks;
    private long lastHandled = -1;
    private long lastAt;
    private boolean failing;
    /** The dashboard's address: read from the bound HTTPS socket once, for it does not change. */
    private String dashboard;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ticks = Executors.newSingleThreadScheduledExecutor(threads);
        ticks.scheduleWithFixedDelay(this::report, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticks != null) {
            ticks.shutdownNow();
        }
    }

    private void report() {
        if (!ServerState.running()) {
            // Not before the deployment is complete: on a new database its migration creates the table.
            return;
        }
        try {
            QueueStatistics.Stages stages = queues.stages();
            long now = System.nanoTime();
            double perSecond = lastHandled < 0 || now == lastAt ? 0 : Math.max(0, stages.handled() - lastHandled) / ((now - lastAt) / 1e9);
            lastHandled = stages.handled();
            lastAt = now;
            if (dashboard == null) {
                dashboard = ServerState.dashboard();
            }
            nodes.report(new NodeStatus(node, dashboard, state(), stages.labels(), startedAt, null, 0, stages.handled(),
                    Math.round(perSecond * 10) / 10.0, transactions.read().map(TransactionCounts::inflight).orElse(0L),
                    RecoveryWatch.logStoreTransactions().size(), true));
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warning("node " + node + " could not report itself to ledger A (tried again every " + PERIOD_MILLIS + " ms): " + e);
            }
            failing = true;
        }
    }

    private String state() {
        if (storage.read().map(StorageStatus::held).orElse(false)) {
            return "held";
        }
        return "finished".equals(recovery.read().state()) ? "running" : "recovering";
    }
}

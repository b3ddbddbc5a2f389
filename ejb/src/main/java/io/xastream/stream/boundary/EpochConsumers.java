package io.xastream.stream.boundary;

import io.xastream.stream.control.EpochLoop;
import io.xastream.stream.control.Stage;
import io.xastream.stream.control.StageRunner;
import io.xastream.stream.control.StageSettings;
import io.xastream.stream.control.Topology;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.transaction.TransactionManager;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Epoch mode: for every stage configured {@code xastream.stage.<name>.mode=epoch}, its consumer
 * threads, each committing up to N records or T milliseconds per XA transaction (bean-managed, over
 * an XA session of its own from {@value #EPOCH_CONNECTIONS}, see {@link EpochLoop}). Mode
 * {@code local}, the at-least-once baseline, runs the same loops over the plain, non-XA connection
 * factory. Stages in record mode are left to their message-driven beans.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class EpochConsumers {

    private static final Logger LOG = Logger.getLogger(EpochConsumers.class.getName());

    @Inject
    @Any
    Instance<Stage> stages;

    @Inject
    StageRunner runner;

    /** An XA connection factory on the stages' broker (server-config, transfer-destinations.cli). */
    static final String EPOCH_CONNECTIONS = "java:/jms/xastream/EpochConnectionFactory";

    @Resource(lookup = EPOCH_CONNECTIONS)
    ConnectionFactory connections;

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory localConnections;

    @Resource(lookup = "java:/TransactionManager")
    TransactionManager transactions;

    @Resource
    ManagedThreadFactory threads;

    private final List<EpochLoop> loops = new ArrayList<>();
    private final List<Thread> running = new ArrayList<>();

    @PostConstruct
    void start() {
        Topology topology = runner.topology();
        for (Stage stage : stages) {
            StageSettings settings = StageSettings.of(stage);
            if (settings.mode() == StageSettings.Mode.OFF) {
                LOG.info(() -> "stage " + stage.name() + ": off on this server, its queue is not consumed");
            }
            boolean local = settings.mode() == StageSettings.Mode.LOCAL;
            if (settings.mode() != StageSettings.Mode.EPOCH && !local) {
                continue;
            }
            // A chained stage is handed its records in its feeder's transactions; its own queue gets
            // what reaches it otherwise (an unchained run's backlog, a replay), and one consumer will do.
            Stage feeder = topology.feederOf(stage);
            int consumers = feeder == null ? settings.consumers() : 1;
            LOG.info(() -> "stage " + stage.name() + ": " + (local ? "at-least-once (local transactions, no XA)" : "epoch")
                    + " mode, " + consumers + " consumers" + (feeder == null ? "" : " on its own queue (chained after " + feeder.name() + ")")
                    + ", up to " + settings.epochRecords() + " records or " + settings.epochMillis() + " ms per transaction");
            for (int i = 0; i < consumers; i++) {
                EpochLoop loop = new EpochLoop(stage, settings, runner, local ? localConnections : connections, transactions);
                Thread thread = threads.newThread(loop);
                thread.setName("xastream-epoch-" + stage.name() + "-" + i);
                loops.add(loop);
                running.add(thread);
                thread.start();
            }
        }
    }

    @PreDestroy
    void stop() {
        loops.forEach(EpochLoop::stop);
        for (Thread thread : running) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

package io.xastream.stream.boundary;

import io.xastream.stream.control.EpochLoop;
import io.xastream.stream.control.ListenerDelivery;
import io.xastream.stream.control.RestartFence;
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
import jakarta.jms.XAConnectionFactory;
import jakarta.transaction.TransactionManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Starts the stages. Epoch mode: for every stage configured {@code xastream.stage.<name>.mode=epoch}, its consumer
 * threads, each committing up to N records or T milliseconds per XA transaction (bean-managed, over
 * an XA session of its own from {@value #EPOCH_CONNECTIONS}, see {@link EpochLoop}). Mode
 * {@code local}, the at-least-once baseline, runs the same loops over the plain, non-XA connection
 * factory. Stages in record mode get their message-driven bean's delivery started.
 * <p>
 * Nothing consumes before the {@link RestartFence}: the loops and the message-driven beans'
 * delivery (off at deployment) start once recovery resolved what an earlier run of this node left
 * prepared on the broker, so a crash does not reorder any key's records.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class StageConsumers {

    private static final Logger LOG = Logger.getLogger(StageConsumers.class.getName());

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
    /** The message-driven beans of the stages in record mode. */
    private final Set<String> listeners = new TreeSet<>();
    private volatile boolean stopped;
    private Thread starting;

    @PostConstruct
    void start() {
        // Waiting for recovery must not hold up the deployment: the server answers meanwhile.
        starting = threads.newThread(this::startAfterRecovery);
        starting.setName("xastream-stages-start");
        starting.start();
    }

    private void startAfterRecovery() {
        try {
            RestartFence.await((XAConnectionFactory) connections, RestartFence.limit(), () -> stopped);
            synchronized (this) {
                if (!stopped) {
                    startLoops();
                }
            }
            ListenerDelivery.start(listeners, () -> stopped);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startLoops() {
        Topology topology = runner.topology();
        for (Stage stage : stages) {
            StageSettings settings = StageSettings.of(stage);
            if (settings.mode() == StageSettings.Mode.OFF) {
                LOG.info(() -> "stage " + stage.name() + ": off on this server, its queue is not consumed");
            }
            if (settings.mode() == StageSettings.Mode.RECORD) {
                listeners.add(StageListener.beanName(stage.name()));
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
        stopped = true;
        starting.interrupt();
        try {
            starting.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            loops.forEach(EpochLoop::stop);
        }
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

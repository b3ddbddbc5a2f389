package io.xastream.monitoring.control;

import com.arjuna.ats.arjuna.common.Uid;
import io.xastream.monitoring.entity.PreparedBranch;
import io.xastream.monitoring.entity.Recovery;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Watches this server's recovery after a restart: once a second, from the moment the application
 * starts until nothing that earlier runs of the server left in doubt remains, it lists the log
 * store's transactions and the prepared branches of PostgreSQL, MariaDB and Artemis.
 * <p>
 * What belongs to an earlier run is told by the transaction id itself: a Narayana id carries the
 * process and start time of the coordinator that made it, so a transaction or branch of this run
 * (an epoch committing right now) is never mistaken for one left by a crash. A branch whose id is
 * not Narayana's is counted as an earlier run's. On a cluster the ledgers and the broker are
 * shared: a branch another node made (its xid names that node) is that node's to recover and is
 * not watched here, else a busy neighbour would keep this recovery from ever finishing. Recovery
 * is Narayana's (its periodic recovery pass); this only watches and reports.
 */
@ApplicationScoped
public class RecoveryWatch {

    static final String LOG_STORE = "log store";
    static final String POSTGRES = "PostgreSQL (ledger A)";
    static final String MARIADB = "MariaDB (ledger B)";
    static final String ARTEMIS = "Artemis";
    private static final long POLL_MILLIS = 1_000;
    private static final Logger LOG = Logger.getLogger(RecoveryWatch.class.getName());

    @Inject
    LedgerReader ledgers;

    @Inject
    BrokerTransactions broker;

    /**
     * A thread of its own: the shared managed scheduler refuses, with an ERROR each time, to run a
     * task while the server is suspended, which is how every shutdown begins.
     */
    @Resource
    ManagedThreadFactory threads;

    /** This server's transaction node identifier, which every branch it makes carries. */
    private final String thisNode = ServerState.nodeIdentifier();
    /** The part of a Narayana id that names the coordinator run: all but its counter. */
    private final String thisRun = run(new Uid().stringForm());
    private final Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    private final Map<String, Set<String>> seen = new LinkedHashMap<>();
    private final Map<String, Set<String>> remaining = new LinkedHashMap<>();
    private final Map<String, Boolean> readable = new LinkedHashMap<>();
    private volatile Instant answeringAt;
    private volatile Instant finishedAt;
    private ScheduledExecutorService polls;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (String resource : List.of(LOG_STORE, POSTGRES, MARIADB, ARTEMIS)) {
            seen.put(resource, new HashSet<>());
            remaining.put(resource, new HashSet<>());
            readable.put(resource, false);
        }
        polls = Executors.newSingleThreadScheduledExecutor(threads);
        polls.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (polls != null) {
            polls.shutdownNow();
        }
    }

    private synchronized void poll() {
        // Read from the start, so that what recovery resolves while the server still boots is seen
        // too; the broker answers only once the server runs, and only then can recovery finish.
        boolean running = ServerState.running();
        if (running && answeringAt == null) {
            answeringAt = Instant.now();
        }
        read(LOG_STORE, RecoveryWatch::logStoreTransactions);
        read(POSTGRES, () -> transactionsOf(ledgers.preparedInLedgerA()));
        read(MARIADB, () -> transactionsOf(ledgers.preparedInLedgerB()));
        if (running) {
            // Until then the broker's management resource does not exist, and asking logs an ERROR.
            read(ARTEMIS, () -> broker.prepared().stream().map(Xids::fromArtemisDescription).filter(this::ours)
                    .map(RecoveryWatch::transactionOf).toList());
        }
        if (running && readable.values().stream().allMatch(Boolean::booleanValue)
                && remaining.values().stream().allMatch(Set::isEmpty)) {
            finishedAt = Instant.now();
            polls.shutdown();
            LOG.info("XASTREAM-RECOVERY: finished " + seconds(answeringAt, finishedAt) + " s after the server answered ("
                    + seconds(startedAt, finishedAt) + " s after start): " + describe());
        }
    }

    /** The transaction ids a resource holds in doubt right now. */
    private interface Listing {
        List<String> transactionIds() throws Exception;
    }

    private void read(String resource, Listing listing) {
        try {
            Set<String> earlier = new HashSet<>();
            for (String id : listing.transactionIds()) {
                if (id == null || !thisRun.equals(run(id))) {
                    earlier.add(String.valueOf(id));
                }
            }
            seen.get(resource).addAll(earlier);
            remaining.put(resource, earlier);
            readable.put(resource, true);
        } catch (Exception e) {
            readable.put(resource, false);
            LOG.fine(() -> resource + " unreadable while watching recovery: " + e);
        }
    }

    /**
     * The log store's transactions, as files named by their ids (no probe: recovery is busy with the
     * store). An empty file is a log write a kill interrupted before the decision was written:
     * Narayana skips it, and so does this (docs/recovery.md).
     */
    static List<String> logStoreTransactions() {
        String dataDir = System.getProperty("jboss.server.data.dir");
        File[] records = dataDir == null ? null : Path.of(dataDir, LogStore.ATOMIC_ACTIONS).toFile().listFiles(file -> file.length() > 0);
        return records == null ? List.of() : Arrays.stream(records).map(File::getName).toList();
    }

    private List<String> transactionsOf(List<PreparedBranch> branches) {
        return branches.stream().map(PreparedBranch::xid).filter(this::ours).map(RecoveryWatch::transactionOf).toList();
    }

    /** Whether a branch is this node's to recover: made by this node, or by no Narayana node at all. */
    private boolean ours(String xid) {
        String node = Xids.node(xid);
        return node == null || node.equals(thisNode);
    }

    /** The Narayana transaction of a branch, or its xid when it is not Narayana's (null stays null). */
    private static String transactionOf(String xid) {
        String transaction = Xids.narayanaTransaction(xid);
        return transaction != null ? transaction : xid;
    }

    /** A Narayana id without its counter: {@code 0:ffff7f000001:4604d8aa:6b136388:333} → {@code 0:ffff7f000001:4604d8aa:6b136388}. */
    static String run(String transactionId) {
        int counter = transactionId.lastIndexOf(':');
        return counter < 0 ? transactionId : transactionId.substring(0, counter);
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Set<String>> resource : seen.entrySet()) {
            parts.add(resource.getKey() + " " + resource.getValue().size());
            total += resource.getValue().size();
        }
        return total == 0 ? "nothing was in doubt from earlier runs"
                : total + " in doubt from earlier runs, all resolved (" + String.join(", ", parts) + ")";
    }

    private static String seconds(Instant from, Instant to) {
        return String.format("%.1f", Duration.between(from, to).toMillis() / 1000.0);
    }

    public synchronized Recovery read() {
        Instant now = Instant.now();
        List<Recovery.Resource> resources = new ArrayList<>();
        for (String resource : seen.keySet()) {
            Set<String> left = remaining.get(resource);
            int all = seen.get(resource).size();
            resources.add(new Recovery.Resource(resource, all, all - left.size(), left.size(), readable.get(resource)));
        }
        String state = answeringAt == null ? "waiting" : finishedAt == null ? "recovering" : "finished";
        Double after = finishedAt == null ? null : Duration.between(answeringAt, finishedAt).toMillis() / 1000.0;
        return new Recovery(state, startedAt, answeringAt, finishedAt, Duration.between(startedAt, now).toSeconds(), after, resources);
    }
}

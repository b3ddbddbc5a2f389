package io.xastream.storage.boundary;

import io.xastream.storage.control.StoragePolicy;
import io.xastream.storage.control.StoragePolicy.Reading;
import io.xastream.storage.control.StorageReserve;
import io.xastream.stream.control.Stage;
import io.xastream.stream.control.StageSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stops taking new records while the disk under the transaction log store or the broker's journal
 * is (nearly) full, and takes them again by itself once there is room.
 * <p>
 * Twenty times a second it reads those filesystems (StoragePolicy). Past the limit it pauses the
 * stages' input queues in the broker, whatever the stages' mode (message-driven beans and epoch
 * consumers alike are then handed nothing, and queued records wait in the journal with no delivery
 * attempt spent). Once a disk is all but full it also frees the reserve it keeps there
 * (StorageReserve) for the work under way; not earlier, or a disk that goes on filling (another
 * process writing) would eat the reserve as well. The reserve has a loop of its own, a hundred readings a second, never waiting
 * for a pause (tens to hundreds of milliseconds through the management model), because a disk
 * filled at once (a large file copied onto it) races the broker's own scan: a broker that finds its
 * disk full pages what it routes, and stops for good if the page file cannot be written. Work
 * already in flight finishes or rolls back as usual; nothing is taken off a queue
 * unless its transaction commits. It resumes only the queues it paused itself, so a queue an
 * operator paused stays paused. A pause does not outlive the server: after a restart the guard
 * reads the disks again before anything else decides.
 * <p>
 * The reserve can still lose the race: the broker reads its disk every 5 s, and a reading that
 * falls in the milliseconds between the disk filling and the reserve's release makes it page what
 * it routes onto a disk with no room, and stop for good on a critical I/O error. The application
 * goes down with the broker; the watchdog deployment (io.xastream.watchdog) reloads the server once
 * the disk has room again.
 * <p>
 * Its state is an MXBean ({@code io.xastream:type=storage}) that the dashboard shows.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StorageGuard {

    public static final String OBJECT_NAME = "io.xastream:type=storage";
    /** Often, and cheap (one statfs per watched directory): the broker must not be first to find the disk full. */
    static final long CHECK_MILLIS = Long.getLong("xastream.storage.check-ms", 50);
    /** Points below the limit the disk must fall to before the stream resumes. */
    static final double RESUME_MARGIN = 3;
    /** Two journal files of the broker's default size (10 MiB), until the broker says its own. */
    static final long DEFAULT_MIN_FREE = 20L << 20;
    /** The limit while the broker's own is unknown: two points below the 95 % xastream configures. */
    static final double DEFAULT_LIMIT = 93;
    /** Where WildFly's messaging subsystem keeps the broker's files. */
    private static final List<String> BROKER_PATHS = List.of("journal-directory", "paging-directory",
            "bindings-directory", "large-messages-directory");
    private static final String MESSAGING = "jboss.as:subsystem=messaging-activemq,server=default";
    /** How long a directory's filesystem is taken as known: a disk mounted over it later is seen within that. */
    private static final long STORES_FOR_MILLIS = 5_000;
    /** The reserve's loop runs five times as often: it races the broker's own reading of a disk filled at once. */
    static final long RESERVE_CHECK_MILLIS = Math.max(1, CHECK_MILLIS / 5);
    /** A read failure that lasts is logged again only after this long. */
    private static final long WARN_EVERY_MILLIS = 60_000;
    private static final Logger LOG = Logger.getLogger(StorageGuard.class.getName());

    /** What the dashboard reads. */
    public interface StorageMXBean {
        boolean isHeld();

        /** Why the stream is held, or empty. */
        String getReason();

        /** Every watched filesystem, one line each. */
        String[] getFilesystems();

        double getLimitPercent();

        /** When the hold began (ISO-8601), or empty. */
        String getHeldSince();

        /** The queues the guard paused, while held. */
        String[] getPausedQueues();
    }

    @Inject
    @Any
    Instance<Stage> stages;

    /** The checks get a thread of their own: the shared scheduler also runs the dashboard's reads, which can be slow. */
    @Resource
    ManagedThreadFactory threads;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final StorageReserve reserve = new StorageReserve(Long.getLong("xastream.storage.reserve-mb", 64) << 20);
    private volatile StoragePolicy policy;
    private volatile Map<String, Path> watched;
    private boolean resolved;
    private List<String> queues;
    private ScheduledExecutorService checks;
    private ObjectName registered;
    /** Each directory's filesystem, shared by both loops and forgotten every few seconds. */
    private final Map<Path, FileStore> stores = new ConcurrentHashMap<>();
    private volatile long storesSince;
    private final Map<String, Long> lastWarnings = new HashMap<>();
    /** The reserve loop's readings of at least CHECK_MILLIS ago, by directory: whether a disk is still filling. */
    private final Map<Path, Reading> previous = new HashMap<>();
    private long previousAt;

    private volatile boolean held;
    private volatile String reason = "";
    private volatile Instant heldSince;
    /** The last readings, described only when someone asks (a reading comes twenty times a second). */
    private volatile List<Reading> filesystems = List.of();
    private final Set<String> paused = new LinkedHashSet<>();

    @PostConstruct
    void start() {
        // Until the server runs, its management resources do not answer (each read would log an
        // ERROR): the guard watches the data directory with the default limit, then resolves.
        policy = new StoragePolicy(configuredLimit().orElse(DEFAULT_LIMIT), RESUME_MARGIN, configuredMinFree().orElse(DEFAULT_MIN_FREE));
        watched = Map.of("transaction log store", dataDirectory().resolve("tx-object-store"));
        queues = stageQueues();
        register();
        // Two loops on threads of their own: the reserve's must not wait while the other pauses queues.
        checks = Executors.newScheduledThreadPool(2, threads);
        checks.scheduleWithFixedDelay(this::check, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        checks.scheduleWithFixedDelay(this::watchReserve, 0, RESERVE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void resolveOnceRunning() {
        if (resolved || !serverRunning()) {
            return;
        }
        resolved = true;
        policy = new StoragePolicy(configuredLimit().orElseGet(this::brokerLimit), RESUME_MARGIN,
                configuredMinFree().orElseGet(this::brokerMinFree));
        watched = watchedDirectories();
        LOG.info(() -> "storage guard: new records are held while a disk under " + watched + " is "
                + policy.limitPercent() + " % used or more, or has less than " + (policy.minFreeBytes() >> 20)
                + " MiB free (queues " + queues + ")");
    }

    @PreDestroy
    void stop() {
        if (checks != null) {
            checks.shutdownNow();
            try {
                checks.awaitTermination(5, TimeUnit.SECONDS); // a check under way may be pausing queues
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (paused) {
            resumeQueues();
        }
        if (registered != null) {
            try {
                server.unregisterMBean(registered);
            } catch (JMException e) {
                LOG.fine(() -> "unregistering " + registered + ": " + e);
            }
        }
    }

    private void check() {
        try {
            resolveOnceRunning();
            List<Reading> actual = readDisks();
            List<Reading> readings = reserve.accounted(actual);
            filesystems = readings;
            Reading fullest = policy.holding(readings, held);
            synchronized (paused) {
                if (fullest != null && !held) {
                    hold(fullest);
                } else if (fullest == null && held) {
                    release(actual, readings);
                } else if (held) {
                    // Paused queues are re-paused each check: an operator's resume does not undo the hold.
                    pauseQueues();
                } else {
                    createReserves(actual);
                }
            }
        } catch (IOException | RuntimeException e) {
            warnRarely("storage guard: could not read the disks", e);
        }
    }

    /** Twenty readings a second: a failure that lasts is logged once a minute, not each time. */
    private void warnRarely(String what, Exception e) {
        String key = what + ": " + e;
        long now = System.currentTimeMillis();
        synchronized (lastWarnings) {
            Long last = lastWarnings.get(key);
            if (last != null && now - last < WARN_EVERY_MILLIS) {
                return;
            }
            lastWarnings.put(key, now);
        }
        LOG.log(Level.WARNING, what, e);
    }

    private void hold(Reading fullest) {
        held = true;
        heldSince = Instant.now();
        reason = String.format("disk %.1f %% used (limit %.0f %%, or less than %d MiB free): %s", fullest.usedPercent(),
                policy.limitPercent(), policy.minFreeBytes() >> 20, fullest.describe());
        pauseQueues();
        LOG.severe("XASTREAM-STORAGE-FULL: new records are held, " + reason + ". The stage queues " + paused
                + " are paused; queued records wait, nothing is lost. The " + (reserve.bytes() >> 20)
                + " MiB reserve goes to the work under way once the disk is all but full. The stream resumes by itself below "
                + (policy.limitPercent() - RESUME_MARGIN) + " % used with " + (2 * policy.minFreeBytes() >> 20) + " MiB free.");
    }

    private List<Reading> readDisks() throws IOException {
        if (System.currentTimeMillis() - storesSince > STORES_FOR_MILLIS) {
            stores.clear();
            storesSince = System.currentTimeMillis();
        }
        return StoragePolicy.read(watched, stores);
    }

    /** The reserve loop: a disk all but full that stopped filling, or full, gets its reserve back as free room. */
    private void watchReserve() {
        try {
            List<Reading> actual = readDisks();
            for (Reading reading : actual) {
                if (policy.reserveDue(reading, previous.get(reading.directory())) && reserve.release(reading)) {
                    LOG.warning(() -> "storage guard: disk all but full, the " + (reserve.bytes() >> 20)
                            + " MiB reserve is freed for the work under way: " + reading.describe());
                }
            }
            // Whether a disk is still filling is judged over CHECK_MILLIS, not over this loop's shorter period.
            long now = System.nanoTime();
            if (previous.isEmpty() || now - previousAt >= TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS)) {
                actual.forEach(reading -> previous.put(reading.directory(), reading));
                previousAt = now;
            }
        } catch (IOException | RuntimeException e) {
            warnRarely("storage guard: could not read the disks or free the reserve", e);
        }
    }

    private void release(List<Reading> actual, List<Reading> readings) {
        if (!createReserves(actual)) {
            return; // no room for the reserve yet: stay on hold
        }
        Duration heldFor = Duration.between(heldSince, Instant.now());
        List<String> resumed = new ArrayList<>(paused);
        resumeQueues();
        held = false;
        reason = "";
        heldSince = null;
        LOG.info("XASTREAM-STORAGE-OK: the stream resumes after " + heldFor.toSeconds() + " s on hold; queues "
                + resumed + " resumed; " + readings.stream().map(Reading::describe).toList());
    }

    /** True when every filesystem has its reserve. */
    private boolean createReserves(List<Reading> actual) {
        boolean all = true;
        for (Reading reading : actual) {
            try {
                reserve.create(reading);
            } catch (IOException e) {
                all = false;
                LOG.fine(() -> "storage guard: no room for the reserve on " + reading.describe() + ": " + e);
            }
        }
        return all;
    }

    private void pauseQueues() {
        for (String queue : queues) {
            if (paused.contains(queue)) {
                if (!Boolean.TRUE.equals(attribute(queue, "paused"))) {
                    invoke(queue, "pause");
                }
                continue;
            }
            if (Boolean.TRUE.equals(attribute(queue, "paused"))) {
                continue; // paused by someone else: theirs to resume
            }
            if (invoke(queue, "pause")) {
                paused.add(queue);
            }
        }
    }

    private void resumeQueues() {
        for (String queue : List.copyOf(paused)) {
            if (invoke(queue, "resume")) {
                paused.remove(queue);
            }
        }
    }

    private Object attribute(String queue, String attribute) {
        try {
            return server.getAttribute(jmsQueue(queue), attribute);
        } catch (JMException | RuntimeException e) {
            return null;
        }
    }

    private boolean invoke(String queue, String operation) {
        try {
            server.invoke(jmsQueue(queue), operation, new Object[0], new String[0]);
            return true;
        } catch (JMException | RuntimeException e) {
            LOG.warning(() -> "storage guard: could not " + operation + " queue " + queue + ": " + e);
            return false;
        }
    }

    private static ObjectName jmsQueue(String name) throws JMException {
        return new ObjectName(MESSAGING + ",jms-queue=" + name);
    }

    /** {@code xastream.storage.max-used-percent}, if set. */
    private static Optional<Double> configuredLimit() {
        return configured("xastream.storage.max-used-percent");
    }

    /** {@code xastream.storage.min-free-mb}, if set, in bytes. */
    private static Optional<Long> configuredMinFree() {
        return configured("xastream.storage.min-free-mb").map(mib -> (long) (mib * (1 << 20)));
    }

    private static Optional<Double> configured(String property) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Double.parseDouble(value.trim()));
    }

    /**
     * Room for two of the broker's journal files (it takes its journal a whole file at a time), and
     * never less than 20 MiB: its page files grow by up to 10 MiB and the log store writes beside it.
     */
    private long brokerMinFree() {
        return brokerNumber("journalFileSize").map(fileSize -> Math.max(2 * fileSize.longValue(), DEFAULT_MIN_FREE))
                .orElse(DEFAULT_MIN_FREE);
    }

    /** Two points below the broker's own disk limit (its global-max-disk-usage: 95 as xastream configures it). */
    private double brokerLimit() {
        return brokerNumber("globalMaxDiskUsage").map(percent -> Math.max(1, Math.min(100, percent) - 2)).orElse(DEFAULT_LIMIT);
    }

    /** A positive number the broker's management resource holds, if it can be read. */
    private Optional<Double> brokerNumber(String attribute) {
        try {
            double value = Double.parseDouble(String.valueOf(server.getAttribute(new ObjectName(MESSAGING), attribute)));
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (JMException | RuntimeException e) {
            LOG.fine(() -> "broker " + attribute + " unreadable: " + e);
            return Optional.empty();
        }
    }

    private static Path dataDirectory() {
        return Path.of(System.getProperty("jboss.server.data.dir", "."));
    }

    /** True once the server resumed after boot ({@code suspend-state} RUNNING): its management resources answer. */
    private boolean serverRunning() {
        try {
            return "RUNNING".equals(String.valueOf(server.getAttribute(new ObjectName("jboss.as:management-root=server"), "suspendState")));
        } catch (JMException | RuntimeException e) {
            return false;
        }
    }

    /** The log store's and the broker's directories, as the server's management model resolves them. */
    private Map<String, Path> watchedDirectories() {
        Map<String, Path> directories = new LinkedHashMap<>();
        resolve("jboss.as:subsystem=transactions", "objectStorePath", "objectStoreRelativeTo")
                .ifPresent(path -> directories.put("transaction log store", path));
        for (String brokerPath : BROKER_PATHS) {
            resolve(MESSAGING + ",path=" + brokerPath, "path", "relativeTo")
                    .ifPresent(path -> directories.put("broker " + brokerPath.replace("-directory", ""), path));
        }
        if (directories.isEmpty()) {
            directories.put("server data", dataDirectory());
        }
        return directories;
    }

    private Optional<Path> resolve(String objectName, String pathAttribute, String relativeToAttribute) {
        try {
            ObjectName name = new ObjectName(objectName);
            Object path = server.getAttribute(name, pathAttribute);
            Object relativeTo = server.getAttribute(name, relativeToAttribute);
            if (path == null) {
                return Optional.empty();
            }
            Path resolved = Path.of(path.toString());
            if (relativeTo != null && !resolved.isAbsolute()) {
                // WildFly's named paths (jboss.server.data.dir, ...) are system properties too.
                String base = System.getProperty(relativeTo.toString());
                if (base == null) {
                    return Optional.empty();
                }
                resolved = Path.of(base).resolve(resolved);
            }
            return Optional.of(resolved);
        } catch (JMException | RuntimeException e) {
            LOG.fine(() -> objectName + " unreadable: " + e);
            return Optional.empty();
        }
    }

    /** The broker names of every stage's input queue (stages off on this server included: pausing them is harmless). */
    private List<String> stageQueues() {
        Set<String> names = new LinkedHashSet<>();
        for (Stage stage : stages) {
            try {
                if (StageSettings.lookup(StageSettings.of(stage).input()) instanceof Queue queue) {
                    names.add(queue.getQueueName());
                }
            } catch (JMSException | RuntimeException e) {
                LOG.warning(() -> "storage guard: stage " + stage.name() + "'s queue unknown: " + e);
            }
        }
        return List.copyOf(names);
    }

    private void register() {
        StorageMXBean bean = new StorageMXBean() {
            @Override
            public boolean isHeld() {
                return held;
            }

            @Override
            public String getReason() {
                return reason;
            }

            @Override
            public String[] getFilesystems() {
                return filesystems.stream().map(Reading::describe).toArray(String[]::new);
            }

            @Override
            public double getLimitPercent() {
                return policy.limitPercent();
            }

            @Override
            public String getHeldSince() {
                Instant since = heldSince;
                return since == null ? "" : since.toString();
            }

            @Override
            public String[] getPausedQueues() {
                synchronized (paused) {
                    return paused.toArray(String[]::new);
                }
            }
        };
        try {
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // left by a deployment that died without undeploying
            }
            server.registerMBean(new StandardMBean(bean, StorageMXBean.class, true), name);
            registered = name;
        } catch (JMException e) {
            LOG.warning(() -> "storage guard: state not registered: " + e);
        }
    }
}

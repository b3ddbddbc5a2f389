package io.xastream.watchdog.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Reloads the server when its message broker has stopped while the server runs, once the disks
 * under the broker have room again.
 * <p>
 * Artemis stops for good on a critical I/O error (AMQ222010): in xastream's case a disk filled at
 * once, which the broker read as full before the storage guard could free its reserve (the guard
 * wins that race all but always; docs/recovery.md, "A full disk"). The application goes down with
 * the broker, since its message-driven beans and connection factories depend on it, so this lives
 * in a deployment of its own that depends on nothing of the broker's. A reload is WildFly's own
 * remedy: the broker starts again on its journal, the application redeploys, and recovery resolves
 * what was in doubt. At most one reload every ten minutes: a broker that stops again at once is
 * left to an operator, not reloaded in a loop.
 */
@Singleton
@Startup
public class BrokerWatchdog {

    private static final String BROKER = "jboss.as:subsystem=messaging-activemq,server=default";
    private static final String ROOT = "jboss.as:management-root=server";
    private static final List<String> BROKER_PATHS = List.of("journal-directory", "paging-directory");
    /** A broker seen stopped for less than this may be starting (at boot, or in a reload). */
    static final Duration STOPPED_FOR = Duration.ofSeconds(5);
    static final Duration RELOAD_AT_MOST_EVERY = Duration.ofMinutes(10);
    /**
     * The first reload after the broker stopped can fail: the management layer reports the services
     * the stopped broker left unsatisfied (the EAR's) as new problems of the operation and rolls it
     * back; the next attempt, a second later, finds them known and goes through.
     */
    static final int RELOAD_ATTEMPTS = 3;
    /** Free room a broker disk needs at least, as the stages' storage guard counts it (20 MiB). */
    static final long MIN_FREE = 20L << 20;
    /** When this JVM last reloaded on the watchdog's word: a system property outlives the reload. */
    static final String LAST_RELOAD = "xastream.watchdog.last-reload";
    private static final Logger LOG = Logger.getLogger(BrokerWatchdog.class.getName());

    private final MBeanServer server;
    private final Clock clock;
    private Instant stoppedSince;
    private String lastWord = "";
    private volatile int failedReloads;
    /** The reload last asked for, until it is refused or the server reloads. */
    private volatile CompletableFuture<Void> asking;

    public BrokerWatchdog() {
        this(ManagementFactory.getPlatformMBeanServer(), Clock.systemUTC());
    }

    BrokerWatchdog(MBeanServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void check() {
        if (asking != null && !asking.isDone()) {
            return; // a reload asked for and neither refused nor under way yet
        }
        if (!serverRunning() || !brokerStopped()) {
            stoppedSince = null;
            lastWord = "";
            failedReloads = 0;
            return;
        }
        Instant now = clock.instant();
        if (stoppedSince == null) {
            stoppedSince = now;
        }
        if (Duration.between(stoppedSince, now).compareTo(STOPPED_FOR) < 0) {
            return;
        }
        Optional<String> full = diskWithoutRoom();
        if (full.isPresent()) {
            sayOnce("XASTREAM-BROKER-STOPPED: the message broker has stopped (a critical I/O error in the log above says why) "
                    + "and the application with it; the server reloads by itself once the disk has room: " + full.get());
            return;
        }
        String last = System.getProperty(LAST_RELOAD);
        if (last != null && Instant.parse(last).plus(RELOAD_AT_MOST_EVERY).isAfter(now)) {
            sayOnce("XASTREAM-BROKER-STOPPED: the message broker has stopped again after the reload at " + last
                    + "; not reloading in a loop: restart the server once the cause is found");
            return;
        }
        if (failedReloads >= RELOAD_ATTEMPTS) {
            sayOnce("XASTREAM-BROKER-STOPPED: the server refused to reload " + failedReloads + " times; restart it");
            return;
        }
        LOG.severe("XASTREAM-BROKER-RELOAD: the message broker stopped " + Duration.between(stoppedSince, now).toSeconds()
                + " s ago and its disks have room: reloading the server");
        asking = reload(now);
    }

    /** True while a reload asked for is neither refused nor under way. */
    boolean reloadPending() {
        CompletableFuture<Void> last = asking;
        return last != null && !last.isDone();
    }

    private void sayOnce(String word) {
        if (!word.equals(lastWord)) {
            lastWord = word;
            LOG.severe(word);
        }
    }

    /** True once the server resumed after boot and is not reloading or stopping. */
    private boolean serverRunning() {
        try {
            return "RUNNING".equals(String.valueOf(server.getAttribute(new ObjectName(ROOT), "suspendState")))
                    && "running".equals(String.valueOf(server.getAttribute(new ObjectName(ROOT), "serverState")));
        } catch (JMException | RuntimeException e) {
            return false;
        }
    }

    /** Only a broker this server runs, read as stopped: no such broker (a remote one) is none of ours. */
    private boolean brokerStopped() {
        try {
            return Boolean.FALSE.equals(server.getAttribute(new ObjectName(BROKER), "started"));
        } catch (JMException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The first of the broker's journal and paging disks that has no room yet, described: above the
     * broker's own limit (global-max-disk-usage), or less than two journal files (at least 20 MiB) free.
     */
    private Optional<String> diskWithoutRoom() {
        double limit = number(BROKER, "globalMaxDiskUsage").filter(percent -> percent > 0).orElse(100.0);
        long minFree = Math.max(MIN_FREE, 2 * number(BROKER, "journalFileSize").orElse(0.0).longValue());
        for (String brokerPath : BROKER_PATHS) {
            Optional<Path> directory = resolve(BROKER + ",path=" + brokerPath);
            if (directory.isEmpty()) {
                continue;
            }
            try {
                Path existing = directory.get();
                while (existing.getParent() != null && !Files.exists(existing)) {
                    existing = existing.getParent();
                }
                FileStore store = Files.getFileStore(existing);
                long total = store.getTotalSpace();
                long free = store.getUsableSpace();
                double used = total <= 0 ? 0 : 100.0 * (total - free) / total;
                if (used >= limit || free < minFree) {
                    return Optional.of(String.format("%s %.1f %% used, %d MiB free (the broker needs below %.0f %% and %d MiB)",
                            directory.get(), used, free >> 20, limit, minFree >> 20));
                }
            } catch (IOException e) {
                return Optional.of(directory.get() + " unreadable: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private Optional<Double> number(String objectName, String attribute) {
        try {
            return Optional.of(Double.parseDouble(String.valueOf(server.getAttribute(new ObjectName(objectName), attribute))));
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A path resource of the management model as a directory: WildFly's named paths are system properties too. */
    private Optional<Path> resolve(String objectName) {
        try {
            ObjectName name = new ObjectName(objectName);
            Object path = server.getAttribute(name, "path");
            Object relativeTo = server.getAttribute(name, "relativeTo");
            if (path == null) {
                return Optional.empty();
            }
            Path resolved = Path.of(path.toString());
            if (relativeTo == null || resolved.isAbsolute()) {
                return Optional.of(resolved);
            }
            String base = System.getProperty(relativeTo.toString());
            return base == null ? Optional.empty() : Optional.of(Path.of(base).resolve(resolved));
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Asks for the reload from a thread of its own: the reload stops every deployment, this one too,
     * and a deployment stops only once its timer returned, so the timer must not wait for it. The
     * reload counts as done from the moment it is asked for (a system property, which the next
     * watchdog reads after the reload), unless it is refused; a refusal can take a minute, while
     * the stopped broker's connections time out.
     */
    private CompletableFuture<Void> reload(Instant now) {
        CompletableFuture<Void> asked = new CompletableFuture<>();
        String before = System.getProperty(LAST_RELOAD);
        System.setProperty(LAST_RELOAD, now.toString());
        Thread asking = new Thread(() -> {
            try {
                ObjectName root = new ObjectName(ROOT);
                MBeanOperationInfo reload = Arrays.stream(server.getMBeanInfo(root).getOperations())
                        .filter(operation -> operation.getName().equals("reload")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no reload operation on " + root));
                // Every parameter left to its default: the same configuration, started normally.
                server.invoke(root, "reload", new Object[reload.getSignature().length],
                        Arrays.stream(reload.getSignature()).map(MBeanParameterInfo::getType).toArray(String[]::new));
                asked.complete(null);
            } catch (JMException | RuntimeException refused) {
                if (before == null) {
                    System.clearProperty(LAST_RELOAD);
                } else {
                    System.setProperty(LAST_RELOAD, before);
                }
                failedReloads++;
                LOG.warning("XASTREAM-BROKER-RELOAD: the reload was refused, asked again in a second: "
                        + (refused.getMessage() != null ? refused.getMessage() : refused.getCause()));
                asked.completeExceptionally(refused);
            }
        }, "xastream-watchdog-reload");
        asking.setDaemon(true);
        asking.start();
        return asked;
    }
}

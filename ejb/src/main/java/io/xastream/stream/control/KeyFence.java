package io.xastream.stream.control;

import io.xastream.broker.BrokerControl;
import io.xastream.broker.HeldGroups;
import io.xastream.contract.MessageProperties;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Per-key order while another node is dead or the broker has restarted (docs/scale-out.md, "Per-key
 * order across nodes"). A transaction the broker holds prepared keeps the records it consumed out of
 * delivery until recovery resolves it, a node that is not this one perhaps; the later records of
 * their keys are not held: the broker binds each key to a consumer afresh, here or on another node,
 * and applied before a held record comes back they would be out of order. The {@link RestartFence}
 * covers only this node's own earlier run, before its stages start.
 * <p>
 * The standalone broker marks the first record of a key it hands a consumer
 * ({@code group-first-key}, broker.xml). For such a record this asks the broker whether one of its
 * prepared transactions consumed a record of that key ({@link HeldGroups}). If so, the record waits in
 * its transaction a few seconds; still held, the transaction rolls back and the record comes again,
 * and its key is fenced: each of its records is checked until the key is free. Once it is, the key's
 * next record is rolled back once more, charged to no one either: a rollback gives back everything
 * the consumer had, also what it had buffered, and the broker puts it back in the order it came, so a
 * held record that its transaction gave back goes first.
 * <p>
 * A consumer may also have taken a key's later records into its buffer while the key was held and
 * reach them only after it was freed (busy meanwhile, on a row lock of the same dead transaction, say):
 * asked then, the broker holds nothing, and the returned record waits behind them. So once the broker
 * has marked a first record, a watch asks it every second which keys its prepared transactions hold;
 * a key held in two readings running (not a live node's two-phase commit, done in milliseconds) is
 * checked in every record of it, marked or not, and once no longer held is released like a fenced
 * one: its next record on this node goes round once more.
 * <p>
 * A release is taken once by each stage: the held record may come back to any stage's queue (the
 * broker names its key, not where the record waits), and a consumer of another stage may be holding
 * that key's later records meanwhile (ClusterIT, per record: the aggregate stage took a release, and
 * the apply stage then booked the key's later record ahead of the one recovery had given back).
 * Nothing here changes what commits, only when: exactly once is the transactions' business.
 * <p>
 * The wait is bounded like the restart fence ({@code xastream.recovery.order-wait}): a key still held
 * then (a node never restarted, a heuristic outcome) goes on out of order, with a warning, for its
 * records must not wait for ever. If the broker cannot be asked (no management permission), records go
 * on as if nothing were held, with a warning: the fence orders, it does not guard exactly once.
 */
@ApplicationScoped
public class KeyFence {

    /** The property broker.xml's {@code group-first-key} names. */
    public static final String FIRST_OF_KEY = "JMSXGroupFirstForConsumer";

    private static final Logger LOG = Logger.getLogger(KeyFence.class.getName());
    private static final long POLL_MILLIS = 250;
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int REMEMBERED = 10_000;
    /** How long a key that came from a consumer that went away pauses before it goes round once more. */
    private static final long SETTLE_NANOS = Duration.ofSeconds(1).toNanos();
    /** How long such a key is not paused again in the same stage. */
    private static final long SETTLED_KEPT_NANOS = Duration.ofSeconds(30).toNanos();
    /** How long a released key waits for its next record on this node before it is forgotten. */
    private static final long RELEASED_KEPT_NANOS = Duration.ofMinutes(10).toNanos();

    /** How long a record waits in its transaction: at most 5 s, a quarter of the transaction timeout. */
    private final long waitNanos;
    private final long limitNanos;
    /** How long a question to the broker may take before the records go on unfenced. */
    private final long askMillis;
    /** How often the watch reads the broker's prepared transactions; zero: no watch. */
    private final long watchMillis;
    private final HeldReader reader;
    private final LongSupplier clock;
    /** Keys found held, and since when. */
    private final Map<String, Long> fencedSince = new ConcurrentHashMap<>();
    /** Keys seen held and then free: their next record in each stage here goes round once more. */
    private final Map<String, Release> released = new ConcurrentHashMap<>();
    /** Stage and key of the records sent round after their consumer went away, and when. */
    private final Map<String, Long> settled = new ConcurrentHashMap<>();
    /** Keys held past the limit: they go on, unfenced. */
    private final Set<String> givenUp = ConcurrentHashMap.newKeySet();
    private Snapshot snapshot;
    /** Whether the broker marks a key's first record to a consumer (the standalone broker does, an embedded one does not). */
    private volatile boolean brokerMarks;
    private long warnedAt;
    /** The watch's last reading: the transactions it saw, and the keys held in two readings running. */
    private Set<String> watchedTransactions = Set.of();
    private volatile Set<String> lastingKeys = Set.of();

    /**
     * The broker is asked on a thread of its own, so that a stage thread never waits longer than
     * {@link #askMillis} (5 s) for it (a broker restarting, a session whose answers never come); a
     * question still unanswered is waited for again by the next asker rather than asked twice.
     */
    @Resource
    ManagedThreadFactory threads;
    private ExecutorService asker;
    private Future<Map<String, Set<String>>> asking;
    private volatile ScheduledExecutorService watch;

    /** What the broker's prepared transactions hold: the groups of each, by xid, as {@link HeldGroups} reads them. */
    interface HeldReader {
        Map<String, Set<String>> read() throws Exception;
    }

    /** A key freed at {@code since}, and the stages that have since sent one of its records round. */
    private record Release(long since, Set<String> takenBy) {
        static Release by(long since, String... stages) {
            Set<String> takenBy = ConcurrentHashMap.newKeySet();
            takenBy.addAll(Set.of(stages));
            return new Release(since, takenBy);
        }
    }

    /** One reading of the broker: the keys each prepared transaction holds, and all of them. */
    private record Snapshot(long readAt, Map<String, Set<String>> byTransaction, Set<String> held) {
        static Snapshot of(long readAt, Map<String, Set<String>> byTransaction) {
            Set<String> held = new HashSet<>();
            byTransaction.values().forEach(held::addAll);
            return new Snapshot(readAt, byTransaction, held);
        }
    }

    public KeyFence() {
        this(new BrokerReader(), Duration.ofMillis(Math.min(5_000, Long.getLong("xastream.tx.timeout", 60) * 1000 / 4)),
                RestartFence.limit(), Duration.ofSeconds(5), Duration.ofSeconds(1), System::nanoTime);
    }

    KeyFence(HeldReader reader, Duration wait, Duration limit, Duration ask, Duration watchEvery, LongSupplier clock) {
        this.reader = reader;
        this.askMillis = ask.toMillis();
        this.watchMillis = watchEvery.toMillis();
        this.waitNanos = wait.toNanos();
        this.limitNanos = limit.toNanos();
        this.clock = clock;
    }

    /** The key of a record the broker handed this consumer first of its key; else null. */
    public static String firstOfKey(Message message) {
        try {
            return message.propertyExists(FIRST_OF_KEY) && message.getBooleanProperty(FIRST_OF_KEY)
                    ? message.getStringProperty(MessageProperties.KEY) : null;
        } catch (JMSException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * Returns when the records may be processed; throws {@link Wait} when their transaction must roll
     * back and they must come again.
     *
     * @param stage     the stage the records are for: each stage takes a release once
     * @param marked    the keys of those the broker handed this consumer first of their key; once it marks
     *                  any, a record delivered before counts as first of its key too
     */
    public void admit(String stage, Collection<StreamRecord> records, Set<String> marked) {
        if (!marked.isEmpty() && !brokerMarks) {
            brokerMarks = true;
            startWatching();
        }
        Set<String> firstHere = brokerMarks ? withRedelivered(records, marked) : marked;
        Set<String> lasting = lastingKeys;
        if (firstHere.isEmpty() && fencedSince.isEmpty() && released.isEmpty() && lasting.isEmpty()) {
            return;
        }
        Set<String> asked = new TreeSet<>(firstHere);
        for (StreamRecord record : records) {
            if (record.key() != null && watched(record.key(), stage, lasting)) {
                asked.add(record.key());
            }
        }
        asked.removeAll(givenUp);
        if (asked.isEmpty()) {
            return;
        }
        long start = clock.getAsLong();
        Set<String> held = held(asked, start);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("key fence: stage " + stage + " asked " + asked + " (first here " + firstHere + "), held " + held + ", fenced "
                    + fencedSince.keySet() + ", released " + released.keySet());
        }
        Set<String> fenced = new TreeSet<>(held);
        asked.stream().filter(key -> watched(key, stage, lasting)).forEach(fenced::add);
        while (!held.isEmpty() && clock.getAsLong() - start < waitNanos) {
            pause();
            held = held(asked, clock.getAsLong());
        }
        if (held.isEmpty()) {
            if (fenced.isEmpty()) {
                settleInherited(stage, records, firstHere);
                return;
            }
            long freed = clock.getAsLong();
            for (String key : fenced) {
                // Sent round now: not paused again when it comes back, delivered once more.
                settled.put(stage + '|' + key, freed);
                if (fencedSince.remove(key) != null) {
                    released.put(key, Release.by(freed, stage));
                } else {
                    released.computeIfAbsent(key, k -> Release.by(freed)).takenBy().add(stage);
                }
            }
            throw new Wait("keys " + fenced + " are free again: their records go round once more, behind any a held transaction gave back");
        }
        long now = clock.getAsLong();
        Set<String> waiting = new TreeSet<>();
        for (String key : held) {
            long since = fencedSince.computeIfAbsent(key, k -> start);
            if (now - since < limitNanos) {
                waiting.add(key);
            } else {
                fencedSince.remove(key);
                released.remove(key);
                if (givenUp.size() >= REMEMBERED) {
                    givenUp.clear();
                }
                givenUp.add(key);
                LOG.warning(() -> "key " + key + " still held by a transaction the broker keeps prepared after " + Duration.ofNanos(limitNanos).toSeconds()
                        + " s (xastream.recovery.order-wait): its records go on, exactly once, but ahead of the held one");
            }
        }
        if (waiting.isEmpty()) {
            return;
        }
        throw new Wait("keys " + waiting + " wait: a transaction the broker keeps prepared (another node's, or one from before a restart) holds an earlier record of each");
    }

    /**
     * A key's first record to this consumer that was delivered before came from a consumer that went
     * away, a dead node's perhaps. Its key's earlier record may still be on its way back: the broker
     * rolls back the dead session's transaction, and returns what that consumed, only once its journal
     * has the rollback, while it gives back the consumer's buffer at once. So such a key pauses a
     * moment and goes round once more, behind anything of its key that came back meanwhile.
     */
    private void settleInherited(String stage, Collection<StreamRecord> records, Set<String> firstHere) {
        long now = clock.getAsLong();
        Set<String> inherited = new TreeSet<>();
        for (StreamRecord record : records) {
            String key = record.key();
            if (key != null && firstHere.contains(key) && record.deliveryAttempt() > 1) {
                Long since = settled.get(stage + '|' + key);
                if (since == null || now - since > SETTLED_KEPT_NANOS) {
                    inherited.add(key);
                }
            }
        }
        if (inherited.isEmpty()) {
            return;
        }
        if (settled.size() >= REMEMBERED) {
            settled.values().removeIf(since -> now - since > SETTLED_KEPT_NANOS);
        }
        inherited.forEach(key -> settled.put(stage + '|' + key, now));
        long until = now + Math.min(SETTLE_NANOS, waitNanos);
        while (clock.getAsLong() - until < 0) {
            pause();
        }
        throw new Wait("keys " + inherited + " came from a consumer that went away: they go round once more, behind any earlier record of "
                + "theirs the broker gives back late");
    }

    /**
     * The keys the broker marked, and those of records delivered before: a key's first record to a
     * consumer carries the mark only on that delivery, and a consumer may give it back unprocessed,
     * its buffer cancelled by a rollback of another record (ClusterIT, per record: the record came
     * again unmarked and was validated ahead of its key's earlier one, held in node two's prepared
     * transaction). A record delivered before is rare while nothing fails.
     */
    private static Set<String> withRedelivered(Collection<StreamRecord> records, Set<String> marked) {
        Set<String> keys = null;
        for (StreamRecord record : records) {
            if (record.deliveryAttempt() > 1 && record.key() != null && !marked.contains(record.key())) {
                if (keys == null) {
                    keys = new TreeSet<>(marked);
                }
                keys.add(record.key());
            }
        }
        return keys == null ? marked : keys;
    }

    /** Whether every record of the key is checked here: fenced, released and not yet sent round by this stage, or held by a lasting transaction. */
    private boolean watched(String key, String stage, Set<String> lasting) {
        return fencedSince.containsKey(key) || releasedFor(key, stage) || lasting.contains(key);
    }

    private boolean releasedFor(String key, String stage) {
        Release release = released.get(key);
        return release != null && !release.takenBy().contains(stage);
    }

    /**
     * One reading of the watch: a key held by a transaction seen in this reading and the one before
     * (a dead node's, not a live one's two-phase commit) and no longer held by one now is released.
     */
    void watchOnce() {
        long now = clock.getAsLong();
        Snapshot reading;
        synchronized (this) {
            refresh(now);
            reading = snapshot;
        }
        Set<String> lasting = new HashSet<>();
        reading.byTransaction().forEach((xid, keys) -> {
            if (watchedTransactions.contains(xid)) {
                lasting.addAll(keys);
            }
        });
        for (String key : lastingKeys) {
            if (!reading.held().contains(key) && !givenUp.contains(key)) {
                if (released.size() >= REMEMBERED) {
                    released.clear();
                }
                // A stage that found it free already sent it round: not again for that stage.
                released.compute(key, (k, earlier) -> earlier != null && now - earlier.since() < SETTLED_KEPT_NANOS ? earlier : Release.by(now));
                LOG.fine(() -> "key fence: " + key + " held by a lasting transaction, now free: released");
            }
        }
        released.values().removeIf(release -> now - release.since() > RELEASED_KEPT_NANOS);
        watchedTransactions = reading.byTransaction().keySet();
        lastingKeys = lasting;
    }

    private synchronized void startWatching() {
        if (watch != null || watchMillis <= 0) {
            return;
        }
        watch = Executors.newSingleThreadScheduledExecutor(threads != null ? threads : Executors.defaultThreadFactory());
        watch.scheduleWithFixedDelay(() -> {
            try {
                watchOnce();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "key fence: a reading of the broker failed", e);
            }
        }, watchMillis, watchMillis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "key fence: the broker marks each key's first record to a consumer; watching its prepared transactions every "
                + watchMillis + " ms");
    }

    /** Of the keys asked, those held, as the broker said at {@code notBefore} or later (one question serves all consumers asking meanwhile). */
    private synchronized Set<String> held(Set<String> asked, long notBefore) {
        refresh(notBefore);
        Set<String> held = new TreeSet<>(asked);
        held.retainAll(snapshot.held());
        return held;
    }

    private void refresh(long notBefore) {
        if (snapshot != null && snapshot.readAt() - notBefore >= 0) {
            return;
        }
        long readAt = clock.getAsLong();
        Map<String, Set<String>> read;
        try {
            read = ask();
        } catch (Exception unanswered) {
            read = Map.of();
            if (warnedAt == 0 || readAt - warnedAt > WARN_EVERY_NANOS) {
                warnedAt = readAt;
                LOG.log(Level.WARNING, "cannot ask the broker which keys its prepared transactions hold: records go on unfenced, their order across a node's "
                        + "death or a broker restart not kept: " + unanswered, unanswered);
            }
        }
        snapshot = Snapshot.of(readAt, read);
    }

    private Map<String, Set<String>> ask() throws Exception {
        if (asker == null) {
            asker = Executors.newSingleThreadExecutor(threads != null ? threads : Executors.defaultThreadFactory());
        }
        if (asking == null) {
            asking = asker.submit(reader::read);
        }
        try {
            return asking.get(askMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        } finally {
            if (asking.isDone()) {
                asking = null;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Wait("interrupted while records waited for their keys");
        }
    }

    @PreDestroy
    synchronized void close() {
        if (watch != null) {
            watch.shutdownNow();
        }
        if (asker != null) {
            asker.shutdownNow();
        }
        if (reader instanceof BrokerReader broker) {
            broker.close();
        }
    }

    /**
     * The records' transaction must roll back and they must come again, through no fault of theirs:
     * not charged as an attempt ({@link DeliveryAttempts}).
     */
    public static final class Wait extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Wait(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether a failure is the fence's, anywhere in its causes. */
    public static boolean waiting(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Wait) {
                return true;
            }
        }
        return false;
    }

    /** This server's broker, opened on first use. */
    private static final class BrokerReader implements HeldReader {
        private BrokerControl broker;

        @Override
        public synchronized Map<String, Set<String>> read() throws Exception {
            if (broker == null) {
                broker = BrokerControl.ofThisServer();
            }
            return HeldGroups.byTransaction(broker.preparedTransactionDetailsJson());
        }

        synchronized void close() {
            if (broker instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing on undeploy: nothing left to do with it
                }
            }
        }
    }
}

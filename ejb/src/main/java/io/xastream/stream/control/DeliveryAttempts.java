package io.xastream.stream.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which failed attempts were a record's own. The broker counts every rollback as an attempt, but a
 * failed epoch rolls back all its records for the fault of one: a healthy record that lands again and
 * again in epochs with failing records would run out of the broker's attempts without ever failing
 * alone. So the runtime, not the broker, decides when a record has had its attempts
 * ({@code xastream.transfers.max-delivery-attempts}, default 5): a failed epoch shared with other
 * records is charged to each of them once (it may have been its own fault), further shared failures
 * are not, failures alone always are. A record out of attempts is parked on the dead-letter queue,
 * in the transaction that consumes it, without being processed. The broker's own limit
 * ({@code xastream.transfers.broker-max-delivery-attempts}, far higher) stays as a backstop.
 * <p>
 * A failure that is the system's is charged to none of its records, alone or not: a resource that
 * was away while the stages worked ({@link ResourceOutage}: a database restarting, its connections
 * killed), or a transaction that fails to commit after the stages did their work (the log store
 * without room on a full disk, a resource that cannot prepare). A healthy record must not reach the
 * dead-letter queue because a database restarted or the disk filled up while it was retried; it
 * waits longer before each attempt instead ({@link #pauseAttempt}). A record whose attempts fail
 * that way for ever is left to the broker's own limit.
 * <p>
 * These failures are remembered in memory, by message id, on this server, and only they are charged:
 * a delivery that ended where this server could not see why (on another node sharing the broker,
 * in a session cut by a node's death, in an earlier run of this server, or rolled back by recovery)
 * is not taken for the record's fault. Counting the broker's deliveries instead dead-lettered 28
 * healthy records of 600 when one of two nodes was killed and restarted (docs/plans/scale-out.md).
 * A record that fails only where no server sees it, crashing each server that takes it, is left to
 * the broker's limit. After a restart the retry pause starts over too: the records a crash rolled
 * back (a hundred or so after a kill inside epochs) come back with a delivery count of 2 and are
 * retried one per transaction at once; pausing each as a second attempt held the stream for 20 to
 * 46 s after such restarts in the soak.
 */
@ApplicationScoped
public class DeliveryAttempts {

    private static final int REMEMBERED = 100_000;

    private final int limit = Integer.getInteger("xastream.transfers.max-delivery-attempts", 5);

    /** The last {@link #REMEMBERED} message ids' failures: enough for any backlog of retries, bounded all the same. */
    private final Map<String, Failures> failures = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** One record's remembered failures, beyond the count of deliveries the broker keeps. */
    private static final class Failures {
        /** In epochs with other records, where it may have been its own fault. */
        int shared;
        /** Alone in its transaction, for any reason. */
        int alone;
        /** Alone, and the system's fault. */
        int systemAlone;
    }

    private static final Failures NONE = new Failures();

    private Failures of(StreamRecord record) {
        return record.messageId() == null ? NONE : failures.getOrDefault(record.messageId(), NONE);
    }

    /**
     * The attempts the record has failed through its own fault, as far as this server can tell: the
     * failures it saw alone that were not the system's, and one for any it shared with other records. A record
     * without a message id (handed on in its transaction) is counted as the broker counts it.
     */
    public synchronized int charged(StreamRecord record) {
        if (record.messageId() == null) {
            return Math.max(0, record.deliveryAttempt() - 1);
        }
        Failures f = of(record);
        return Math.max(0, f.alone - f.systemAlone + Math.min(1, f.shared));
    }

    /**
     * The attempt the record is at, as far as its retry pause goes: one more than the attempts this
     * server saw it fail alone, whoever's fault they were. After failures in epochs with other
     * records only (most likely another's fault), or in an earlier run of the server (a crash), it
     * goes again at once; while a database stays away it waits longer each time, and spends fewer of
     * the broker's deliveries.
     */
    public synchronized int pauseAttempt(StreamRecord record) {
        return 1 + of(record).alone;
    }

    /** Whether the record has had all its attempts: it must not be processed again, but parked. */
    public boolean exhausted(StreamRecord record) {
        return charged(record) >= limit;
    }

    public int limit() {
        return limit;
    }

    /**
     * A transaction over these records rolled back before it could commit; the failure is the
     * system's when a resource was away ({@link ResourceOutage#caused}), and nobody's when the
     * records waited for their keys ({@link KeyFence}). If it held more than one record, none of them
     * is sure to be at fault.
     */
    public void rolledBack(Collection<StreamRecord> records, Throwable failure) {
        if (KeyFence.waiting(failure)) {
            return; // nobody's fault: the records wait for a key a prepared transaction holds
        }
        if (ResourceOutage.caused(failure)) {
            systemFailed(records);
        } else {
            rolledBack(records);
        }
    }

    /** A transaction over these records rolled back for a reason that may be theirs. */
    synchronized void rolledBack(Collection<StreamRecord> records) {
        for (StreamRecord record : records) {
            Failures f = remembered(record);
            if (f != null) {
                if (records.size() > 1) {
                    f.shared++;
                } else {
                    f.alone++;
                }
            }
        }
    }

    /**
     * The system failed these records: a resource was away, or committing failed after the stages
     * did their work. Charged to none of them.
     */
    public synchronized void systemFailed(Collection<StreamRecord> records) {
        if (records.size() != 1) {
            return; // nothing to remember: shared failures count once at most, and this one not at all
        }
        Failures f = remembered(records.iterator().next());
        if (f != null) {
            f.alone++;
            f.systemAlone++;
        }
    }

    private Failures remembered(StreamRecord record) {
        return record.messageId() == null ? null : failures.computeIfAbsent(record.messageId(), id -> new Failures());
    }

    /** A transaction over these records committed: they will not come again. */
    public synchronized void committed(Collection<StreamRecord> records) {
        if (failures.isEmpty()) {
            return;
        }
        for (StreamRecord record : records) {
            if (record.messageId() != null && record.deliveryAttempt() > 1) {
                failures.remove(record.messageId());
            }
        }
    }
}

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
 * A transaction that fails to commit after the stages did their work (the log store without room
 * on a full disk, a resource that cannot prepare) is charged to none of its records: the fault is the
 * system's, and a healthy record must not reach the dead-letter queue because the disk filled up or
 * a database went away mid-commit while it was retried. A record whose commit fails for ever is left
 * to the broker's own limit.
 * <p>
 * The shared and commit failures are remembered in memory, by message id, on this server: after a
 * restart a record's earlier deliveries all count as its own, as the broker counts them.
 */
@ApplicationScoped
public class DeliveryAttempts {

    private static final int REMEMBERED = 100_000;

    private final int limit = Integer.getInteger("xastream.transfers.max-delivery-attempts", 5);

    private final Map<String, Integer> sharedFailures = remembered();
    private final Map<String, Integer> commitFailures = remembered();

    /** The last {@link #REMEMBERED} message ids' counts: enough for any backlog of retries, bounded all the same. */
    private static Map<String, Integer> remembered() {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    /** The attempts the record has failed through its own fault, as far as this server can tell. */
    public synchronized int charged(StreamRecord record) {
        int shared = sharedFailures(record);
        int notItsOwn = record.messageId() == null ? 0 : commitFailures.getOrDefault(record.messageId(), 0);
        return Math.max(0, record.deliveryAttempt() - 1 - notItsOwn - Math.max(0, shared - 1));
    }

    /**
     * The attempt the record is at, as far as its retry pause goes: 1 (no pause) when it has failed
     * only in epochs shared with other records, which most likely failed for another's fault.
     */
    public synchronized int ownAttempt(StreamRecord record) {
        int charged = charged(record);
        return sharedFailures(record) > 0 && charged <= 1 ? 1 : charged + 1;
    }

    private int sharedFailures(StreamRecord record) {
        return record.messageId() == null ? 0 : sharedFailures.getOrDefault(record.messageId(), 0);
    }

    /** Whether the record has had all its attempts: it must not be processed again, but parked. */
    public boolean exhausted(StreamRecord record) {
        return charged(record) >= limit;
    }

    public int limit() {
        return limit;
    }

    /** A transaction over these records rolled back: if it held more than one, none of them is sure to be at fault. */
    public synchronized void rolledBack(Collection<StreamRecord> records) {
        if (records.size() < 2) {
            return;
        }
        for (StreamRecord record : records) {
            if (record.messageId() != null) {
                sharedFailures.merge(record.messageId(), 1, Integer::sum);
            }
        }
    }

    /** The stages did their work on these records, then committing it failed: charged to none of them. */
    public synchronized void commitFailed(Collection<StreamRecord> records) {
        for (StreamRecord record : records) {
            if (record.messageId() != null) {
                commitFailures.merge(record.messageId(), 1, Integer::sum);
            }
        }
    }

    /** A transaction over these records committed: they will not come again. */
    public synchronized void committed(Collection<StreamRecord> records) {
        if (sharedFailures.isEmpty() && commitFailures.isEmpty()) {
            return;
        }
        for (StreamRecord record : records) {
            if (record.messageId() != null && record.deliveryAttempt() > 1) {
                sharedFailures.remove(record.messageId());
                commitFailures.remove(record.messageId());
            }
        }
    }
}

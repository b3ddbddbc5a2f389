package io.xastream.stream.control;

import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Every test hook of the stages, in one place; each is off unless its system property holds a
 * regular expression of record ids (docs/configuration.md, "Test hooks"):
 * <ul>
 *   <li>{@code xastream.fault.fail-after-writes} fails every attempt of a matching record after both
 *       ledgers were written (a poison: everything rolls back, and after the bounded redeliveries the
 *       record is dead-lettered);</li>
 *   <li>{@code xastream.fault.fail-first-attempt} fails only its first attempt there (a passing
 *       fault: the redelivery must apply it, still in its account's order);</li>
 *   <li>{@code xastream.fault.stall-first-attempt} holds its first attempt past the transaction timeout;</li>
 *   <li>{@code xastream.fault.aggregate-fail-first-attempt} fails its first aggregate attempt after
 *       the window update;</li>
 *   <li>{@code xastream.fault.fail-before-acknowledge} (mode local) fails its first attempt after the
 *       databases committed, before the broker acknowledgement.</li>
 * </ul>
 */
public final class FaultInjection {

    static final String FAIL_AFTER_WRITES = "xastream.fault.fail-after-writes";
    static final String FAIL_FIRST_ATTEMPT = "xastream.fault.fail-first-attempt";
    static final String STALL_FIRST_ATTEMPT = "xastream.fault.stall-first-attempt";
    static final String STALL_MS = "xastream.fault.stall-ms";
    static final String AGGREGATE_FAIL_FIRST_ATTEMPT = "xastream.fault.aggregate-fail-first-attempt";
    static final String FAIL_BEFORE_ACKNOWLEDGE = "xastream.fault.fail-before-acknowledge";
    private static final Logger LOG = Logger.getLogger(FaultInjection.class.getName());

    private FaultInjection() {
    }

    /**
     * A record whose id matches {@code xastream.fault.stall-first-attempt} holds its transaction
     * for {@code xastream.fault.stall-ms} on its first delivery, past the transaction timeout, with
     * its accounts locked in both ledgers and before it books or sends anything: what the attempt
     * still does after the timeout must fail instead of reaching a ledger or a queue. The
     * redelivery then proceeds normally.
     */
    public static void stallOnFirstAttempt(String recordId, int deliveryAttempt) {
        if (deliveryAttempt == 1 && matches(STALL_FIRST_ATTEMPT, recordId)) {
            LOG.warning("FAULT-INJECTION record=" + recordId + " stalling its first attempt");
            try {
                Thread.sleep(Long.getLong(STALL_MS, 8000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void afterLedgerWrites(String recordId, int deliveryAttempt) {
        if (matches(FAIL_AFTER_WRITES, recordId) || deliveryAttempt == 1 && matches(FAIL_FIRST_ATTEMPT, recordId)) {
            // One line per injected failure, so tests can count the attempts.
            LOG.warning("FAULT-INJECTION record=" + recordId + " failing after both ledger writes");
            throw new IllegalStateException("injected fault after both ledger writes");
        }
    }

    /** The first delivery of a matching record fails after its window was written: the redelivery must find nothing of it. */
    public static void afterWindowUpdate(String recordId, int deliveryAttempt) {
        if (deliveryAttempt == 1 && matches(AGGREGATE_FAIL_FIRST_ATTEMPT, recordId)) {
            throw new IllegalStateException("injected fault after the window update of " + recordId);
        }
    }

    /** Mode local: the databases committed, the broker has not acknowledged yet; fails a matching first attempt. */
    public static void beforeAcknowledge(String stage, List<StreamRecord> records) {
        for (StreamRecord record : records) {
            if (record.deliveryAttempt() == 1 && record.recordId() != null && matches(FAIL_BEFORE_ACKNOWLEDGE, record.recordId())) {
                LOG.warning("FAULT-INJECTION record=" + record.recordId() + " stage=" + stage
                        + " failing after the databases committed, before the acknowledgement");
                throw new IllegalStateException("injected fault before the acknowledgement");
            }
        }
    }

    private static boolean matches(String property, String recordId) {
        String pattern = System.getProperty(property);
        return pattern != null && !pattern.isBlank() && Pattern.matches(pattern, recordId);
    }
}

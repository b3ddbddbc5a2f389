package io.xastream.transfer.control;

import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Test hooks, each off unless its system property holds a regular expression of record ids:
 * {@code xastream.fault.fail-after-writes} fails every attempt of a matching record after both
 * ledgers were written (a poison: everything rolls back, and after the bounded redeliveries the
 * record is dead-lettered); {@code xastream.fault.fail-first-attempt} fails only its first attempt
 * (a passing fault: the redelivery must apply it, still in its account's order).
 */
final class FaultInjection {

    static final String FAIL_AFTER_WRITES = "xastream.fault.fail-after-writes";
    static final String FAIL_FIRST_ATTEMPT = "xastream.fault.fail-first-attempt";
    private static final Logger LOG = Logger.getLogger(FaultInjection.class.getName());

    private FaultInjection() {
    }

    static final String STALL_FIRST_ATTEMPT = "xastream.fault.stall-first-attempt";
    static final String STALL_MS = "xastream.fault.stall-ms";

    /**
     * Test hook: a record whose id matches {@code xastream.fault.stall-first-attempt} holds its
     * transaction (with both ledgers written and locked) for {@code xastream.fault.stall-ms} on its
     * first delivery, past the transaction timeout; the redelivery then proceeds normally.
     */
    static void stallOnFirstAttempt(String recordId, int deliveryAttempt) {
        if (deliveryAttempt == 1 && matches(STALL_FIRST_ATTEMPT, recordId)) {
            LOG.warning("FAULT-INJECTION record=" + recordId + " stalling its first attempt");
            try {
                Thread.sleep(Long.getLong(STALL_MS, 8000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void afterLedgerWrites(String recordId, int deliveryAttempt) {
        if (matches(FAIL_AFTER_WRITES, recordId) || deliveryAttempt == 1 && matches(FAIL_FIRST_ATTEMPT, recordId)) {
            // One line per injected failure, so tests can count the attempts.
            LOG.warning("FAULT-INJECTION record=" + recordId + " failing after both ledger writes");
            throw new IllegalStateException("injected fault after both ledger writes");
        }
    }

    private static boolean matches(String property, String recordId) {
        String pattern = System.getProperty(property);
        return pattern != null && !pattern.isBlank() && Pattern.matches(pattern, recordId);
    }
}

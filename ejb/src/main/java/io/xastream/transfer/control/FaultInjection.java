package io.xastream.transfer.control;

import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A test hook, off unless the system property {@code xastream.fault.fail-after-writes} holds a
 * regular expression: a record whose id matches fails after both ledgers were written, which must
 * roll back everything and, after the bounded redeliveries, dead-letter the record.
 */
final class FaultInjection {

    static final String FAIL_AFTER_WRITES = "xastream.fault.fail-after-writes";
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
        String pattern = System.getProperty(STALL_FIRST_ATTEMPT);
        if (deliveryAttempt == 1 && pattern != null && !pattern.isBlank() && Pattern.matches(pattern, recordId)) {
            LOG.warning("FAULT-INJECTION record=" + recordId + " stalling its first attempt");
            try {
                Thread.sleep(Long.getLong(STALL_MS, 8000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void afterLedgerWrites(String recordId) {
        String pattern = System.getProperty(FAIL_AFTER_WRITES);
        if (pattern != null && !pattern.isBlank() && Pattern.matches(pattern, recordId)) {
            // One line per injected failure, so tests can count the attempts.
            LOG.warning("FAULT-INJECTION record=" + recordId + " failing after both ledger writes");
            throw new IllegalStateException("injected fault after both ledger writes");
        }
    }
}

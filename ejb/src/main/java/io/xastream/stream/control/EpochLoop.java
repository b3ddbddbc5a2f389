package io.xastream.stream.control;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One epoch consumer: begin, receive up to N records or for up to T ms, process them all, commit;
 * repeat. The JMS context is opened inside the transaction, so the consumed messages, every write of
 * the stage and every record it emits commit together (two-phase, Narayana).
 * <p>
 * A failing epoch rolls back as a whole and its records come back with a delivery count above 1.
 * Received first, such a redelivered record gets a transaction of its own; received later, it ends
 * the epoch it arrives in. So a poisoned record fails alone from its second attempt on, and after
 * the broker's bounded attempts it is dead-lettered while the rest of its epoch commits.
 * <p>
 * The consumer closes only after the transaction ended, committed or rolled back: while it is open
 * the broker keeps the message groups of everything it was given bound to it, so no other consumer
 * can take a key's next record before this epoch's records of that key are committed, or back at
 * the head of their groups (the stage queues have no broker-side redelivery delay).
 * <p>
 * In mode {@code local} (the at-least-once baseline, {@link StageSettings.Mode#LOCAL}) the loop keeps
 * one transacted, non-XA JMS session open and, per epoch, commits the databases first (a JTA
 * transaction over non-XA datasources: each commits one phase) and the session after them, which
 * acknowledges the records and sends what the stage emitted. A failure between the two redelivers
 * records already written: at least once. There the consumer outlives a failed epoch (see
 * {@link #localEpochs()}); in epoch mode it cannot (it belongs to one transaction), so a redelivered
 * record can still arrive late in another consumer's epoch of new records and share its fate.
 */
public class EpochLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(EpochLoop.class.getName());
    /**
     * How long an epoch's first receive waits: 5 s, or a quarter of the transaction timeout
     * ({@code xastream.tx.timeout}, seconds) if that is shorter, for the wait runs inside the epoch's
     * transaction and must never outlive it. A record ends the wait at once; an idle consumer ends an
     * empty transaction after it, so a long wait keeps the coordinator's counters (and the dashboard)
     * from filling with empty transactions; it also bounds how long stopping a loop takes.
     */
    private static final long IDLE_WAIT_MILLIS = Math.min(5_000, Long.getLong("xastream.tx.timeout", 60) * 1000 / 4);

    private final Stage stage;
    private final StageSettings settings;
    private final StageRunner runner;
    private final ConnectionFactory connections;
    private final TransactionManager transactions;
    private volatile boolean running = true;
    /**
     * The most records the next epoch takes: the configured N, halved after each failed epoch and
     * doubled back after each committed one. When many records fail, epochs shrink, and each
     * failure rolls back (and sends round again) fewer healthy records.
     */
    private int epochLimit;
    private Destination input;

    public EpochLoop(Stage stage, StageSettings settings, StageRunner runner, ConnectionFactory connections,
                     TransactionManager transactions) {
        this.stage = stage;
        this.settings = settings;
        this.runner = runner;
        this.connections = connections;
        this.transactions = transactions;
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        input = StageSettings.lookup(settings.input());
        epochLimit = settings.epochRecords();
        while (running) {
            try {
                if (settings.mode() == StageSettings.Mode.LOCAL) {
                    localEpochs();
                } else {
                    epoch();
                }
            } catch (Exception e) {
                rollback();
                warnRolledBack(e);
                pause(100);
            }
        }
    }

    private void epoch() throws Exception {
        transactions.begin();
        List<StreamRecord> records = List.of();
        boolean processed = false;
        try (JMSContext jms = connections.createContext(); JMSConsumer consumer = jms.createConsumer(input)) {
            try {
                records = receive(consumer);
                if (!records.isEmpty()) {
                    runner.processEpoch(stage, records, jms);
                }
                processed = transactions.getStatus() == Status.STATUS_ACTIVE;
                commit();
                runner.attempts().committed(records);
                grow();
            } catch (Exception | Error e) {
                // Rolled back while the consumer is still open: its records are back at the head of
                // their groups before the groups are released, so no other consumer can take a
                // key's next record first.
                rollback();
                if (processed) {
                    // The stages did their work; committing it failed: the system's fault, not a record's.
                    runner.attempts().commitFailed(records);
                } else {
                    runner.attempts().rolledBack(records);
                }
                shrink(records);
                throw e;
            }
        }
    }

    /** Up to N records or T ms of them; none after an idle wait; a redelivered record ends the epoch. */
    private List<StreamRecord> receive(JMSConsumer consumer) {
        List<StreamRecord> records = new ArrayList<>();
        Message first = consumer.receive(IDLE_WAIT_MILLIS);
        if (first == null) {
            return records;
        }
        records.add(StageRunner.record(first));
        boolean alone = records.get(0).deliveryAttempt() > 1;
        long deadline = System.currentTimeMillis() + settings.epochMillis();
        while (!alone && records.size() < epochLimit) {
            long left = deadline - System.currentTimeMillis();
            Message next = left > 0 ? consumer.receive(left) : consumer.receiveNoWait();
            if (next == null) {
                break;
            }
            StreamRecord record = StageRunner.record(next);
            records.add(record);
            alone = record.deliveryAttempt() > 1;
        }
        return records;
    }

    /**
     * Mode local: epochs over one transacted session until the loop stops or the session breaks. A
     * failed epoch is rolled back on the open consumer, which keeps it: its records go back to the
     * head of their groups, still bound to this consumer, and come back here one by one, each alone.
     * Closing the consumer would release the groups, and another consumer in the middle of an epoch
     * of new records could take a redelivered record into it: had that epoch failed too, the record
     * would lose a delivery attempt to another record's fault, and be dead-lettered after enough of
     * them although it never failed alone.
     */
    private void localEpochs() throws Exception {
        try (JMSContext jms = connections.createContext(JMSContext.SESSION_TRANSACTED);
             JMSConsumer consumer = jms.createConsumer(input)) {
            while (running) {
                List<StreamRecord> records = receive(consumer);
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    transactions.begin();
                    runner.processEpoch(stage, records, jms);
                    commit();
                    FaultInjection.beforeAcknowledge(stage.name(), records);
                    jms.commit();
                    runner.attempts().committed(records);
                    grow();
                } catch (Exception e) {
                    rollback();
                    runner.attempts().rolledBack(records);
                    shrink(records);
                    try {
                        jms.rollback();
                    } catch (RuntimeException broken) {
                        // the session is gone: closing it gives the records back all the same
                        e.addSuppressed(broken);
                        throw e;
                    }
                    warnRolledBack(e);
                } catch (Error e) {
                    rollback();
                    throw e;
                }
            }
        }
    }

    private void grow() {
        epochLimit = (int) Math.min(settings.epochRecords(), epochLimit * 2L);
    }

    private void shrink(List<StreamRecord> records) {
        if (records.size() > 1) {
            epochLimit = Math.max(1, Math.min(epochLimit, records.size()) / 2);
        }
    }

    private void warnRolledBack(Exception e) {
        LOG.log(Level.WARNING, "stage " + stage.name() + ": epoch rolled back, its records will be retried one per transaction: " + e, e);
    }

    private void commit() throws Exception {
        if (transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
            throw new IllegalStateException("the transaction was marked for rollback");
        }
        transactions.commit();
    }

    private void rollback() {
        try {
            if (transactions.getTransaction() != null) {
                transactions.rollback();
            }
        } catch (IllegalStateException | SecurityException | SystemException e) {
            LOG.log(Level.FINE, "rollback after a failed epoch", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

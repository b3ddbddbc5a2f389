package io.xastream.stream.control;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One epoch consumer: begin, receive up to N records or for up to T ms, process them all, commit;
 * repeat. The loop keeps one XA session and consumer for as long as it runs and enlists the
 * session in each epoch's transaction ({@link BrokerBranch}), so the consumed messages, every write
 * of the stage and every record it emits commit together (two-phase, Narayana).
 * <p>
 * The broker binds to the consumer the message group (account) of every record it hands over, and
 * the binding lasts as long as the consumer: each loop owns its share of the keys, as a Kafka
 * consumer owns its partitions. So its epochs fill with its own keys' records, prefetched in the
 * consumer's window ({@code xastream.jms.epoch-consumer-window-size}), without a round trip each.
 * <p>
 * A failing epoch rolls back as a whole: the broker puts its records and everything prefetched back
 * at the head of their groups, in order, still bound to this consumer, so they come back here and
 * no other consumer can take a key's next record first. Received first, such a redelivered record
 * gets a transaction of its own; received later, it ends the epoch it arrives in. So a poisoned
 * record fails alone from its second attempt on, and after its bounded attempts it is dead-lettered
 * while the rest of its epoch commits. The price of owning keys: while a record waits for its next
 * attempt ({@link RetryPause}), the keys of its consumer wait with it, as a Kafka partition waits
 * behind a record being retried; the other consumers' keys go on. A session that broke (the broker
 * went away) is closed after the rollback, which hands its keys to the other consumers, and the next
 * epoch opens a new one.
 * <p>
 * In mode {@code local} (the at-least-once baseline, {@link StageSettings.Mode#LOCAL}) the loop keeps
 * one transacted, non-XA JMS session open and, per epoch, commits the databases first (a JTA
 * transaction over non-XA datasources: each commits one phase) and the session after them, which
 * acknowledges the records and sends what the stage emitted. A failure between the two redelivers
 * records already written: at least once.
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
    /** Epoch mode: the loop's own XA session, its consumer and its branch; null until opened, or after it broke. */
    private XAJMSContext session;
    private JMSConsumer consumer;
    private BrokerBranch branch;

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
        close();
    }

    private void epoch() throws Exception {
        if (session == null) {
            open();
        }
        transactions.begin();
        List<StreamRecord> records = List.of();
        boolean processed = false;
        try {
            transactions.getTransaction().enlistResource(branch);
            Set<String> firstHere = new HashSet<>();
            records = receive(consumer, firstHere);
            runner.fence().admit(stage.name(), records, firstHere);
            if (!records.isEmpty()) {
                runner.processEpoch(stage, records, session, branch::inTransaction);
            }
            processed = transactions.getStatus() == Status.STATUS_ACTIVE;
            commit();
            runner.attempts().committed(records);
            grow();
        } catch (Exception | Error e) {
            // Rolled back while the consumer is open: its records and what it had prefetched are back
            // at the head of their groups, still bound to it, before anything could release them.
            rollback();
            if (processed) {
                // The stages did their work; committing it failed: the system's fault, not a record's.
                runner.attempts().systemFailed(records);
            } else {
                runner.attempts().rolledBack(records, e);
            }
            shrink(records);
            if (brokeTheSession(e)) {
                close();
            }
            throw e;
        }
    }

    private void open() {
        if (!(connections instanceof XAConnectionFactory xa)) {
            throw new IllegalStateException("epoch mode needs an XA connection factory, not " + connections);
        }
        XAJMSContext opened = BrokerLogin.xaContext(xa);
        try {
            consumer = opened.createConsumer(input);
            branch = BrokerBranch.of(opened.getXAResource());
            session = opened;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** Closing releases the consumer's message groups: only ever between transactions. */
    private void close() {
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing a broken epoch session", e);
            }
            session = null;
            consumer = null;
            branch = null;
        }
    }

    /** Whether the failure came from the JMS session itself, which then cannot serve another epoch. */
    private static boolean brokeTheSession(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JMSRuntimeException || t instanceof JMSException) {
                return true;
            }
        }
        return false;
    }

    /** Up to N records or T ms of them; none after an idle wait; a redelivered record ends the epoch. */
    private List<StreamRecord> receive(JMSConsumer consumer, Set<String> firstHere) {
        List<StreamRecord> records = new ArrayList<>();
        Message first = next(consumer, IDLE_WAIT_MILLIS);
        if (first == null) {
            return records;
        }
        records.add(StageRunner.record(first));
        noteFirstOfKey(first, firstHere);
        boolean alone = records.get(0).deliveryAttempt() > 1;
        long deadline = System.currentTimeMillis() + settings.epochMillis();
        while (!alone && records.size() < epochLimit) {
            long left = deadline - System.currentTimeMillis();
            Message next = next(consumer, left);
            if (next == null) {
                break;
            }
            StreamRecord record = StageRunner.record(next);
            records.add(record);
            noteFirstOfKey(next, firstHere);
            alone = record.deliveryAttempt() > 1;
        }
        return records;
    }

    /**
     * The next record within {@code waitMillis}, or none. On the epoch's own XA session, only while its
     * branch is in the transaction: a record received after a timeout rolled the branch back would be
     * acknowledged outside any transaction, and lost ({@link BrokerBranch}).
     */
    private Message next(JMSConsumer consumer, long waitMillis) {
        if (branch == null || settings.mode() == StageSettings.Mode.LOCAL) {
            return waitMillis > 0 ? consumer.receive(waitMillis) : consumer.receiveNoWait();
        }
        return branch.inTransaction(() -> waitMillis > 0 ? consumer.receive(waitMillis) : consumer.receiveNoWait());
    }

    /** Collects the key of a record the broker handed this consumer first of its key ({@link KeyFence}). */
    private static void noteFirstOfKey(Message message, Set<String> firstHere) {
        String key = KeyFence.firstOfKey(message);
        if (key != null) {
            firstHere.add(key);
        }
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
        try (JMSContext jms = BrokerLogin.context(connections, JMSContext.SESSION_TRANSACTED);
             JMSConsumer consumer = jms.createConsumer(input)) {
            while (running) {
                List<StreamRecord> records = receive(consumer, new HashSet<>());
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    transactions.begin();
                    runner.processEpoch(stage, records, jms, Runnable::run);
                    commit();
                    FaultInjection.beforeAcknowledge(stage.name(), records);
                    jms.commit();
                    runner.attempts().committed(records);
                    grow();
                } catch (Exception e) {
                    rollback();
                    runner.attempts().rolledBack(records, e);
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
        if (KeyFence.waiting(e)) {
            LOG.info(() -> "stage " + stage.name() + ": epoch rolled back: " + e.getMessage());
            return;
        }
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

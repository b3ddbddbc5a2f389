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
 * Such a redelivered record is never batched with others: it starts a transaction of its own, and
 * it ends an epoch it arrives in. So a poisoned record fails alone from its second attempt on, and
 * after the broker's bounded attempts it is dead-lettered while the rest of its epoch commits.
 * <p>
 * The consumer closes only after the transaction ended, committed or rolled back: while it is open
 * the broker keeps the message groups of everything it was given bound to it, so no other consumer
 * can take a key's next record before this epoch's records of that key are committed, or back at
 * the head of their groups (the stage queues have no broker-side redelivery delay).
 */
public class EpochLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(EpochLoop.class.getName());
    private static final long IDLE_WAIT_MILLIS = 500;

    private final Stage stage;
    private final StageSettings settings;
    private final StageRunner runner;
    private final ConnectionFactory connections;
    private final TransactionManager transactions;
    private volatile boolean running = true;
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
        while (running) {
            try {
                epoch();
            } catch (Exception e) {
                rollback();
                LOG.log(Level.WARNING, "stage " + stage.name() + ": epoch rolled back, its records will be retried one per transaction: " + e, e);
                pause(100);
            }
        }
    }

    private void epoch() throws Exception {
        transactions.begin();
        try (JMSContext jms = connections.createContext(); JMSConsumer consumer = jms.createConsumer(input)) {
            try {
                receiveAndProcess(jms, consumer);
                if (transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                    throw new IllegalStateException("the transaction was marked for rollback");
                }
                transactions.commit();
            } catch (Exception | Error e) {
                // Rolled back while the consumer is still open: its records are back at the head of
                // their groups before the groups are released, so no other consumer can take a
                // key's next record first.
                rollback();
                throw e;
            }
        }
    }

    private void receiveAndProcess(JMSContext jms, JMSConsumer consumer) {
        Message first = consumer.receive(IDLE_WAIT_MILLIS);
        if (first == null) {
            return;
        }
        List<StreamRecord> records = new ArrayList<>();
        records.add(StageRunner.record(first));
        boolean alone = records.get(0).deliveryAttempt() > 1;
        long deadline = System.currentTimeMillis() + settings.epochMillis();
        while (!alone && records.size() < settings.epochRecords()) {
            long left = deadline - System.currentTimeMillis();
            Message next = left > 0 ? consumer.receive(left) : consumer.receiveNoWait();
            if (next == null) {
                break;
            }
            StreamRecord record = StageRunner.record(next);
            records.add(record);
            alone = record.deliveryAttempt() > 1;
        }
        runner.processEpoch(stage, records, jms);
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

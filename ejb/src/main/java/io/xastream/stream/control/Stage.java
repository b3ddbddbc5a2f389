package io.xastream.stream.control;

import jakarta.jms.Destination;

import java.util.List;

/**
 * One step of a stream topology, a function of (records, state) to outputs. A stage reads the records
 * of one input and handles them inside the transaction the runtime gives it: whatever it writes
 * on the ledgers' enlisted connections and whatever it emits through the {@link StageContext} commits
 * together with the consumption of the records, or none of it happens and they are delivered again.
 * <p>
 * The runtime, not the stage, decides the shape: one record or an epoch of records per transaction,
 * and whether the stage reads its own queue or runs chained inside the transaction of the stage that
 * emits to its input ({@link Topology}). A stage never begins, commits or rolls back anything.
 * <p>
 * To add a stage: implement this as a CDI bean, give it a listener (a subclass of
 * {@code io.xastream.stream.boundary.StageListener}) and its queues; docs/topology.md walks through it.
 */
public interface Stage {

    /** Its name in configuration ({@code xastream.stage.<name>.*}, see {@link StageSettings}) and on the dashboard. */
    String name();

    /** The JNDI name of the queue it reads, unless {@code xastream.stage.<name>.input} says otherwise. */
    String defaultInput();

    /**
     * The destinations it may emit to. An output that is another stage's input is a link of the
     * topology, which the runtime may chain (hand the records over in the same transaction).
     */
    List<Destination> outputs();

    /**
     * Handles records in the order given: one in per-record mode, an epoch of them otherwise. Records
     * of one key come in the order they were sent. A stage that does the same work per record in one
     * statement for the whole list (one lock, one batch) makes epochs cheap.
     * <p>
     * Throwing anything rolls back the whole transaction (the epoch, and every chained stage's work in
     * it), whose records are then retried one per transaction; a record that cannot be handled by its
     * nature is rejected through the context instead, which commits.
     */
    void process(List<StreamRecord> records, StageContext context);
}

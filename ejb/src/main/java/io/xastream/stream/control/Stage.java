package io.xastream.stream.control;

import java.util.List;

/**
 * One step of a stream topology. A stage reads the records of one input queue and handles each inside
 * the XA transaction that consumes it: whatever it writes through JTA persistence contexts and
 * whatever it emits through the {@link StageContext} commits together with the consumption of the
 * record, or none of it happens and the record is delivered again. The runners own that transaction
 * (a message-driven bean per record, or an epoch of records per transaction); a stage never touches it.
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
     * Handles one record. Throwing anything rolls back the whole transaction (in epoch mode: the whole
     * epoch, whose records are then retried one per transaction); a record that cannot be handled by
     * its nature is rejected through the context instead, which commits.
     */
    void process(StreamRecord record, StageContext context);

    /**
     * In epoch mode, called with all records of an epoch before the first is processed: the place to
     * take every lock the epoch will need in one global order, or to read ahead in one round trip.
     */
    default void beforeEpoch(List<StreamRecord> records) {
    }
}

package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.RecordTrace;
import io.xastream.operation.control.ParkedRecords;
import io.xastream.operation.entity.ParkedRecord;
import io.xastream.operation.entity.ParkingQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;

import javax.management.JMException;
import java.util.List;
import java.util.Map;

/** Follows one record id through the stream, the ledgers and the parking queues. */
@ApplicationScoped
public class RecordTracer {

    @Inject
    LedgerReader ledgers;

    @Inject
    ParkedRecords parked;

    @Inject
    BrokerTransactions broker;

    @Inject
    QueueStatistics queues;

    /** @param recordId already checked against {@link ParkedRecords#RECORD_ID} */
    public RecordTrace trace(String recordId) throws JMSException, JMException {
        List<RecordTrace.Outcome> outcomes = ledgers.outcomesOf(recordId);
        List<RecordTrace.Entry> entries = ledgers.entriesOf(recordId);
        List<ParkedRecord> waiting = parked.waitingOnStream(recordId);
        List<ParkedRecord> deadLettered = parked.ofRecord(ParkingQueue.DEAD_LETTERS, recordId);
        List<ParkedRecord> rejected = parked.ofRecord(ParkingQueue.REJECTED, recordId);
        List<String> inDoubt = inDoubt(recordId);
        boolean inFlight = QueueStatistics.STAGE_INPUTS.stream()
                .anyMatch(queue -> queues.deliveringRecordIds(queue).contains(recordId));
        return new RecordTrace(recordId, RecordTrace.stateOf(outcomes, inDoubt, inFlight, waiting, deadLettered), outcomes,
                entries, inDoubt, inFlight, waiting, deadLettered, rejected);
    }

    /** The transactions whose prepared broker branch holds a message of the record. */
    private List<String> inDoubt(String recordId) throws JMException {
        return broker.recordsByTransaction(broker.prepared()).entrySet().stream()
                .filter(transaction -> transaction.getValue().contains(recordId))
                .map(Map.Entry::getKey).sorted().toList();
    }
}

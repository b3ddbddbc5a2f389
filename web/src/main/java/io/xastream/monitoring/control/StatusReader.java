package io.xastream.monitoring.control;

import io.xastream.contract.Streams;
import io.xastream.monitoring.entity.Invariant;
import io.xastream.monitoring.entity.LedgerTotals;
import io.xastream.monitoring.entity.QueueStatus;
import io.xastream.monitoring.entity.RecordCounts;
import io.xastream.monitoring.entity.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/**
 * One snapshot of the pipeline: outcomes, ledgers, the exactly-once invariant (its latest reading,
 * {@link InvariantCheck}), Narayana's counters.
 */
@ApplicationScoped
public class StatusReader {

    @Inject
    LedgerReader ledgers;

    @Inject
    InvariantCheck invariant;

    @Inject
    TransactionStatistics transactions;

    @Inject
    QueueStatistics queues;

    @Inject
    StorageReader storage;

    @Inject
    RecoveryWatch recovery;

    /** @throws LedgerUnreachableException naming the ledger that could not be read */
    public Status read() {
        List<LedgerTotals> totals = ledgers.totals();
        LedgerReader.Outcomes outcomes = ledgers.outcomes();
        InvariantCheck.Reading checked = invariant.latest();
        List<QueueStatus> destinations = queues.read();
        // Absent, not zero, when the broker could not say.
        Long deadLettered = destinations.stream().filter(queue -> queue.name().equals(Streams.DEADLETTER))
                .map(QueueStatus::depth).findFirst().orElse(null);
        return new Status(
                new RecordCounts(outcomes.settled(), outcomes.rejected(), outcomes.duplicates(), deadLettered),
                totals,
                Invariant.of(checked.verification(), checked.checkedAt()),
                transactions.read().orElse(null),
                destinations,
                storage.read().orElse(null),
                recovery.read(),
                Instant.now());
    }
}

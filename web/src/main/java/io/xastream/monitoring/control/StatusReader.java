package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.Invariant;
import io.xastream.monitoring.entity.LedgerTotals;
import io.xastream.monitoring.entity.RecordCounts;
import io.xastream.monitoring.entity.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/** One snapshot of the pipeline: outcomes, ledgers, the money invariant, Narayana's counters. */
@ApplicationScoped
public class StatusReader {

    @Inject
    LedgerReader ledgers;

    @Inject
    TransactionStatistics transactions;

    @Inject
    DeadLetterQueue deadLetters;

    /** @throws LedgerUnreachableException naming the ledger that could not be read */
    public Status read() {
        List<LedgerTotals> totals = ledgers.totals();
        LedgerReader.Outcomes outcomes = ledgers.outcomes();
        OptionalLong deadLettered = deadLetters.depth();
        return new Status(
                new RecordCounts(outcomes.settled(), outcomes.rejected(), outcomes.duplicates(),
                        deadLettered.isPresent() ? deadLettered.getAsLong() : null),
                totals,
                Invariant.over(totals),
                transactions.read().orElse(null),
                Instant.now());
    }
}

package io.xastream.monitoring.boundary;

import io.xastream.monitoring.control.DeadLetterQueue;
import io.xastream.monitoring.control.LedgerReader;
import io.xastream.monitoring.control.TransactionStatistics;
import io.xastream.monitoring.entity.Invariant;
import io.xastream.monitoring.entity.LedgerTotals;
import io.xastream.monitoring.entity.RecordCounts;
import io.xastream.monitoring.entity.Status;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * One snapshot of outcomes, ledgers, the money invariant and Narayana's counters. Role
 * {@code monitor} required (web.xml). Answers 503 naming the ledger when one is unreachable.
 */
@Path("status")
@RequestScoped
public class StatusResource {

    @Inject
    LedgerReader ledgers;

    @Inject
    TransactionStatistics transactions;

    @Inject
    DeadLetterQueue deadLetters;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        List<LedgerTotals> totals = ledgers.totals();
        LedgerReader.Outcomes outcomes = ledgers.outcomes();
        OptionalLong deadLettered = deadLetters.depth();
        Status status = new Status(
                new RecordCounts(outcomes.settled(), outcomes.rejected(), outcomes.duplicates(),
                        deadLettered.isPresent() ? deadLettered.getAsLong() : null),
                totals,
                Invariant.over(totals),
                transactions.read().orElse(null),
                Instant.now());
        return Response.ok(status).cacheControl(noStore()).build();
    }

    /** A snapshot is stale the moment it is sent: no cache may answer the next poll. */
    static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        cacheControl.setNoCache(true);
        return cacheControl;
    }
}

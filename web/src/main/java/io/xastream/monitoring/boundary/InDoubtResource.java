package io.xastream.monitoring.boundary;

import io.xastream.monitoring.control.BrokerTransactions;
import io.xastream.monitoring.control.LedgerReader;
import io.xastream.monitoring.control.LogStore;
import io.xastream.monitoring.entity.InDoubt;
import io.xastream.monitoring.entity.LoggedTransaction;
import io.xastream.monitoring.entity.PreparedBranch;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import javax.management.JMException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything prepared but not finished: the coordinator's log store (with the records each
 * transaction wrote, and heuristic outcomes), PostgreSQL's and MariaDB's prepared branches matched
 * to it by xid, and the broker's prepared transactions. Role {@code monitor} (web.xml).
 */
@Path("in-doubt")
@RequestScoped
public class InDoubtResource {

    @Inject
    LogStore logStore;

    @Inject
    LedgerReader ledgers;

    @Inject
    BrokerTransactions broker;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response inDoubt() throws JMException {
        List<LoggedTransaction> logged = logStore.transactions();
        Map<String, Set<String>> records = ledgers.recordsOf(logged.stream().map(LoggedTransaction::id).toList());
        List<LoggedTransaction> transactions = new ArrayList<>();
        Map<String, String> transactionOfXid = new HashMap<>();
        for (LoggedTransaction t : logged) {
            transactions.add(t.withRecords(List.copyOf(records.getOrDefault(t.id(), Set.of()))));
            t.participants().forEach(p -> {
                if (p.xid() != null) {
                    transactionOfXid.put(p.xid(), t.id());
                }
            });
        }
        InDoubt inDoubt = new InDoubt(
                transactions.stream().filter(LoggedTransaction::heuristic).count(),
                transactions,
                matched(ledgers.preparedInLedgerA(), transactionOfXid),
                matched(ledgers.preparedInLedgerB(), transactionOfXid),
                broker.prepared(),
                Instant.now());
        return Response.ok(inDoubt).cacheControl(StatusResource.noStore()).build();
    }

    private static List<PreparedBranch> matched(List<PreparedBranch> branches, Map<String, String> transactionOfXid) {
        return branches.stream()
                .map(b -> b.xid() == null ? b : b.matchedTo(transactionOfXid.get(b.xid())))
                .toList();
    }
}

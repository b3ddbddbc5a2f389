package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.InDoubt;
import io.xastream.monitoring.entity.LoggedTransaction;
import io.xastream.monitoring.entity.PreparedBranch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.management.JMException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything prepared but not finished: the coordinator's log store (with the records each
 * transaction wrote or, while it is in doubt, the records of the messages the broker holds prepared
 * for it; and heuristic outcomes), PostgreSQL's and MariaDB's prepared branches matched
 * to it by xid, and the broker's prepared transactions.
 */
@ApplicationScoped
public class InDoubtReader {

    @Inject
    LogStore logStore;

    @Inject
    LedgerReader ledgers;

    @Inject
    BrokerTransactions broker;

    /**
     * Under load every commit passes through "prepared" and "logged" for milliseconds: what is
     * younger than this is in flight, not in doubt, and is left out (heuristic outcomes never are).
     */
    static final Duration IN_FLIGHT = Duration.ofSeconds(3);

    /** When each prepared branch was first seen, for the resources that do not say (MariaDB, Artemis). */
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

    public InDoubt read() throws JMException {
        Instant now = Instant.now();
        List<LoggedTransaction> logged = new ArrayList<>();
        Set<String> inFlight = new HashSet<>();
        for (LoggedTransaction t : logStore.transactions()) {
            if (t.heuristic() || t.ageSeconds() >= IN_FLIGHT.toSeconds()) {
                logged.add(t);
            } else {
                t.participants().forEach(p -> inFlight.add(p.xid()));
            }
        }
        List<String> descriptions = broker.prepared();
        Map<String, Set<String>> records = new HashMap<>();
        ledgers.recordsOf(logged.stream().map(LoggedTransaction::id).toList())
                .forEach((id, ids) -> records.computeIfAbsent(id, k -> new TreeSet<>()).addAll(ids));
        if (!logged.isEmpty()) {
            // Rows in doubt are invisible in the ledgers; the broker shows the messages it holds prepared.
            broker.recordsByTransaction(descriptions)
                    .forEach((id, ids) -> records.computeIfAbsent(id, k -> new TreeSet<>()).addAll(ids));
        }
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
        List<PreparedBranch> postgres = ledgers.preparedInLedgerA();
        List<PreparedBranch> mariaDb = ledgers.preparedInLedgerB();
        List<PreparedBranch> artemis = descriptions.stream()
                .map(description -> Xids.branch(Xids.fromArtemisDescription(description), description, null))
                .toList();
        Set<String> present = new HashSet<>();
        artemis.forEach(b -> present.add(b.name()));
        postgres.forEach(b -> present.add(b.name()));
        mariaDb.forEach(b -> present.add(b.name()));
        firstSeen.keySet().retainAll(present);
        present.forEach(name -> firstSeen.putIfAbsent(name, now));
        return new InDoubt(
                transactions.stream().filter(LoggedTransaction::heuristic).count(),
                transactions,
                settled(postgres, transactionOfXid, inFlight, now),
                settled(mariaDb, transactionOfXid, inFlight, now),
                settled(artemis, transactionOfXid, inFlight, now),
                now);
    }

    /**
     * The branches older than IN_FLIGHT and not part of a transaction still in flight, each named
     * with its transaction: by its own global id when it is Narayana's, else by a participant's xid.
     */
    private List<PreparedBranch> settled(List<PreparedBranch> branches, Map<String, String> transactionOfXid,
                                         Set<String> inFlight, Instant now) {
        return branches.stream()
                .map(b -> b.ageSeconds() != null ? b : b.aged(age(b.name(), now)))
                .filter(b -> b.ageSeconds() >= IN_FLIGHT.toSeconds() && (b.xid() == null || !inFlight.contains(b.xid())))
                .map(b -> b.xid() == null ? b : b.matchedTo(Optional.ofNullable(Xids.narayanaTransaction(b.xid()))
                        .orElse(transactionOfXid.get(b.xid()))))
                .toList();
    }

    private long age(String name, Instant now) {
        Instant seen = firstSeen.getOrDefault(name, now);
        return Duration.between(seen, now).toSeconds();
    }
}

package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.LedgerTotals;
import io.xastream.monitoring.entity.PreparedBranch;
import io.xastream.monitoring.entity.RecordTrace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the ledgers with native SQL, so this module needs none of the EJB jar's entity classes.
 * <p>
 * Outside a transaction on purpose: a read enlisted in JTA would make every poll a two-phase
 * commit over both databases. Each query then runs alone on a connection in auto-commit, and
 * neither engine takes locks for a plain SELECT.
 */
@ApplicationScoped
@Transactional(TxType.NOT_SUPPORTED)
public class LedgerReader {

    /** Long enough for a loaded database, short enough that polls do not pile up behind a stuck one. */
    static final int QUERY_TIMEOUT_MILLIS = 5_000;

    /** One statement, hence one snapshot per ledger. Portable between PostgreSQL and MariaDB. */
    static final String TOTALS = """
            select (select count(*) from account),
                   (select coalesce(sum(balance), 0) from account),
                   (select coalesce(sum(opening_balance), 0) from account),
                   (select count(*) from account where balance < 0),
                   (select count(*) from ledger_entry)""";

    static final String OUTCOMES = """
            select count(case when outcome = 'SETTLED' then 1 end),
                   count(case when outcome = 'REJECTED' then 1 end),
                   count(case when outcome = 'DUPLICATE' then 1 end)
            from record_outcome""";

    private static final Logger LOG = Logger.getLogger(LedgerReader.class.getName());

    @PersistenceContext(unitName = "ledgerA")
    EntityManager ledgerA;

    @PersistenceContext(unitName = "ledgerB")
    EntityManager ledgerB;

    /** Totals of ledger A (PostgreSQL) and ledger B (MariaDB), in that order. */
    public List<LedgerTotals> totals() {
        return List.of(totals("A", "PostgreSQL", ledgerA), totals("B", "MariaDB", ledgerB));
    }

    /** Settled, rejected and duplicate counts; only ledger A records outcomes. */
    public Outcomes outcomes() {
        Object[] row = read("A", "PostgreSQL", () -> (Object[]) query(ledgerA, OUTCOMES).getSingleResult());
        return new Outcomes(count(row[0]), count(row[1]), count(row[2]));
    }

    public record Outcomes(long settled, long rejected, long duplicates) {
    }

    /**
     * The records written in the given transactions, by transaction id, from both ledgers: a
     * heuristic outcome may have erased a transaction's rows from one of them.
     */
    public Map<String, Set<String>> recordsOf(Collection<String> transactionIds) {
        Map<String, Set<String>> records = new TreeMap<>();
        if (transactionIds.isEmpty()) {
            return records;
        }
        List<String> ids = List.copyOf(transactionIds);
        collect(records, read("A", "PostgreSQL", () -> rows(ledgerA, RECORDS_OF_A, ids)));
        collect(records, read("B", "MariaDB", () -> rows(ledgerB, RECORDS_OF_B, ids)));
        return records;
    }

    static final String RECORDS_OF_A = """
            select transaction_id, record_id from record_outcome where transaction_id in (:ids)
            union select transaction_id, record_id from ledger_entry where transaction_id in (:ids)""";

    static final String RECORDS_OF_B = "select distinct transaction_id, record_id from ledger_entry where transaction_id in (:ids)";

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(EntityManager ledger, String sql, List<String> ids) {
        return query(ledger, sql).setParameter("ids", ids).getResultList();
    }

    private static void collect(Map<String, Set<String>> records, List<Object[]> rows) {
        for (Object[] row : rows) {
            records.computeIfAbsent(String.valueOf(row[0]), id -> new TreeSet<>()).add(String.valueOf(row[1]));
        }
    }

    /** Every committed outcome of one record, oldest first (ledger A keeps them). */
    @SuppressWarnings("unchecked")
    public List<RecordTrace.Outcome> outcomesOf(String recordId) {
        List<Object[]> rows = read("A", "PostgreSQL", () -> query(ledgerA, """
                select outcome, reason, detail, delivery_attempt, recorded_at, transaction_id
                from record_outcome where record_id = ?1 order by id""").setParameter(1, recordId).getResultList());
        List<RecordTrace.Outcome> outcomes = new ArrayList<>();
        for (Object[] row : rows) {
            outcomes.add(new RecordTrace.Outcome((String) row[0], (String) row[1], (String) row[2], (int) count(row[3]),
                    instant(row[4]), (String) row[5]));
        }
        return outcomes;
    }

    /** The entries one record booked, ledger A's first. Bound parameters: the id never becomes SQL. */
    public List<RecordTrace.Entry> entriesOf(String recordId) {
        List<RecordTrace.Entry> entries = new ArrayList<>(entriesOf("A", "PostgreSQL", ledgerA, recordId));
        entries.addAll(entriesOf("B", "MariaDB", ledgerB, recordId));
        return entries;
    }

    @SuppressWarnings("unchecked")
    private List<RecordTrace.Entry> entriesOf(String name, String engine, EntityManager ledger, String recordId) {
        List<Object[]> rows = read(name, engine, () -> query(ledger, """
                select account_id, amount, counterparty, applied_at, transaction_id
                from ledger_entry where record_id = ?1 order by id""").setParameter(1, recordId).getResultList());
        List<RecordTrace.Entry> entries = new ArrayList<>();
        for (Object[] row : rows) {
            entries.add(new RecordTrace.Entry(name, (String) row[0], amount(row[1]), (String) row[2], instant(row[3]),
                    (String) row[4]));
        }
        return entries;
    }

    /** Drivers hand timestamps back as whatever they prefer. */
    public static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof LocalDateTime time) {
            // MariaDB's DATETIME has no zone; Hibernate writes Instants to it in UTC.
            return time.toInstant(ZoneOffset.UTC);
        }
        return value == null ? null : Instant.parse(value.toString());
    }

    /** PostgreSQL's prepared transactions in ledger A's database, oldest first. */
    @SuppressWarnings("unchecked")
    public List<PreparedBranch> preparedInLedgerA() {
        List<Object[]> rows = read("A", "PostgreSQL", () -> query(ledgerA, """
                select gid, cast(extract(epoch from (now() - prepared)) as bigint)
                from pg_prepared_xacts where database = current_database() order by prepared""").getResultList());
        List<PreparedBranch> branches = new ArrayList<>();
        for (Object[] row : rows) {
            String gid = String.valueOf(row[0]);
            branches.add(Xids.branch(Xids.fromPostgresGid(gid), gid, count(row[1])));
        }
        return branches;
    }

    /** MariaDB's prepared branches (XA RECOVER lists them server-wide; MariaDB keeps no age). */
    @SuppressWarnings("unchecked")
    public List<PreparedBranch> preparedInLedgerB() {
        List<Object[]> rows = read("B", "MariaDB", () -> query(ledgerB, "XA RECOVER FORMAT='SQL'").getResultList());
        List<PreparedBranch> branches = new ArrayList<>();
        for (Object[] row : rows) {
            String data = String.valueOf(row[3]);
            branches.add(Xids.branch(Xids.fromMariaDbSql(data), data, null));
        }
        return branches;
    }

    private LedgerTotals totals(String name, String engine, EntityManager ledger) {
        Object[] row = read(name, engine, () -> (Object[]) query(ledger, TOTALS).getSingleResult());
        return totals(name, engine, row);
    }

    static LedgerTotals totals(String name, String engine, Object[] row) {
        return new LedgerTotals(name, engine, count(row[0]), amount(row[1]), amount(row[2]),
                count(row[4]), count(row[3]));
    }

    private static Query query(EntityManager ledger, String sql) {
        return ledger.createNativeQuery(sql).setHint("jakarta.persistence.query.timeout", QUERY_TIMEOUT_MILLIS);
    }

    private static <T> T read(String name, String engine, Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            // The dashboard polls every two seconds: one line per failed poll, the trace only on FINE.
            LOG.warning(() -> "ledger " + name + " (" + engine + ") unreachable: " + e);
            LOG.log(Level.FINE, "ledger " + name + " read failed", e);
            throw new LedgerUnreachableException(name, engine, e);
        }
    }

    /** Drivers and dialects disagree on the Java type of count(*) and sum(decimal). */
    static long count(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalArgumentException("not a count: " + value);
    }

    static BigDecimal amount(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        throw new IllegalArgumentException("not an exact amount: " + value);
    }
}

package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.LedgerTotals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
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

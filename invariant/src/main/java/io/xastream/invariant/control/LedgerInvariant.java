package io.xastream.invariant.control;

import io.xastream.invariant.entity.LedgerTotals;
import io.xastream.invariant.entity.OutcomeCounts;
import io.xastream.invariant.entity.Verification;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads both ledgers and the outcome table and checks the exactly-once invariant
 * ({@link Verification#violations()} lists the checks): the one implementation that the feeder's
 * verify command, the run, soak and benchmark commands and the dashboard all use.
 * <p>
 * Each ledger is read in one snapshot (repeatable read, read only), so its queries agree with each
 * other; the two ledgers are read one after the other, so while transfers commit a reading can fall
 * between the two phases of a commit: {@link #awaitHolds} reads again until the stream is quiet.
 */
public final class LedgerInvariant {

    /**
     * Where one ledger database is: {@code A} or {@code B}, as the readings name it, and a new
     * connection (or one from a pool) per reading.
     */
    public record LedgerSource(String name, Opener opener) {

        Connection open() throws SQLException {
            return opener.open();
        }
    }

    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    /** Counts the dead-lettered records (they have no outcome row); see {@code QueueInspector#browseCount}. */
    @FunctionalInterface
    public interface DeadLetterCount {
        long count() throws Exception;
    }

    private static final String TOTALS = """
            select count(*),
                   coalesce(sum(a.balance), 0),
                   coalesce(sum(a.opening_balance), 0),
                   coalesce(sum(case when a.balance < 0 then 1 else 0 end), 0),
                   coalesce(sum(case when a.balance - a.opening_balance <> coalesce(e.total, 0) then 1 else 0 end), 0)
              from account a
              left join (select account_id, sum(amount) as total from ledger_entry group by account_id) e
                on e.account_id = a.id""";
    private static final String ORPHANS = """
            select count(*) from ledger_entry e
             where not exists (select 1 from account a where a.id = e.account_id)""";
    private static final String ENTRIES_PER_RECORD =
            "select record_id, count(*), sum(amount) from ledger_entry group by record_id";
    private static final String OUTCOMES = "select outcome, count(*) from record_outcome group by outcome";
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final LedgerSource ledgerA;
    private final LedgerSource ledgerB;
    private final DeadLetterCount deadLetters;

    /**
     * @param ledgerA     PostgreSQL, the ledger that also keeps the outcomes
     * @param ledgerB     MariaDB
     * @param deadLetters null to not count dead letters (then a check against a sent count fails)
     */
    public LedgerInvariant(LedgerSource ledgerA, LedgerSource ledgerB, DeadLetterCount deadLetters) {
        this.ledgerA = ledgerA;
        this.ledgerB = ledgerB;
        this.deadLetters = deadLetters;
    }

    /** One reading; a ledger that cannot be read is named in the exception. */
    public Verification verify(OptionalLong expectedSent) throws LedgerReadException {
        Map<String, EntryTally> entriesPerRecord = new HashMap<>();
        LedgerReading a = read(ledgerA, entriesPerRecord, true);
        LedgerReading b = read(ledgerB, entriesPerRecord, false);
        long unbalanced = entriesPerRecord.values().stream()
                .filter(tally -> tally.count != 2 || tally.sum.signum() != 0)
                .count();

        OptionalLong deadLettered = OptionalLong.empty();
        String deadLetterProblem = null;
        if (deadLetters == null) {
            deadLetterProblem = "not asked to";
        } else {
            try {
                deadLettered = OptionalLong.of(deadLetters.count());
            } catch (Exception e) {
                deadLetterProblem = "broker unreachable: " + e;
            }
        }
        return new Verification(a.totals, b.totals, a.outcomes, entriesPerRecord.size(), unbalanced,
                deadLettered, deadLetterProblem, expectedSent);
    }

    /**
     * Reads until the invariant holds or {@code timeout} has passed, about once a second, and
     * returns the last reading. While the stream drains, counts lag behind and the two ledgers
     * may briefly disagree (the second phase of an XA commit reaches them one after the other);
     * a failing read (say, a database restarting) is retried too, and thrown if it is the last.
     *
     * @param eachReading told of every reading that does not hold yet
     */
    public Verification awaitHolds(OptionalLong expectedSent, Duration timeout, Consumer<Verification> eachReading)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Verification verification;
            try {
                verification = verify(expectedSent);
            } catch (SQLException e) {
                if (System.nanoTime() >= deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL.toMillis());
                continue;
            }
            boolean overshot = expectedSent.isPresent() && verification.accountedFor() > expectedSent.getAsLong();
            if (verification.holds() || overshot || System.nanoTime() >= deadline) {
                return verification;
            }
            eachReading.accept(verification);
            TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private record LedgerReading(LedgerTotals totals, OutcomeCounts outcomes) {
    }

    private static final class EntryTally {
        long count;
        BigDecimal sum = BigDecimal.ZERO;
    }

    /** @throws LedgerReadException naming the ledger that could not be read */
    private static LedgerReading read(LedgerSource source, Map<String, EntryTally> entriesPerRecord, boolean withOutcomes)
            throws LedgerReadException {
        try (Connection connection = source.open()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            boolean readOnly = connection.isReadOnly();
            // One snapshot for all queries of this ledger, so that they agree with each other.
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                return read(connection, source.name(), entriesPerRecord, withOutcomes);
            } finally {
                // A pooled connection goes back as it came.
                connection.setReadOnly(readOnly);
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            SQLException explained = MissingSchema.explain("ledger " + source.name(), e);
            throw new LedgerReadException(source.name(), explained);
        }
    }

    private static LedgerReading read(Connection connection, String ledger, Map<String, EntryTally> entriesPerRecord,
                                      boolean withOutcomes) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            LedgerTotals totals;
            long entries = 0;
            try (ResultSet rows = statement.executeQuery(ENTRIES_PER_RECORD)) {
                while (rows.next()) {
                    EntryTally tally = entriesPerRecord.computeIfAbsent(rows.getString(1), id -> new EntryTally());
                    long count = rows.getLong(2);
                    tally.count += count;
                    tally.sum = tally.sum.add(rows.getBigDecimal(3));
                    entries += count;
                }
            }
            long orphans;
            try (ResultSet rows = statement.executeQuery(ORPHANS)) {
                rows.next();
                orphans = rows.getLong(1);
            }
            try (ResultSet rows = statement.executeQuery(TOTALS)) {
                rows.next();
                totals = new LedgerTotals(ledger, rows.getLong(1),
                        rows.getBigDecimal(2).setScale(2), rows.getBigDecimal(3).setScale(2),
                        rows.getLong(4), rows.getLong(5), orphans, entries);
            }
            OutcomeCounts outcomes = withOutcomes ? outcomes(statement) : null;
            connection.commit();
            return new LedgerReading(totals, outcomes);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private static OutcomeCounts outcomes(Statement statement) throws SQLException {
        long settled = 0;
        long rejected = 0;
        long duplicates = 0;
        try (ResultSet rows = statement.executeQuery(OUTCOMES)) {
            while (rows.next()) {
                switch (rows.getString(1)) {
                    case "SETTLED" -> settled = rows.getLong(2);
                    case "REJECTED" -> rejected = rows.getLong(2);
                    case "DUPLICATE" -> duplicates = rows.getLong(2);
                    default -> { } // an outcome this tool does not know: not counted
                }
            }
        }
        return new OutcomeCounts(settled, rejected, duplicates);
    }
}

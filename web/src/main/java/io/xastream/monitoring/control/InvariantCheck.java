package io.xastream.monitoring.control;

import io.xastream.invariant.control.LedgerInvariant;
import io.xastream.invariant.control.LedgerReadException;
import io.xastream.invariant.entity.Verification;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The exactly-once invariant as the dashboard shows it: the same checks as the feeder's verify
 * command ({@link LedgerInvariant}), over the server's own ledger datasources.
 * <p>
 * A reading groups every ledger entry by record, so its cost grows with the ledgers. It is taken
 * again only when the last one is older than ten times what that one took (and at least a second),
 * so the dashboard's polls, however many, keep the databases busy for at most a tenth of the time;
 * on small ledgers that is every poll. Outside a transaction, as {@link LedgerReader}: each ledger is
 * read in a snapshot of its own, and nothing is enlisted.
 */
@ApplicationScoped
@Transactional(TxType.NOT_SUPPORTED)
public class InvariantCheck {

    private static final Logger LOG = Logger.getLogger(InvariantCheck.class.getName());
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final int COST_SHARE = 10;

    @Resource(lookup = "java:jboss/datasources/ledgerA")
    DataSource ledgerA;

    @Resource(lookup = "java:jboss/datasources/ledgerB")
    DataSource ledgerB;

    private LedgerInvariant invariant;
    private Reading last;

    /** One reading of the invariant, when it was taken and how long it took. */
    public record Reading(Verification verification, Instant checkedAt, Duration took) {
    }

    @PostConstruct
    void connect() {
        invariant = new LedgerInvariant(new LedgerInvariant.LedgerSource("A", ledgerA::getConnection),
                new LedgerInvariant.LedgerSource("B", ledgerB::getConnection), null);
    }

    /** @throws LedgerUnreachableException naming the ledger that could not be read */
    public synchronized Reading latest() {
        Instant now = Instant.now();
        if (last != null && now.isBefore(last.checkedAt().plus(interval(last.took())))) {
            return last;
        }
        long started = System.nanoTime();
        try {
            Verification verification = invariant.verify(OptionalLong.empty());
            last = new Reading(verification, now, Duration.ofNanos(System.nanoTime() - started));
            return last;
        } catch (LedgerReadException e) {
            String engine = e.ledger().equals("A") ? "PostgreSQL" : "MariaDB";
            LOG.warning(() -> "ledger " + e.ledger() + " (" + engine + ") unreachable: " + e.getMessage());
            LOG.log(Level.FINE, "invariant reading failed", e);
            throw new LedgerUnreachableException(e.ledger(), engine, e);
        }
    }

    static Duration interval(Duration took) {
        Duration share = took.multipliedBy(COST_SHARE);
        return share.compareTo(MIN_INTERVAL) > 0 ? share : MIN_INTERVAL;
    }
}

package io.xastream.monitoring.control;

import io.xastream.broker.ManagementAttributes;
import io.xastream.monitoring.entity.TransactionCounts;
import jakarta.enterprise.context.ApplicationScoped;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** Narayana's statistics, as /subsystem=transactions exposes them (statistics-enabled=true). */
@ApplicationScoped
public class TransactionStatistics {

    static final ObjectName TRANSACTIONS = ManagementAttributes.objectName("jboss.as:subsystem=transactions");

    private static final Logger LOG = Logger.getLogger(TransactionStatistics.class.getName());

    private final ManagementAttributes attributes;

    public TransactionStatistics() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    TransactionStatistics(MBeanServer server) {
        this.attributes = new ManagementAttributes(server);
    }

    /** Empty when the subsystem cannot be read: the counters are a nice-to-have next to the ledgers. */
    public Optional<TransactionCounts> read() {
        try {
            Map<String, Long> v = attributes.longs(TRANSACTIONS,
                    "numberOfTransactions", "numberOfCommittedTransactions", "numberOfAbortedTransactions",
                    "numberOfApplicationRollbacks", "numberOfResourceRollbacks", "numberOfSystemRollbacks",
                    "numberOfHeuristics", "numberOfInflightTransactions", "numberOfTimedOutTransactions",
                    "averageCommitTime");
            return Optional.of(new TransactionCounts(
                    v.get("numberOfTransactions"),
                    v.get("numberOfCommittedTransactions"),
                    v.get("numberOfAbortedTransactions"),
                    v.get("numberOfApplicationRollbacks"),
                    v.get("numberOfResourceRollbacks"),
                    v.get("numberOfSystemRollbacks"),
                    v.get("numberOfHeuristics"),
                    v.get("numberOfInflightTransactions"),
                    v.get("numberOfTimedOutTransactions"),
                    v.get("averageCommitTime")));
        } catch (JMException | RuntimeException e) {
            LOG.warning(() -> "transaction statistics unreadable: " + e);
            return Optional.empty();
        }
    }
}

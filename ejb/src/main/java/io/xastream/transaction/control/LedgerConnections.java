package io.xastream.transaction.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection to each ledger in the running transaction, handed out by its datasource once per
 * transaction and closed when the transaction has ended. The set-based stages run a dozen
 * statements an epoch; going through a persistence context would acquire and release the pooled
 * connection around each of them. Within one JTA transaction the datasource hands every caller,
 * this class and the persistence unit of the same ledger alike, the same enlisted connection, so
 * all of it is one XA branch per ledger.
 * <p>
 * The datasources are those of the persistence units: {@code xastream.ledgerA.datasource} and
 * {@code xastream.ledgerB.datasource}, by default the XA datasources of server-config.
 */
@ApplicationScoped
public class LedgerConnections {

    /** What to do on a ledger's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    @Resource
    TransactionSynchronizationRegistry registry;

    /** Each ledger's key in the transaction's resources. */
    private static final Map<String, String> KEYS = Map.of("A", LedgerConnections.class.getName() + ".A",
            "B", LedgerConnections.class.getName() + ".B");

    private final Map<String, DataSource> dataSources = new ConcurrentHashMap<>();

    /** Runs the work on ledger "A" or "B"'s connection in the running transaction. */
    public <T> T on(String ledger, Work<T> work) {
        try {
            return work.on(connection(ledger));
        } catch (SQLException e) {
            throw new LedgerFailure(ledger, e);
        }
    }

    private Connection connection(String ledger) throws SQLException {
        String key = KEYS.get(ledger);
        if (key == null) {
            throw new IllegalArgumentException("no ledger " + ledger + " (ledgers are A and B)");
        }
        Connection connection = (Connection) registry.getResource(key);
        if (connection == null) {
            if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
                throw new IllegalStateException("ledger " + ledger + " is written only inside an active transaction");
            }
            Connection opened = dataSource(ledger).getConnection();
            registry.putResource(key, opened);
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    try {
                        opened.close();
                    } catch (SQLException e) {
                        // the pool has its own account of a broken connection
                    }
                }
            });
            connection = opened;
        }
        return connection;
    }

    private DataSource dataSource(String ledger) {
        return dataSources.computeIfAbsent(ledger, name -> {
            String jndiName = System.getProperty("xastream.ledger" + name + ".datasource", "java:jboss/datasources/ledger" + name);
            try {
                return (DataSource) new InitialContext().lookup(jndiName);
            } catch (NamingException e) {
                throw new IllegalStateException("no datasource " + jndiName + " for ledger " + name, e);
            }
        });
    }

    /** A statement on a ledger failed; the transaction it ran in must roll back. */
    public static final class LedgerFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LedgerFailure(String ledger, SQLException cause) {
            super("ledger " + ledger + ": " + cause.getMessage(), cause);
        }
    }
}

package io.xastream.ledger.boundary;

import io.xastream.schema.LedgerSchema;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

import javax.sql.DataSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings both ledgers' tables to this version's schema (versioned migrations, module schema) when
 * the application starts, before it takes traffic: the container delivers no message to a
 * message-driven bean of this module before its start-up singletons have started, and the epoch
 * consumers depend on this bean. A ledger that does not answer is waited for
 * ({@code xastream.schema.connect-wait}, seconds, default 240: inside WildFly's deployment timeout
 * of 300 s); after that, or when a migration fails, the deployment fails with the reason, rather
 * than running on tables it does not know.
 * <p>
 * Over the plain (non-XA) datasources and outside any transaction: Flyway commits each migration
 * itself, and PostgreSQL runs each one in a transaction of its own.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
    private static final int CONNECT_WAIT_SECONDS = Integer.getInteger("xastream.schema.connect-wait", 240);

    @Resource(lookup = "java:jboss/datasources/ledgerALocal")
    DataSource ledgerA;

    @Resource(lookup = "java:jboss/datasources/ledgerBLocal")
    DataSource ledgerB;

    @PostConstruct
    void migrate() {
        migrate(LedgerSchema.A, ledgerA);
        migrate(LedgerSchema.B, ledgerB);
    }

    private static void migrate(LedgerSchema ledger, DataSource database) {
        try {
            LOG.info(ledger.migrate(database, CONNECT_WAIT_SECONDS).describe());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ledger " + ledger + ": the schema could not be brought to this version; the application will not start: " + e, e);
            throw e;
        }
    }
}

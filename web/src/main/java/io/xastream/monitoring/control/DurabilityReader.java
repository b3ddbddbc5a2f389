package io.xastream.monitoring.control;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import io.xastream.broker.BrokerControl;
import io.xastream.monitoring.entity.Durability;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import javax.management.JMException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Asks each engine whether it flushes every commit to disk: PostgreSQL ({@code fsync},
 * {@code synchronous_commit}, {@code full_page_writes}), MariaDB ({@code innodb_flush_log_at_trx_commit},
 * {@code sync_binlog} where the binary log is on), the Artemis broker (persistence and journal sync)
 * and Narayana's log store (the file store's or the journal store's syncs). Read once and kept: these settings
 * change only with a restart. An engine that cannot be read counts as not durable and is read
 * again next time.
 */
@ApplicationScoped
public class DurabilityReader {

    private static final Logger LOG = Logger.getLogger(DurabilityReader.class.getName());
    /** The transactions subsystem's use-journal-store: its own sync settings apply, not the file store's. */
    static final String JOURNAL_STORE = "com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqObjectStoreAdaptor";
    private static final Set<String> FILE_STORES = Set.of("ShadowNoFileLockStore", "ShadowingStore", "HashedStore", "FileSystemStore")
            .stream().map(store -> "com.arjuna.ats.internal.arjuna.objectstore." + store).collect(Collectors.toUnmodifiableSet());

    @PersistenceContext(unitName = "ledgerA")
    EntityManager ledgerA;

    @PersistenceContext(unitName = "ledgerB")
    EntityManager ledgerB;

    @Inject
    BrokerControl broker;
    private volatile Durability known;

    public Durability read() {
        Durability current = known;
        if (current != null) {
            return current;
        }
        current = Durability.of(List.of(postgres(), mariaDb(), broker(), transactionLog()));
        if (current.engines().stream().noneMatch(engine -> engine.settings().isEmpty())) {
            known = current;
        }
        return current;
    }

    private Durability.Engine postgres() {
        try {
            Object[] row = (Object[]) ledgerA.createNativeQuery("select current_setting('fsync'), current_setting('synchronous_commit'),"
                    + " current_setting('full_page_writes'), current_setting('server_version')").getSingleResult();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("fsync", String.valueOf(row[0]));
            settings.put("synchronous_commit", String.valueOf(row[1]));
            settings.put("full_page_writes", String.valueOf(row[2]));
            return new Durability.Engine("ledger A (PostgreSQL)", String.valueOf(row[3]), settings, postgresDurable(settings));
        } catch (RuntimeException e) { // PersistenceException, or a driver error underneath
            return unreadable("ledger A (PostgreSQL)", e);
        }
    }

    /** Without standbys, every synchronous_commit but off waits for the local flush. */
    static boolean postgresDurable(Map<String, String> settings) {
        return "on".equals(settings.get("fsync")) && !"off".equals(settings.get("synchronous_commit"))
                && "on".equals(settings.get("full_page_writes"));
    }

    private Durability.Engine mariaDb() {
        try {
            Object[] row = (Object[]) ledgerB.createNativeQuery("select @@innodb_flush_log_at_trx_commit, @@log_bin, @@sync_binlog, @@version")
                    .getSingleResult();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("innodb_flush_log_at_trx_commit", String.valueOf(row[0]));
            settings.put("log_bin", String.valueOf(row[1]));
            settings.put("sync_binlog", String.valueOf(row[2]));
            return new Durability.Engine("ledger B (MariaDB)", String.valueOf(row[3]), settings, mariaDbDurable(settings));
        } catch (RuntimeException e) { // PersistenceException, or a driver error underneath
            return unreadable("ledger B (MariaDB)", e);
        }
    }

    static boolean mariaDbDurable(Map<String, String> settings) {
        boolean binaryLog = "1".equals(settings.get("log_bin")) || "ON".equalsIgnoreCase(settings.get("log_bin"));
        return "1".equals(settings.get("innodb_flush_log_at_trx_commit")) && (!binaryLog || "1".equals(settings.get("sync_binlog")));
    }

    private Durability.Engine broker() {
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String attribute : List.of("persistenceEnabled", "journalSyncTransactional", "journalSyncNonTransactional", "journalType")) {
                settings.put(attribute, broker.brokerAttribute(attribute));
            }
            return new Durability.Engine("broker (Artemis)", brokerVersion(), settings, brokerDurable(settings));
        } catch (JMException | RuntimeException e) {
            return unreadable("broker (Artemis)", e);
        }
    }

    private String brokerVersion() {
        try {
            return broker.brokerAttribute("version");
        } catch (JMException | RuntimeException e) {
            return null;
        }
    }

    static boolean brokerDurable(Map<String, String> settings) {
        return "true".equals(settings.get("persistenceEnabled")) && "true".equals(settings.get("journalSyncTransactional"))
                && "true".equals(settings.get("journalSyncNonTransactional"));
    }

    private Durability.Engine transactionLog() {
        try {
            ObjectStoreEnvironmentBean store = arjPropertyManager.getObjectStoreEnvironmentBean();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("objectStoreSync", String.valueOf(store.isObjectStoreSync()));
            settings.put("transactionSync", String.valueOf(store.isTransactionSync()));
            settings.put("objectStoreType", String.valueOf(store.getObjectStoreType()));
            if (String.valueOf(store.getObjectStoreType()).equals(JOURNAL_STORE)) {
                HornetqJournalEnvironmentBean journal = BeanPopulator.getDefaultInstance(HornetqJournalEnvironmentBean.class);
                settings.put("journalSyncWrites", String.valueOf(journal.isSyncWrites()));
                settings.put("journalSyncDeletes", String.valueOf(journal.isSyncDeletes()));
            }
            return new Durability.Engine("transaction log (Narayana)", null, settings, transactionLogDurable(settings));
        } catch (RuntimeException | LinkageError e) {
            return unreadable("transaction log (Narayana)", e);
        }
    }

    /**
     * The file stores honour objectStoreSync, the journal store its own syncs; any other store (volatile,
     * cached, JDBC) is not one whose flushing is read here, so it does not count as durable.
     */
    static boolean transactionLogDurable(Map<String, String> settings) {
        String type = settings.getOrDefault("objectStoreType", "");
        if (type.equals(JOURNAL_STORE)) {
            return "true".equals(settings.get("journalSyncWrites")) && "true".equals(settings.get("journalSyncDeletes"));
        }
        return FILE_STORES.contains(type) && "true".equals(settings.get("objectStoreSync"))
                && "true".equals(settings.get("transactionSync"));
    }

    private static Durability.Engine unreadable(String name, Throwable e) {
        LOG.warning(() -> name + ": durability settings unreadable: " + e);
        return new Durability.Engine(name, null, Map.of(), false);
    }
}

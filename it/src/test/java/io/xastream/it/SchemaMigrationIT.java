package io.xastream.it;

import io.xastream.schema.LedgerSchema;
import io.xastream.schema.LedgerSchema.Migrated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledgers' versioned migrations on the run's real engines, no server: a database an earlier
 * xastream created (through Hibernate, test resources schema/earlier-ledger-*.sql) is brought to
 * the newest version with its rows, ends with the same tables, columns, indexes and constraints as
 * an empty database migrated from scratch, and takes what the earlier one refused.
 */
@ExtendWith(LedgerStack.class)
class SchemaMigrationIT {

    private static final String REJECTED_TOO_LARGE = "insert into record_outcome (record_id, outcome, reason, delivery_attempt, recorded_at)"
            + " values ('t-3', 'REJECTED', 'TOO_LARGE', 1, current_timestamp)";

    @Test
    void anEarlierDatabaseIsMigratedWithItsRowsToTheSameSchemaAsAnEmptyOne() throws Exception {
        try (ThrowawayDatabase earlierA = ThrowawayDatabase.create(LedgerStack.ledgerA(), "schema_earlier");
             ThrowawayDatabase earlierB = ThrowawayDatabase.create(LedgerStack.ledgerB(), "schema_earlier");
             ThrowawayDatabase emptyA = ThrowawayDatabase.create(LedgerStack.ledgerA(), "schema_empty");
             ThrowawayDatabase emptyB = ThrowawayDatabase.create(LedgerStack.ledgerB(), "schema_empty")) {
            execute(earlierA, script("schema/earlier-ledger-a.sql"));
            execute(earlierB, script("schema/earlier-ledger-b.sql"));
            SQLException refused = assertThrows(SQLException.class, () -> execute(earlierA, List.of(REJECTED_TOO_LARGE)),
                    "the earlier check constraint knows only the reason codes of its time");
            assertTrue(refused.getMessage().contains("record_outcome_reason_check"), refused.getMessage());

            Migrated a = migrate(LedgerSchema.A, earlierA);
            Migrated b = migrate(LedgerSchema.B, earlierB);
            assertEquals(new Migrated("A", "0", "4", 4), a, a.describe());
            assertEquals(new Migrated("B", "0", "1", 1), b, b.describe());

            assertEquals(Map.of("A-0001", new BigDecimal("90.00"), "A-0002", new BigDecimal("100.00")), balances(earlierA));
            assertEquals(Map.of("B-0001", new BigDecimal("110.00")), balances(earlierB));
            assertEquals(List.of("t-1 SETTLED false", "t-2 REJECTED false"),
                    rows(earlierA, "select record_id || ' ' || outcome || ' ' || chained from record_outcome order by id"),
                    "rows from before version 3 were not handed on in a chain");
            assertEquals(List.of("t-1 -10.00 null"), rows(earlierA, "select record_id || ' ' || amount || ' ' || coalesce(transaction_id, 'null') from ledger_entry"));
            assertEquals(List.of("t-1 10.00 null"), rows(earlierB, "select concat(record_id, ' ', amount, ' ', coalesce(transaction_id, 'null')) from ledger_entry"));
            execute(earlierA, List.of(REJECTED_TOO_LARGE));

            Migrated fromEmptyA = migrate(LedgerSchema.A, emptyA);
            Migrated fromEmptyB = migrate(LedgerSchema.B, emptyB);
            assertNull(fromEmptyA.from());
            assertEquals("4", fromEmptyA.to());
            assertEquals("1", fromEmptyB.to());
            List<String> catalogA = postgresCatalog(earlierA);
            assertEquals(postgresCatalog(emptyA), catalogA);
            assertEquals(mariadbCatalog(emptyB), mariadbCatalog(earlierB));
            assertTrue(catalogA.stream().anyMatch(row -> row.startsWith("column stage_claim.record_id "))
                            && catalogA.stream().anyMatch(row -> row.startsWith("column cluster_node.node_id ")),
                    "the tables the earlier version lacked are there: " + catalogA);
        }
    }

    @Test
    void aMigratedDatabaseIsLeftAlone() throws Exception {
        try (ThrowawayDatabase databaseA = ThrowawayDatabase.create(LedgerStack.ledgerA(), "schema_again");
             ThrowawayDatabase databaseB = ThrowawayDatabase.create(LedgerStack.ledgerB(), "schema_again")) {
            migrate(LedgerSchema.A, databaseA);
            migrate(LedgerSchema.B, databaseB);
            List<String> catalogA = postgresCatalog(databaseA);
            List<String> catalogB = mariadbCatalog(databaseB);

            assertEquals(new Migrated("A", "4", "4", 0), migrate(LedgerSchema.A, databaseA));
            assertEquals(new Migrated("B", "1", "1", 0), migrate(LedgerSchema.B, databaseB));
            assertEquals(catalogA, postgresCatalog(databaseA));
            assertEquals(catalogB, mariadbCatalog(databaseB));
        }
    }

    /**
     * The nodes of a cluster start at once on a new database: each ledger migrated by four servers at
     * the same moment ends at the newest version, each migration run once, and no server fails (Flyway
     * creates its history table outside its lock, so the later ones retry: LedgerSchema.migrate).
     */
    private static final int SERVERS = 4;

    @Test
    void serversMigratingANewDatabaseAtOnceAllStart() throws Exception {
        try (ThrowawayDatabase databaseA = ThrowawayDatabase.create(LedgerStack.ledgerA(), "schema_race");
             ThrowawayDatabase databaseB = ThrowawayDatabase.create(LedgerStack.ledgerB(), "schema_race")) {
            ExecutorService servers = Executors.newFixedThreadPool(2 * SERVERS);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Migrated>> a = new ArrayList<>();
                List<Future<Migrated>> b = new ArrayList<>();
                for (int server = 0; server < SERVERS; server++) {
                    a.add(servers.submit(() -> {
                        go.await();
                        return migrate(LedgerSchema.A, databaseA);
                    }));
                    b.add(servers.submit(() -> {
                        go.await();
                        return migrate(LedgerSchema.B, databaseB);
                    }));
                }
                go.countDown();
                int appliedA = 0;
                int appliedB = 0;
                for (int server = 0; server < SERVERS; server++) {
                    Migrated fromA = a.get(server).get(2, TimeUnit.MINUTES);
                    Migrated fromB = b.get(server).get(2, TimeUnit.MINUTES);
                    assertEquals("4", fromA.to(), fromA.describe());
                    assertEquals("1", fromB.to(), fromB.describe());
                    appliedA += fromA.applied();
                    appliedB += fromB.applied();
                }
                assertEquals(4, appliedA, "each migration of ledger A ran once");
                assertEquals(1, appliedB, "each migration of ledger B ran once");
            } finally {
                servers.shutdownNow();
            }
        }
    }

    private static Migrated migrate(LedgerSchema ledger, ThrowawayDatabase database) {
        return ledger.migrate(database.url(), database.user(), database.password());
    }

    /** Every column, index and constraint of the ledger's tables (not Flyway's), in a stable order. */
    private static List<String> postgresCatalog(ThrowawayDatabase database) throws SQLException {
        List<String> catalog = new ArrayList<>(rows(database, """
                select 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '')
                       || ' ' || coalesce(numeric_precision::text, '') || ',' || coalesce(numeric_scale::text, '') || ' '
                       || coalesce(datetime_precision::text, '') || ' nullable ' || is_nullable || ' identity ' || is_identity
                  from information_schema.columns
                 where table_schema = current_schema() and table_name <> 'flyway_schema_history'"""));
        catalog.addAll(rows(database, """
                select 'index ' || indexname || ' ' || indexdef from pg_indexes
                 where schemaname = current_schema() and tablename <> 'flyway_schema_history'"""));
        catalog.addAll(rows(database, """
                select 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
                 where connamespace = current_schema()::regnamespace and conrelid::regclass::text <> 'flyway_schema_history'"""));
        catalog.sort(null);
        return catalog;
    }

    private static List<String> mariadbCatalog(ThrowawayDatabase database) throws SQLException {
        List<String> catalog = new ArrayList<>(rows(database, """
                select concat('column ', table_name, '.', column_name, ' ', column_type, ' nullable ', is_nullable, ' ', extra)
                  from information_schema.columns where table_schema = database() and table_name <> 'flyway_schema_history'"""));
        catalog.addAll(rows(database, """
                select concat('index ', table_name, '.', index_name, ' unique ', 1 - non_unique, ' ', seq_in_index, ' ', column_name)
                  from information_schema.statistics where table_schema = database() and table_name <> 'flyway_schema_history'"""));
        catalog.addAll(rows(database, """
                select concat('table ', table_name, ' ', engine) from information_schema.tables
                 where table_schema = database() and table_name <> 'flyway_schema_history'"""));
        catalog.sort(null);
        return catalog;
    }

    private static Map<String, BigDecimal> balances(ThrowawayDatabase database) throws SQLException {
        Map<String, BigDecimal> balances = new TreeMap<>();
        try (Connection connection = database.open();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select id, balance from account")) {
            while (rows.next()) {
                balances.put(rows.getString(1), rows.getBigDecimal(2));
            }
        }
        return balances;
    }

    private static List<String> rows(ThrowawayDatabase database, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.open();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static void execute(ThrowawayDatabase database, List<String> statements) throws SQLException {
        try (Connection connection = database.open();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The statements of a test resource: comments dropped, split at each ";". */
    private static List<String> script(String resource) throws IOException {
        try (InputStream in = SchemaMigrationIT.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return List.of(text.split(";")).stream().map(String::strip).filter(sql -> !sql.isEmpty()).toList();
        }
    }
}

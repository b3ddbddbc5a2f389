package io.xastream.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;

import javax.sql.DataSource;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The tables of one ledger, as versioned migrations ({@code V<n>__<what>.sql} beside this class,
 * one folder per ledger), applied by Flyway: by the server before it takes traffic, and by the
 * tests that need the real schema. A database without Flyway's history table that already holds
 * tables (one an earlier xastream created through Hibernate's schema update, or one shared with
 * other tables) is taken as version 0 and migrated from there; every migration is written to run
 * on such a database as well as on an empty one.
 * <p>
 * The migrations are listed here by name rather than found by scanning the class path: WildFly
 * serves the class path from a virtual file system that Flyway's scanner does not read
 * (flyway/flyway#3667), and a list costs nothing at boot. {@code LedgerSchemaTest} checks that the
 * list and the folder agree.
 */
public enum LedgerSchema {

    /** Ledger A, PostgreSQL: accounts, entries, outcomes, the stages' state and the audit log. */
    A("ledger-a", "V1__tables.sql", "V2__reason_codes.sql", "V3__chained_outcome.sql", "V4__cluster_nodes.sql"),
    /** Ledger B, MariaDB: accounts and entries. */
    B("ledger-b", "V1__tables.sql");

    private final String folder;
    private final List<String> migrations;

    LedgerSchema(String folder, String... migrations) {
        this.folder = folder;
        this.migrations = List.of(migrations);
    }

    /** The folder of this ledger's migrations, relative to this class's package. */
    public String folder() {
        return folder;
    }

    /** The file names of this ledger's migrations, oldest first. */
    public List<String> migrations() {
        return migrations;
    }

    /** The text of one of this ledger's migrations, from the class path (null if it is not there). */
    public InputStream open(String migration) {
        return LedgerSchema.class.getResourceAsStream(folder + "/" + migration);
    }

    /** Attempts at migrating before a failure counts: see {@link #migrate(FluentConfiguration)}. */
    static final int ATTEMPTS = 4;

    /** Brings the ledger's database to the newest version, waiting up to {@code connectRetries} seconds for it to answer. */
    public Migrated migrate(DataSource database, int connectRetries) {
        return migrate(flyway().dataSource(database).connectRetries(connectRetries).connectRetriesInterval(1));
    }

    /** As {@link #migrate(DataSource, int)}, over a connection of its own (the JDBC driver on the class path), without waiting. */
    public Migrated migrate(String url, String user, String password) {
        return migrate(flyway().dataSource(url, user, password));
    }

    private FluentConfiguration flyway() {
        return Flyway.configure(LedgerSchema.class.getClassLoader())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("tables of an earlier xastream, before versioned migrations")
                .resourceProvider(new Listed())
                .javaMigrationClassProvider(List::of)
                .skipDefaultCallbacks(true);
    }

    /**
     * Flyway locks the history table while it migrates, but not while it creates that table: two
     * servers starting at once on an empty database (the nodes of a cluster) both create it, and the
     * later one fails on finding it there and still empty. The winner is done within moments and the
     * migrations are idempotent, so a failed attempt is tried again, a few times, before it counts.
     */
    private Migrated migrate(FluentConfiguration configuration) {
        for (int attempt = 1; ; attempt++) {
            try {
                Flyway flyway = configuration.load();
                MigrateResult result = flyway.migrate();
                return new Migrated(name(), result.initialSchemaVersion, current(flyway, result), result.migrationsExecuted);
            } catch (FlywayException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(attempt * 1_000L);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * The version the database is at now. Not the result's target version: Flyway takes its lock
     * for one migration at a time, so of servers migrating at once each may apply a few, and the
     * last one a server applied need not be the newest.
     */
    private static String current(Flyway flyway, MigrateResult result) {
        MigrationInfo current = flyway.info().current();
        if (current != null && current.getVersion() != null) {
            return current.getVersion().getVersion();
        }
        return result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion;
    }

    /**
     * What a migration did.
     *
     * @param from    the version found: null for an empty database, "0" for tables without history
     * @param to      the version now
     * @param applied how many migrations ran
     */
    public record Migrated(String ledger, String from, String to, int applied) {

        public String describe() {
            if (applied == 0) {
                return "ledger " + ledger + ": schema version " + from + ", up to date";
            }
            return "ledger " + ledger + ": schema migrated from " + (from == null ? "an empty database" : "version " + from)
                    + " to version " + to + " (" + applied + (applied == 1 ? " migration)" : " migrations)");
        }
    }

    /** This ledger's migrations, read from the class path by name. */
    private final class Listed implements ResourceProvider {

        @Override
        public LoadableResource getResource(String name) {
            return migrations.contains(name) ? new Migration(name) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return migrations.stream()
                    .filter(name -> name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith))
                    .<LoadableResource>map(Migration::new).toList();
        }
    }

    private final class Migration extends LoadableResource {

        private final String name;

        Migration(String name) {
            this.name = name;
        }

        private String path() {
            return folder + "/" + name;
        }

        @Override
        public Reader read() {
            InputStream in = open(name);
            if (in == null) {
                throw new UncheckedIOException(new FileNotFoundException("migration " + path() + " is not on the class path"));
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return LedgerSchema.class.getPackageName().replace('.', '/') + "/" + path();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return path();
        }
    }
}

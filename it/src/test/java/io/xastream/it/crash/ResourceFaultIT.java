package io.xastream.it.crash;

import io.xastream.harness.LedgerConnection;
import io.xastream.harness.WildFlyServer;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.LedgerStack;
import io.xastream.it.Transfers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database fails under the running stream (stopped for longer than a record's delivery attempts
 * last, or every connection killed): the records caught in it roll back and are redelivered, and
 * once the database is back the stream goes on by itself: every transfer applied exactly once,
 * nothing dead-lettered, nothing left in doubt. The server keeps the default 5 attempts (pauses of
 * 0.5, 1.5, 4.5 and 10 s, 16.5 s in all); each database stays down {@link #DOWN}, longer than that:
 * a failure because a database is away is not the record's own and spends none of its attempts.
 * One server serves the four cases, each with its own records and accounts.
 */
@ExtendWith(LedgerStack.class)
class ResourceFaultIT {

    private static final int TRANSFERS = 600;
    private static final int PORT_OFFSET = WildFlyServer.freePortOffset();
    private static final BigDecimal OPENING = new BigDecimal("10000.00");
    private static final Duration STREAM_LIMIT = Duration.ofSeconds(120);
    private static final Duration IN_DOUBT_LIMIT = Duration.ofSeconds(60);
    /** How long a restarted database stays down: longer than the 16.5 s of pauses 5 attempts take. */
    private static final Duration DOWN = Duration.ofSeconds(25);
    private static final Map<Fault, String> RESULTS = new LinkedHashMap<>();
    private static WildFlyServer server;

    enum Fault {
        POSTGRES_RESTARTED("PostgreSQL (ledger A) stopped, started " + DOWN.toSeconds() + " s later"),
        MARIADB_RESTARTED("MariaDB (ledger B) stopped, started " + DOWN.toSeconds() + " s later"),
        POSTGRES_CONNECTIONS_KILLED("every ledger A connection killed (pg_terminate_backend), 5 times"),
        MARIADB_CONNECTIONS_KILLED("every ledger B connection killed (KILL), 5 times");

        final String description;

        Fault(String description) {
            this.description = description;
        }

        /** Injects the fault; returns how many server connections it killed (0 for restarts). */
        int inject() throws Exception {
            return switch (this) {
                case POSTGRES_RESTARTED -> {
                    LedgerStack.engines().restartLedgerA(DOWN);
                    yield 0;
                }
                case MARIADB_RESTARTED -> {
                    LedgerStack.engines().restartLedgerB(DOWN);
                    yield 0;
                }
                case POSTGRES_CONNECTIONS_KILLED -> killRepeatedly(LedgerStack.ledgerA(),
                        "SELECT pid FROM pg_stat_activity WHERE usename = current_user"
                                + " AND datname = current_database() AND pid <> pg_backend_pid()",
                        "SELECT pg_terminate_backend(%s)");
                case MARIADB_CONNECTIONS_KILLED -> killRepeatedly(LedgerStack.ledgerB(),
                        "SELECT id FROM information_schema.processlist WHERE user = 'xastream' AND id <> CONNECTION_ID()",
                        "KILL CONNECTION %s");
            };
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        // The default delivery attempts: an outage must not spend them.
        Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());
        server = OwnServer.start(Path.of(System.getProperty("xastream.it.dir"), "resource-faults"), PORT_OFFSET, properties);
        server.awaitApplication(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopServerAndWriteResults() throws Exception {
        if (server != null) {
            server.close();
        }
        StringBuilder table = new StringBuilder("| fault | records before the fault | connections killed | fault lasted | stream done, after the fault | nothing in doubt, after the fault | records checked | dead letters | violations |\n|---|---|---|---|---|---|---|---|---|\n");
        RESULTS.values().forEach(row -> table.append(row).append('\n'));
        Files.writeString(Path.of(System.getProperty("xastream.it.dir"), "resource-fault-results.md"), table);
        System.out.println(table);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void theStreamGoesOnOnceTheDatabaseIsBack(Fault fault) throws Exception {
        String tag = "R" + fault.ordinal();
        String prefix = "r" + fault.ordinal() + "-";
        List<String> a = Transfers.accounts("A", tag, 20);
        List<String> b = Transfers.accounts("B", tag, 20);
        Books.seed(a, OPENING);
        Books.seed(b, OPENING);
        List<Map.Entry<String, String>> records = Transfers.generate(prefix, TRANSFERS, a, b, 40 + fault.ordinal());
        // A third of the stream first, the rest while the fault strikes: sent all at once, the stream
        // was done before the fault on a fast machine (600 records applied within a poll).
        int head = TRANSFERS / 3;
        try (Broker broker = new Broker(server.httpPort())) {
            broker.send(records.subList(0, head));
        }
        // Strike mid-stream: some records applied, the others in flight or still to come.
        long before = Books.awaitOutcomes(prefix, 100, Duration.ofSeconds(60));
        assertTrue(before >= 100 && before < TRANSFERS, "not mid-stream: " + before + " records applied");

        ExecutorService feeder = Executors.newSingleThreadExecutor();
        Future<?> feeding = feeder.submit(() -> {
            try (Broker broker = new Broker(server.httpPort())) {
                broker.send(records.subList(head, TRANSFERS));
            }
            return null;
        });
        feeder.shutdown();
        long faultStarted = System.nanoTime();
        int killed = fault.inject();
        long faultEnded = System.nanoTime();
        feeding.get(STREAM_LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(TRANSFERS, Books.awaitOutcomes(prefix, TRANSFERS, STREAM_LIMIT), "records applied after " + fault);
        long streamDone = System.nanoTime();

        InDoubt inDoubt = InDoubt.read(server.baseDir(), server.managementPort());
        while (!inDoubt.none() && System.nanoTime() - faultEnded < IN_DOUBT_LIMIT.toNanos()) {
            Thread.sleep(250);
            inDoubt = InDoubt.read(server.baseDir(), server.managementPort());
        }
        long noneInDoubt = System.nanoTime();
        assertTrue(inDoubt.none(), "still in doubt " + IN_DOUBT_LIMIT + " after " + fault + ": " + inDoubt);

        ExactlyOnce.assertApplied(prefix, records, a, b, OPENING, server.httpPort());
        int deadLetters;
        try (Broker broker = new Broker(server.httpPort())) {
            deadLetters = broker.drain(Broker.DEAD_LETTER, "xastream_record_id LIKE '" + prefix + "%'",
                    Duration.ofSeconds(1), Duration.ofSeconds(10)).size();
        }
        assertEquals(0, deadLetters, "records dead-lettered by " + fault);

        String result = String.format("| %s | %d | %d | %.1f s | %.1f s | %.1f s | %d | 0 | 0 |", fault.description, before, killed,
                (faultEnded - faultStarted) / 1e9, (streamDone - faultEnded) / 1e9, (noneInDoubt - faultEnded) / 1e9, TRANSFERS);
        RESULTS.put(fault, result);
        System.out.println("resource fault " + fault + ": " + result);
    }

    /** Kills the server's connections 5 times, 300 ms apart, so some die in the middle of two-phase commit. */
    private static int killRepeatedly(LedgerConnection ledger, String findConnections, String kill) throws Exception {
        int killed = 0;
        for (int round = 0; round < 5; round++) {
            try (Connection c = ledger.open(); Statement s = c.createStatement()) {
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(findConnections)) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                for (String id : ids) {
                    try {
                        s.execute(String.format(kill, id));
                        killed++;
                    } catch (SQLException gone) {
                        // the connection ended by itself in between
                    }
                }
            }
            Thread.sleep(300);
        }
        return killed;
    }
}

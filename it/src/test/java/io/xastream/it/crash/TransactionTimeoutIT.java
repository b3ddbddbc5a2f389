package io.xastream.it.crash;

import io.xastream.harness.WildFlyServer;
import io.xastream.it.Await;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.LedgerStack;
import io.xastream.it.Transfers;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transaction that outlives its timeout while it holds rows in both ledgers: Narayana rolls it
 * back, the locks go, the record behind it proceeds, and the redelivery applies the record once.
 * The stalled attempt wakes after the rollback with its events still to send: they must not reach
 * a queue outside the transaction, so each record's settled event is on the queue once.
 * It runs on a server of its own with a 5 s timeout and a record that stalls 8 s on its first attempt,
 * and with the aggregate stage off, so it also shows a stage held back and then resumed by configuration.
 */
@ExtendWith(LedgerStack.class)
class TransactionTimeoutIT {

    private static final String BOTH = "xastream_record_id IN ('stall-1', 't-after')";

    @Test
    void aTransactionOutlivingItsTimeoutIsRolledBackThenAppliedOnce() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());
        properties.put("xastream.tx.timeout", "5");
        properties.put("xastream.fault.stall-first-attempt", "stall-.*");
        properties.put("xastream.fault.stall-ms", "8000");
        // The aggregate stage is off on this server (xastream.stage.aggregate.mode=off): checked at the end.
        properties.put("xastream.stage.aggregate.mode", "off");
        WildFlyServer server = OwnServer.start(Path.of(System.getProperty("xastream.it.dir"), "timeout"), properties);
        try {
            server.awaitApplication(Duration.ofMinutes(3));
            Books.seed(List.of("A-T1"), new BigDecimal("100.00"));
            Books.seed(List.of("B-T1"), new BigDecimal("100.00"));
            try (Broker broker = new Broker(server.httpPort())) {
                broker.send(List.of(Transfers.record("stall-1", "A-T1", "B-T1", "10.00"),
                        Transfers.record("t-after", "B-T1", "A-T1", "1.00")));
                assertEquals(1, Books.awaitOutcomes("stall-1", 1, Duration.ofSeconds(60)));
                assertEquals(1, Books.awaitOutcomes("t-after", 1, Duration.ofSeconds(60)));
                // The broker's branch commits after the ledgers': wait for both events, then count them.
                Await.until(Duration.ofSeconds(10), () -> "both settled events", () -> broker.count(Broker.SETTLED, BOTH) >= 2);
                assertEquals(2, broker.count(Broker.SETTLED, BOTH), "one settled event per record, none from the timed-out attempt");
            }
            assertEquals(List.of("SETTLED"), Books.outcomes("stall-1").get("stall-1"), "applied once, on the retry");
            assertEquals(List.of("SETTLED"), Books.outcomes("t-after").get("t-after"));
            assertEquals(2, Books.entriesByRecord("stall-1").get("stall-1").size());
            assertEquals(new BigDecimal("91.00"), Books.balance("A-T1"));
            assertEquals(new BigDecimal("109.00"), Books.balance("B-T1"));
            long stalls = Files.readAllLines(server.baseDir().resolve("log/server.log")).stream()
                    .filter(line -> line.contains("FAULT-INJECTION record=stall-1 ")).count();
            assertEquals(1, stalls, "only the first attempt stalls");
            // The first attempt did not just end late and commit: the coordinator timed it out.
            JsonObject transactions = Json.createReader(new StringReader(server.monitorGet("/xastream/api/status")))
                    .readObject().getJsonObject("transactions");
            assertTrue(transactions.getJsonNumber("timedOut").longValue() >= 1, "no transaction timed out: " + transactions);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            InDoubt inDoubt = InDoubt.read(server.baseDir(), server.managementPort());
            while (!inDoubt.none() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                inDoubt = InDoubt.read(server.baseDir(), server.managementPort());
            }
            assertEquals(true, inDoubt.none(), "still in doubt after 60 s: " + inDoubt);

            // A stage that is off leaves its input in its queue while the stages before it go on;
            // the same server restarted with the stage on consumes that backlog, once.
            try (Broker broker = new Broker(server.httpPort())) {
                assertEquals(2, broker.count(Broker.APPLIED, BOTH), "settled transfers waiting for the aggregate stage");
            }
            assertEquals(0, aggregated());
            server.close();
            properties.remove("xastream.stage.aggregate.mode");
            server = server.restart(properties);
            server.awaitApplication(Duration.ofMinutes(3));
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (aggregated() < 2 && System.nanoTime() < until) {
                Thread.sleep(250);
            }
            assertEquals(2, aggregated(), "the backlog aggregated once the stage is on");
            try (Broker broker = new Broker(server.httpPort())) {
                assertEquals(0, broker.count(Broker.APPLIED, BOTH), "the backlog consumed");
            }
        } finally {
            server.close();
        }
    }

    private static long aggregated() throws SQLException {
        return Books.aggregated("stall-1") + Books.aggregated("t-after");
    }
}

package io.xastream.it.crash;

import io.xastream.harness.WildFlyServer;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.LedgerStack;
import io.xastream.it.Transfers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thread that goes on after the transaction reaper rolled its transaction back must commit
 * nothing. The apply stage's thread is held, once, between its ledger writes and its outcome rows
 * until the reaper has rolled its transaction back (5 s timeout); when it goes on, its next
 * statements must fail instead of committing on their own (an outcome without its entries), and the
 * record is then applied once, on its next attempt. In either shape (CI's second pass runs it per
 * record). Between two statements WildFly already refuses them (IJ031040, checked with
 * set-tx-query-timeout off too); a statement already under way when the reaper struck is what the
 * datasources' set-tx-query-timeout is for (docs/recovery.md).
 */
@ExtendWith(LedgerStack.class)
class StatementAfterTimeoutIT {

    private static final String RULES = """
            RULE mark the thread applying late-1
            CLASS io.xastream.transfer.control.ApplyStage
            METHOD process
            AT ENTRY
            IF $1.toString().contains("\\"late-1\\"") && flag("xastream.late.once")
            DO flag(Thread.currentThread())
            ENDRULE

            RULE hold it past the timeout before its outcome rows
            CLASS io.xastream.transfer.control.OutcomeLog
            METHOD write
            AT ENTRY
            IF flagged(Thread.currentThread())
            DO clear(Thread.currentThread()); traceln("XASTREAM-HELD late-1"); waitFor("xastream.late.cancelled", 60000)
            ENDRULE

            RULE let it go once the reaper has rolled a transaction back (only the held one times out)
            CLASS com.arjuna.ats.arjuna.AtomicAction
            METHOD cancel
            AT EXIT
            IF true
            DO traceln("XASTREAM-CANCELLED"); signalWake("xastream.late.cancelled", false)
            ENDRULE
            """;

    @Test
    void aThreadGoingOnAfterItsTransactionTimedOutCommitsNothing() throws Exception {
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "statement-after-timeout");
        Files.createDirectories(dir);
        Path rules = Files.writeString(dir.resolve("hold.btm"), RULES);
        Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());
        properties.put("xastream.tx.timeout", "5");
        List<String> a = List.of("A-LT1", "A-LT2");
        List<String> b = List.of("B-LT1", "B-LT2");
        BigDecimal opening = new BigDecimal("100.00");
        List<Map.Entry<String, String>> records = List.of(
                Transfers.record("late-1", "A-LT1", "B-LT1", "10.00"),
                Transfers.record("late-2", "B-LT2", "A-LT2", "1.00"),
                Transfers.record("late-3", "A-LT2", "B-LT2", "2.00"));
        try (WildFlyServer server = OwnServer.withByteman(dir.resolve("server"), WildFlyServer.freePortOffset(), properties, rules)) {
            server.awaitApplication(Duration.ofMinutes(3));
            Books.seed(a, opening);
            Books.seed(b, opening);
            try (Broker broker = new Broker(server.httpPort())) {
                broker.send(records.subList(0, 1));
                Books.awaitOutcomes("late-", 1, Duration.ofSeconds(90));
                broker.send(records.subList(1, 3));
            }
            assertEquals(3, Books.awaitOutcomes("late-", 3, Duration.ofSeconds(60)));
            String console = Files.readString(server.baseDir().resolve("console.log"));
            assertTrue(console.contains("XASTREAM-HELD late-1"), "the apply stage's thread was held");
            assertTrue(console.contains("XASTREAM-CANCELLED"), "its transaction timed out and was rolled back while it was held");
            assertEquals(List.of("SETTLED"), Books.outcomes("late-1").get("late-1"), "one outcome, on a later attempt");
            assertEquals(2, Books.entriesByRecord("late-1").get("late-1").size(), "its entries with it");
            assertTrue(Books.count(LedgerStack.ledgerA(), "SELECT MAX(delivery_attempt) FROM record_outcome WHERE record_id = 'late-1'") > 1,
                    "applied on a later attempt: the held one timed out");
            ExactlyOnce.assertApplied("late-", records, a, b, opening, server.httpPort());
        }
    }
}

package io.xastream.it;

import io.xastream.harness.PreparedBranches;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failure after both ledgers were written (injected for ids fault-*, see arquillian.xml) rolls back
 * every resource; the broker redelivers, and after the bounded attempts parks the record in the
 * dead-letter queue with nothing applied anywhere.
 */
@SystemTest
class DeadLetterIT {

    private static final int MAX_DELIVERY_ATTEMPTS = 5;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void failureAfterBothWritesRollsBackEverythingThenDeadLetters() throws Exception {
        Books.seed(List.of("A-F1"), new BigDecimal("100.00"));
        Books.seed(List.of("B-F1"), new BigDecimal("100.00"));
        Map.Entry<String, String> doomed = Transfers.record("fault-1", "A-F1", "B-F1", "10.00");
        try (Broker broker = new Broker()) {
            broker.send(List.of(doomed, Transfers.record("f-ok", "B-F1", "A-F1", "1.00")));

            // Five attempts, 0.5 + 1.5 + 4.5 + 10 s apart.
            List<Message> dead = broker.await(Broker.DEAD_LETTER, "xastream_record_id = 'fault-1'", 1, Duration.ofSeconds(90));
            assertEquals(1, dead.size(), "dead-lettered");
            assertEquals(doomed.getValue(), ((TextMessage) dead.get(0)).getText(), "original body kept");
            assertTrue(broker.drain(Broker.SETTLED, "xastream_record_id = 'fault-1'", Duration.ofSeconds(2), Duration.ofSeconds(5)).isEmpty(),
                    "no settled event");
            assertEquals(1, broker.await(Broker.SETTLED, "xastream_record_id = 'f-ok'", 1, Duration.ofSeconds(30)).size(),
                    "the next record settled");
        }

        // Delivered, failed after its writes and rolled back, exactly the bounded number of times.
        Path server = Path.of(System.getProperty("xastream.it.dir"), "server");
        Path log = server.resolve("log").resolve("server.log");
        long failures = Files.readAllLines(log).stream()
                .filter(line -> line.contains("FAULT-INJECTION record=fault-1 ")).count();
        assertEquals(MAX_DELIVERY_ATTEMPTS, failures, "attempts");

        assertTrue(Books.outcomes("fault-").isEmpty(), "no outcome for a dead-lettered record");
        assertTrue(Books.entriesByRecord("fault-").isEmpty(), "no ledger entry in either ledger");
        assertEquals(new BigDecimal("101.00"), Books.balance("A-F1"));
        assertEquals(new BigDecimal("99.00"), Books.balance("B-F1"));
        // Nothing of it left prepared in either database (the stream has gone quiet: awaited, since a
        // commit under way holds its branches for a moment).
        AtomicReference<PreparedBranches> branches = new AtomicReference<>();
        Await.until(Duration.ofSeconds(30), () -> "left prepared: " + branches.get(), () -> {
            branches.set(PreparedBranches.read(server, LedgerStack.ledgerA(), LedgerStack.ledgerB()));
            return branches.get().postgres().isEmpty() && branches.get().mariaDb().isEmpty();
        });
    }
}

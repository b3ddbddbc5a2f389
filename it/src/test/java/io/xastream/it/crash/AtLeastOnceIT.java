package io.xastream.it.crash;

import io.xastream.harness.WildFlyServer;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.LedgerStack;
import io.xastream.it.Transfers;
import io.xastream.tools.Bench;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The at-least-once benchmark baseline holds up its own end of the comparison: on a server in the
 * benchmark's "alo-10" settings (stages in mode local, non-XA datasources), every epoch holding a
 * record whose id ends in 0 or 5 fails in every stage after its databases committed and before the
 * JMS session acknowledged it; its records come again, one by one, and the idempotent writes must
 * apply each once: one outcome and two entries per record, one settled event, one aggregate claim,
 * nothing dead-lettered, the books balanced and each account's debits in send order. Both shapes:
 * chained (the fault hits the chain's one acknowledgement, after all three stages wrote) and a queue
 * per stage (it hits each stage's own).
 */
@ExtendWith(LedgerStack.class)
class AtLeastOnceIT {

    private static final int PORT_OFFSET = WildFlyServer.freePortOffset();
    private static final int TRANSFERS = 300;
    private static final BigDecimal OPENING = new BigDecimal("10000.00");

    @ParameterizedTest(name = "chained: {0}")
    @ValueSource(booleans = {true, false})
    void recordsRedeliveredAfterTheirDatabasesCommittedAreAppliedOnce(boolean chained) throws Exception {
        String prefix = chained ? "aloc-" : "alos-";
        Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());
        properties.putAll(Bench.modeProperties("alo-10"));
        properties.put("xastream.topology.chain", String.valueOf(chained));
        properties.put("xastream.fault.fail-before-acknowledge", prefix + ".*[05]");
        // Each redelivered record waits its retry pause (0.5 s by default) alone: shortened, about
        // 400 records come again.
        properties.put("xastream.transfers.redelivery-delay-ms", "20");
        // A record whose epoch failed must come back alone and pass on its second attempt. Three
        // attempts leave one to spare, and dead-letter a record charged twice for other records'
        // faults (which happened while a failed epoch's consumer gave its message groups away).
        properties.put("xastream.transfers.max-delivery-attempts", "3");
        List<String> a = Transfers.accounts("A", chained ? "ALC" : "ALS", 8);
        List<String> b = Transfers.accounts("B", chained ? "ALC" : "ALS", 8);
        List<Map.Entry<String, String>> records = Transfers.timed(prefix, a, b, TRANSFERS);
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "at-least-once-" + (chained ? "chained" : "split"));
        Files.createDirectories(dir);

        try (WildFlyServer server = OwnServer.start(dir.resolve("server"), PORT_OFFSET, properties)) {
            server.awaitApplication(Duration.ofMinutes(3));
            Books.seed(a, OPENING);
            Books.seed(b, OPENING);
            long started = System.nanoTime();
            try (Broker broker = new Broker(server.httpPort())) {
                broker.send(records);
                assertEquals(TRANSFERS, Books.awaitOutcomes(prefix, TRANSFERS, Duration.ofMinutes(3)), "outcomes");
                System.out.printf("at least once: %d records through validate and apply in %.1f s%n",
                        TRANSFERS, (System.nanoTime() - started) / 1e9);
                assertEquals(TRANSFERS, broker.await(Broker.SETTLED, "xastream_record_id LIKE '" + prefix + "%'", TRANSFERS,
                        Duration.ofMinutes(1)).size(), "settled events: one per record, the failed attempts sent none");
                Books.awaitAggregated(prefix, TRANSFERS);
                // The writes of a dead-lettered record may have committed in an earlier attempt, so
                // the counts above need not show it.
                assertEquals(0, broker.count(Broker.DEAD_LETTER, "xastream_record_id LIKE '" + prefix + "%'"), "dead-lettered records");
            }
            Map<String, Long> faults = new TreeMap<>();
            for (String line : Files.readAllLines(server.baseDir().resolve("console.log"))) {
                if (line.contains("FAULT-INJECTION record=" + prefix)) {
                    faults.merge(line.replaceAll(".* stage=(\\w+) .*", "$1"), 1L, Long::sum);
                }
            }
            System.out.println("acknowledgements failed after the databases committed, by stage: " + faults);
            for (String stage : chained ? List.of("validate") : List.of("validate", "apply", "aggregate")) {
                assertTrue(faults.getOrDefault(stage, 0L) > 0, "faults injected in " + stage + ": " + faults);
            }
        }

        Map<String, List<String>> outcomes = Books.outcomes(prefix);
        Map<String, List<String>> entries = Books.entriesByRecord(prefix);
        for (Map.Entry<String, String> record : records) {
            assertEquals(List.of("SETTLED"), outcomes.get(record.getKey()), "outcomes of " + record.getKey());
            assertEquals(2, entries.get(record.getKey()).size(), "entries of " + record.getKey());
        }
        List<String> accounts = new ArrayList<>(a);
        accounts.addAll(b);
        Books.assertBalanced(accounts, OPENING, prefix);
        Books.assertDebitsInSendOrder(accounts, records);
    }
}

package io.xastream.it.crash;

import io.xastream.contract.MessageProperties;
import io.xastream.harness.WildFlyServer;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.LedgerStack;
import io.xastream.it.Transfers;
import jakarta.jms.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same stream twice, once per record (message-driven beans) and once in epochs of up to 100 records
 * per XA transaction in all three stages, each on a freshly booted server: the final state must be the
 * same (balances, outcomes, windows, rejections); in epoch mode a poisoned record must then fail alone
 * after its first epoch while the rest of that epoch commits.
 */
@ExtendWith(LedgerStack.class)
class EpochModeIT {

    private static final int PORT_OFFSET = WildFlyServer.freePortOffset();
    private static final int TRANSFERS = 600;
    private static final BigDecimal OPENING = new BigDecimal("10000.00");

    @Test
    void epochModeEndsInTheStateOfPerRecordModeAndIsolatesAPoisonedRecord() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());
        properties.put("xastream.fault.fail-after-writes", "fault-.*");
        for (String stage : List.of("validate", "apply", "aggregate")) {
            properties.put("xastream.stage." + stage + ".mode", "record");
        }
        Run perRecord = run("er", properties, false);

        for (String stage : List.of("validate", "apply", "aggregate")) {
            properties.put("xastream.stage." + stage + ".mode", "epoch");
            properties.put("xastream.stage." + stage + ".epoch-records", "100");
            // Up to 500 ms for an epoch to fill (the default is 50): on a loaded machine the next
            // receive may take longer than 50 ms, and the poisoned record must share its first epoch.
            properties.put("xastream.stage." + stage + ".epoch-millis", "500");
        }
        Run epoch = run("ee", properties, true);

        System.out.printf("per record: %d transactions for %d settled records; epoch: %d%n",
                perRecord.transactions, TRANSFERS, epoch.transactions);
        assertEquals(perRecord.state, epoch.state, "final state, per record vs epoch");
        assertEquals(TRANSFERS, perRecord.transactions, "per record: one transaction per settled record");
        assertTrue(epoch.transactions <= TRANSFERS / 3, "epoch: records share transactions (" + epoch.transactions + ")");
    }

    private record Run(Map<String, String> state, long transactions) {
    }

    private Run run(String tag, Map<String, String> properties, boolean thenPoison) throws Exception {
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "epoch-" + tag);
        Files.createDirectories(dir);
        String prefix = tag + "-";
        List<String> a = Transfers.accounts("A", tag.toUpperCase(), 10);
        List<String> b = Transfers.accounts("B", tag.toUpperCase(), 10);
        List<Map.Entry<String, String>> records = Transfers.timed(prefix, a, b, TRANSFERS);
        records.add(new AbstractMap.SimpleImmutableEntry<>(prefix + "bad-amount", Transfers.json(prefix + "bad-amount", a.get(1), b.get(1), "-5")));
        records.add(new AbstractMap.SimpleImmutableEntry<>(prefix + "bad-account", Transfers.json(prefix + "bad-account", "C-1", b.get(1), "5.00")));

        try (WildFlyServer server = OwnServer.start(dir.resolve("server"), PORT_OFFSET, properties)) {
            server.awaitApplication(Duration.ofMinutes(3));
            Books.seed(a, OPENING);
            Books.seed(b, OPENING);
            long started = System.nanoTime();
            try (Broker broker = new Broker(server.httpPort())) {
                broker.send(records);
                assertEquals(TRANSFERS + 2, Books.awaitOutcomes(prefix, TRANSFERS + 2, Duration.ofMinutes(3)), tag + ": outcomes");
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("%s: %d records through validate and apply in %.1f s (%.0f records/s)%n",
                        tag, TRANSFERS + 2, seconds, (TRANSFERS + 2) / seconds);
                Books.awaitAggregated(prefix, TRANSFERS);
                if (thenPoison) {
                    assertPoisonIsolated(server, broker);
                }
            }
        }

        Map<String, String> state = new TreeMap<>();
        for (String account : a) {
            state.put("balance " + account.charAt(0) + account.substring(4), Books.balance(account).toPlainString());
        }
        for (String account : b) {
            state.put("balance " + account.charAt(0) + account.substring(4), Books.balance(account).toPlainString());
        }
        for (Map<String, Object> row : Books.rows(LedgerStack.ledgerA(), "SELECT outcome, COALESCE(reason, ''), COUNT(*) "
                + "FROM record_outcome WHERE record_id LIKE ? GROUP BY outcome, reason", prefix + "%")) {
            state.put("outcomes " + row.get("1") + " " + row.get("2"), String.valueOf(row.get("3")));
        }
        for (Map<String, Object> row : Books.rows(LedgerStack.ledgerA(), "SELECT account_id, window_start, record_count, volume, closed "
                + "FROM account_window WHERE account_id LIKE ?", "_-" + tag.toUpperCase() + "%")) {
            String account = (String) row.get("1");
            state.put("window " + account.charAt(0) + account.substring(4) + "@" + ((Timestamp) row.get("2")).toInstant(),
                    row.get("3") + " " + ((BigDecimal) row.get("4")).toPlainString() + " " + row.get("5"));
        }
        long transactions = Books.count(LedgerStack.ledgerA(), "SELECT COUNT(DISTINCT transaction_id) FROM record_outcome "
                + "WHERE record_id LIKE ? AND outcome = 'SETTLED'", prefix + "%");
        return new Run(state, transactions);
    }

    /**
     * A poisoned record in the middle of 300: its first epoch fails as a whole, then every record of
     * that epoch comes back alone; the poison fails its five attempts alone and is dead-lettered, the
     * others commit once, in each account's send order, and the books still balance.
     */
    private static void assertPoisonIsolated(WildFlyServer server, Broker broker) throws Exception {
        List<String> a = Transfers.accounts("A", "EP", 5);
        List<String> b = Transfers.accounts("B", "EP", 5);
        Books.seed(a, OPENING);
        Books.seed(b, OPENING);
        List<Map.Entry<String, String>> records = Transfers.timed("ep-", a, b, 300);
        String poison = "fault-ep-poison";
        records.add(150, Transfers.record(poison, a.get(0), b.get(0), "1.00"));
        broker.send(records);
        assertEquals(300, Books.awaitOutcomes("ep-", 300, Duration.ofMinutes(2)), "the poisoned record's neighbours settled");
        List<Message> dead = broker.await(Broker.DEAD_LETTER, "xastream_record_id = '" + poison + "'", 1,
                Duration.ofSeconds(60));
        assertEquals(1, dead.size(), "the poisoned record is dead-lettered");
        long attempts = Files.readAllLines(server.baseDir().resolve("console.log")).stream()
                .filter(line -> line.contains("FAULT-INJECTION record=" + poison + " ")).count();
        // Five attempts of its own; a redelivery that landed in another consumer's epoch of new records
        // failed that epoch too, and such shared failures beyond the first are not charged to it.
        String detail = dead.get(0).getStringProperty(MessageProperties.REASON_DETAIL);
        Matcher counts = Pattern
                .compile("failed (\\d+) attempts of its own .* \\((\\d+) deliveries rolled back\\)").matcher(detail);
        assertTrue(counts.find(), "dead-letter reason: " + detail);
        assertEquals(5, Integer.parseInt(counts.group(1)), "attempts charged to the poisoned record: " + detail);
        assertEquals(attempts, Long.parseLong(counts.group(2)), "every failed attempt was a rolled-back delivery: " + detail);
        assertTrue(attempts >= 5, "the poisoned record ran at least its own five attempts");
        long retriedAlone = Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM record_outcome "
                + "WHERE record_id LIKE 'ep-%' AND outcome = 'SETTLED' AND delivery_attempt > 1");
        long settledOnce = Books.count(LedgerStack.ledgerA(), "SELECT COUNT(DISTINCT record_id) FROM record_outcome "
                + "WHERE record_id LIKE 'ep-%' AND outcome = 'SETTLED'");
        System.out.printf("poison: %d attempts, %d epoch-mates committed on a later attempt, %d settled once%n",
                attempts, retriedAlone, settledOnce);
        assertTrue(retriedAlone > 0, "the poisoned record's first epoch failed as a whole and its other records were retried");
        assertEquals(300, settledOnce);
        List<String> accounts = new ArrayList<>(a);
        accounts.addAll(b);
        Books.assertBalanced(accounts, OPENING, "ep-");
        // The failed epoch's records came back to the head of their message groups: no account's
        // later records overtook them (with a broker-side redelivery delay some did).
        Books.assertDebitsInSendOrder(accounts, records.stream().filter(r -> !r.getKey().equals(poison)).toList());
    }
}

package io.xastream.it.topology;

import io.xastream.contract.MessageProperties;
import io.xastream.contract.Streams;
import io.xastream.it.Await;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.Deployments;
import io.xastream.it.LedgerStack;
import io.xastream.it.SystemTest;
import io.xastream.it.Transfers;
import io.xastream.it.operation.ApiClient;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three-stage topology (validate, apply, aggregate) under the default 16 consumers per stage:
 * per-account order, kept through a failed attempt and behind a poisoned record that holds up no
 * other consumer, event-time windows checked against a
 * computation of their own over the same input, and counts that redeliveries and replays leave exact.
 */
@SystemTest
class TopologyIT {

    private static final Set<String> STAGE_QUEUES = Set.of(Streams.TRANSFERS, Streams.VALIDATED, Streams.APPLIED);

    private static final BigDecimal OPENING = new BigDecimal("10000.00");
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration LATENESS = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void eachAccountsTransfersApplyInSendOrderAndAPoisonedRecordHoldsUpNoOtherAccount() throws Exception {
        List<String> payers = List.of("A-OK1", "A-OK2", "A-OK3", "A-OK4", "B-OK1", "B-OK2", "B-OK3", "B-OK4");
        String poisoned = "A-OK9";
        List<String> payees = List.of("A-OKP1", "B-OKP1", "A-OKP2", "B-OKP2");
        Books.seed(List.of("A-OK1", "A-OK2", "A-OK3", "A-OK4", poisoned, "A-OKP1", "A-OKP2"), OPENING);
        Books.seed(List.of("B-OK1", "B-OK2", "B-OK3", "B-OK4", "B-OKP1", "B-OKP2"), OPENING);
        int perPayer = 25;
        String poison = "fault-ord-" + poisoned + "-03";
        // Round robin over the accounts, so that one account's records are never next to each other.
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int n = 1; n <= perPayer; n++) {
            for (int p = 0; p < payers.size(); p++) {
                String id = String.format("ord-%s-%02d", payers.get(p), n);
                records.add(Transfers.record(id, payers.get(p), payees.get((n + p) % payees.size()), "1.00"));
            }
            if (n <= 10) {
                String id = n == 3 ? poison : String.format("ord-%s-%02d", poisoned, n);
                records.add(Transfers.record(id, poisoned, payees.get(n % payees.size()), "1.00"));
            }
        }

        long started = System.nanoTime();
        int healthy = payers.size() * perPayer + 9;
        try (Broker broker = new Broker(Deployments.httpPort())) {
            broker.send(records);
            // All but the poisoned account's records 4 to 10, which wait behind the poison.
            int unblocked = healthy - 7;
            Books.awaitOutcomes("ord-", unblocked, Duration.ofSeconds(90));
            long unblockedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            List<Message> parked = broker.await(Broker.DEAD_LETTER, "xastream_record_id = '" + poison + "'", 1, Duration.ofSeconds(90));
            long parkedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertEquals(1, parked.size(), "the poisoned record is dead-lettered");
            long settledBeforeParked = Books.count(LedgerStack.ledgerA(),
                    "SELECT COUNT(*) FROM record_outcome WHERE record_id LIKE 'ord-%' AND outcome = 'SETTLED'");
            assertEquals(healthy, Books.awaitOutcomes("ord-", healthy, Duration.ofSeconds(90)), "records of all accounts settled");
            long settledMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            System.out.printf("ordering: %d records settled after %d ms; the poisoned record dead-lettered after %d ms, when %d of %d other records had settled; all %d after %d ms%n",
                    unblocked, unblockedMillis, parkedMillis, settledBeforeParked, healthy, healthy, settledMillis);
            // While the poison is retried it holds its own key and the keys that share its consumer
            // (16 consumers, 9 keys): most of the stream has gone through by then.
            assertTrue(settledBeforeParked >= healthy / 2, "only " + settledBeforeParked + " of " + healthy
                    + " records settled while the poisoned one was retried");
        }

        // Record 07 of each account fails its first attempt (xastream.fault.fail-first-attempt, arquillian.xml):
        // retried after a pause, it still went before 08. In epochs a retry can also share a later epoch
        // with another account's first attempt of 07 and roll back with it, so "after the first" is all
        // that is certain.
        assertEquals(payers.size() + 1, Books.count(LedgerStack.ledgerA(),
                "SELECT COUNT(*) FROM record_outcome WHERE record_id LIKE 'ord-%-07' AND outcome = 'SETTLED' AND delivery_attempt >= 2"),
                "settled after a failed first attempt, one per account");
        for (String payer : payers) {
            List<String> expected = new ArrayList<>();
            for (int n = 1; n <= perPayer; n++) {
                expected.add(String.format("ord-%s-%02d", payer, n));
            }
            assertEquals(expected, Books.debitsInApplyOrder(payer), "apply order of " + payer);
        }
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            if (n != 3) {
                expected.add(String.format("ord-%s-%02d", poisoned, n));
            }
        }
        // The records behind the poison waited for it to be dead-lettered, and kept their order.
        assertEquals(expected, Books.debitsInApplyOrder(poisoned), "apply order of the poisoned account");
        assertEquals(0, Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM ledger_entry WHERE record_id = ?", poison));
    }

    @Test
    void closedWindowsAndLateRecordsMatchAnIndependentComputation() throws Exception {
        List<String> payers = List.of("A-WN1", "A-WN2", "B-WN1", "B-WN2");
        Books.seed(List.of("A-WN1", "A-WN2", "A-WNP"), OPENING);
        Books.seed(List.of("B-WN1", "B-WN2", "B-WNP"), OPENING);
        Instant base = Instant.parse("2026-03-01T10:00:00Z");
        long[] jitterSeconds = {0, 0, 0, -20, -45, -70};
        Random random = new Random(42);
        Map<String, List<Event>> perPayer = new LinkedHashMap<>();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i <= 30; i++) {
            for (String payer : payers) {
                Instant time = i == 30 ? base.plus(Duration.ofMinutes(30))
                        : base.plusSeconds(i * 9L + jitterSeconds[random.nextInt(jitterSeconds.length)]);
                String id = String.format("win-%s-%02d", payer, i);
                BigDecimal amount = new BigDecimal((i % 7 + 1) + ".25");
                String payee = payer.startsWith("A") ? "B-WNP" : "A-WNP";
                perPayer.computeIfAbsent(payer, k -> new ArrayList<>()).add(new Event(id, time, amount));
                records.add(new AbstractMap.SimpleImmutableEntry<>(id,
                        Transfers.json(id, payer, payee, amount.toPlainString(), time.toString())));
            }
        }

        // The expectation, computed here from the input alone: per payer, in send order.
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> volumes = new TreeMap<>();
        Set<String> closed = new HashSet<>();
        Set<String> late = new HashSet<>();
        for (Map.Entry<String, List<Event>> payer : perPayer.entrySet()) {
            Instant clock = null;
            for (Event event : payer.getValue()) {
                long size = WINDOW.toMillis();
                Instant start = Instant.ofEpochMilli(Math.floorDiv(event.time.toEpochMilli(), size) * size);
                Instant end = start.plus(WINDOW);
                if (clock != null && !end.plus(LATENESS).isAfter(clock)) {
                    late.add(event.id);
                    continue;
                }
                String window = payer.getKey() + "@" + start;
                counts.computeIfAbsent(window, k -> new long[1])[0]++;
                volumes.merge(window, event.amount, BigDecimal::add);
                clock = clock == null || event.time.isAfter(clock) ? event.time : clock;
            }
            for (String window : counts.keySet()) {
                if (window.startsWith(payer.getKey() + "@")) {
                    Instant start = Instant.parse(window.substring(window.indexOf('@') + 1));
                    if (!start.plus(WINDOW).plus(LATENESS).isAfter(clock)) {
                        closed.add(window);
                    }
                }
            }
        }
        assertTrue(late.size() >= 5 && closed.size() >= 20, "the input exercises lateness and closing: " + late.size() + " late, " + closed.size() + " closed");

        try (Broker broker = new Broker(Deployments.httpPort())) {
            broker.send(records);
            assertEquals(records.size(), Books.awaitOutcomes("win-", records.size(), Duration.ofSeconds(90)));
            List<Message> published = broker.await(Broker.WINDOWS, "xastream_record_id LIKE '%-WN%'", closed.size(), Duration.ofSeconds(60));
            Map<String, JsonObject> byWindow = new TreeMap<>();
            for (Message message : published) {
                JsonObject stats = json(message);
                assertTrue(byWindow.put(stats.getString("account") + "@" + stats.getString("windowStart"), stats) == null,
                        "published once: " + stats);
            }
            assertEquals(closed, byWindow.keySet(), "closed windows published");
            for (Map.Entry<String, JsonObject> stats : byWindow.entrySet()) {
                assertEquals(counts.get(stats.getKey())[0], stats.getValue().getJsonNumber("count").longValue(), stats.getKey());
                assertEquals(0, volumes.get(stats.getKey()).compareTo(new BigDecimal(stats.getValue().getString("volume"))), stats.getKey());
            }
            Set<String> rejectedLate = new HashSet<>();
            for (Message message : broker.await(Broker.REJECTED, "xastream_reason = 'LATE_EVENT' AND xastream_record_id LIKE 'win-%'",
                    late.size(), Duration.ofSeconds(30))) {
                rejectedLate.add(message.getStringProperty(MessageProperties.RECORD_ID));
                assertTrue(message.getStringProperty(MessageProperties.REASON_DETAIL).contains("allowed lateness"));
            }
            assertEquals(late, rejectedLate, "late records rejected with their reason");
        }

        // The state in the database: every window, open or closed, with its count and volume.
        Map<String, String> stored = new TreeMap<>();
        for (Map<String, Object> row : Books.rows(LedgerStack.ledgerA(), "SELECT account_id, window_start, record_count, volume, closed "
                + "FROM account_window WHERE account_id LIKE '%-WN%'")) {
            Instant start = ((Timestamp) row.get("2")).toInstant();
            stored.put(row.get("1") + "@" + start, row.get("3") + " " + ((BigDecimal) row.get("4")).toPlainString() + " " + row.get("5"));
        }
        Map<String, String> expectedRows = new TreeMap<>();
        counts.forEach((window, count) -> expectedRows.put(window,
                count[0] + " " + volumes.get(window).setScale(2).toPlainString() + " " + closed.contains(window)));
        assertEquals(expectedRows, stored);
    }

    @Test
    void redeliveredAndReplayedEventsAreCountedOnce() throws Exception {
        // Every wx- record fails its first aggregate attempt (arquillian.xml) after writing its window.
        List<String> payers = List.of("A-WX1", "B-WX1");
        Books.seed(List.of("A-WX1", "A-WXP"), OPENING);
        Books.seed(List.of("B-WX1"), OPENING);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        Map<String, BigDecimal> volume = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            for (String payer : payers) {
                String id = String.format("wx-%s-%02d", payer, i);
                String amount = (i + 1) + ".10";
                records.add(new AbstractMap.SimpleImmutableEntry<>(id,
                        Transfers.json(id, payer, "A-WXP", amount, "2026-03-02T10:00:" + String.format("%02d", i) + "Z")));
                volume.merge(payer, new BigDecimal(amount), BigDecimal::add);
            }
        }
        try (Broker broker = new Broker(Deployments.httpPort())) {
            broker.send(records);
            assertEquals(40, Books.awaitOutcomes("wx-", 40, Duration.ofSeconds(60)));
            awaitWindowCount("A-WX1", 20, Duration.ofSeconds(60));
            awaitWindowCount("B-WX1", 20, Duration.ofSeconds(60));
            // Replays: five transfers again at the start, five settled events again straight into the aggregate
            // stage, then one new record per payer behind them (same key, so handled after them).
            broker.send(records.subList(0, 5));
            List<Map.Entry<String, String>> events = new ArrayList<>();
            for (Map.Entry<String, String> record : records.subList(0, 10)) {
                events.add(record);
            }
            broker.sendTo(Broker.APPLIED, events);
            List<Map.Entry<String, String>> last = new ArrayList<>();
            for (String payer : payers) {
                String id = "wx-" + payer + "-last";
                last.add(new AbstractMap.SimpleImmutableEntry<>(id, Transfers.json(id, payer, "A-WXP", "0.50", "2026-03-02T10:00:30Z")));
                volume.merge(payer, new BigDecimal("0.50"), BigDecimal::add);
            }
            broker.send(last);
            awaitWindowCount("A-WX1", 21, Duration.ofSeconds(60));
            awaitWindowCount("B-WX1", 21, Duration.ofSeconds(60));
        }
        // Nothing may be counted twice later on: wait until every record and event sent has been handled.
        awaitStageQueuesIdle(Duration.ofSeconds(60));
        for (String payer : payers) {
            List<Map<String, Object>> rows = Books.rows(LedgerStack.ledgerA(),
                    "SELECT record_count, volume FROM account_window WHERE account_id = ?", payer);
            assertEquals(1, rows.size(), payer);
            assertEquals(21L, ((Number) rows.get(0).get("1")).longValue(), payer + " counted each record once");
            assertEquals(0, volume.get(payer).compareTo((BigDecimal) rows.get(0).get("2")), payer);
        }
        assertEquals(42, Books.aggregated("wx-%"));
        assertEquals(5, Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM record_outcome WHERE record_id LIKE 'wx-%' AND outcome = 'DUPLICATE'"));
    }

    /**
     * Until the stages' input queues hold nothing, waiting or in delivery, in two readings in a row
     * (a record is in delivery until its transaction commits): all that was sent has been handled.
     */
    private static void awaitStageQueuesIdle(Duration timeout) throws Exception {
        ApiClient api = new ApiClient();
        AtomicReference<List<JsonObject>> busy = new AtomicReference<>(List.of());
        AtomicInteger idleReadings = new AtomicInteger();
        Await.until(timeout, () -> "stage queues idle; still busy: " + busy.get(), () -> {
            HttpResponse<String> status = api.get("/xastream/api/status", ApiClient.MONITOR);
            assertEquals(200, status.statusCode(), status.body());
            List<JsonObject> stageQueues = ApiClient.json(status.body()).asJsonObject().getJsonArray("queues")
                    .getValuesAs(JsonObject.class).stream().filter(q -> STAGE_QUEUES.contains(q.getString("name"))).toList();
            assertEquals(STAGE_QUEUES.size(), stageQueues.size(), "the status names every stage queue: " + stageQueues);
            busy.set(stageQueues.stream().filter(q -> q.getJsonNumber("depth").longValue() > 0
                    || q.getJsonNumber("delivering").longValue() > 0).toList());
            if (!busy.get().isEmpty()) {
                idleReadings.set(0);
                return false;
            }
            return idleReadings.incrementAndGet() == 2;
        });
    }

    private static void awaitWindowCount(String payer, long count, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = Books.count(LedgerStack.ledgerA(), "SELECT COALESCE(SUM(record_count), 0) FROM account_window WHERE account_id = ?", payer);
            if (seen >= count) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(payer + ": " + seen + " records counted, expected " + count);
    }

    private static JsonObject json(Message message) throws JMSException {
        return Json.createReader(new StringReader(((TextMessage) message).getText())).readObject();
    }

    private record Event(String id, Instant time, BigDecimal amount) {
    }
}

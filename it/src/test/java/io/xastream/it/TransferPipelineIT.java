package io.xastream.it;

import io.xastream.contract.MessageProperties;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline end to end: every transfer applied exactly once across PostgreSQL, MariaDB and Artemis. */
@SystemTest
class TransferPipelineIT {

    private static final BigDecimal OPENING = new BigDecimal("10000.00");

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void thousandTransfersHalfCrossLedgerSettleExactlyOnce() throws Exception {
        List<String> a = Transfers.accounts("A", "P", 20);
        List<String> b = Transfers.accounts("B", "P", 20);
        Books.seed(a, OPENING);
        Books.seed(b, OPENING);
        List<Map.Entry<String, String>> records = Transfers.generate("p-", 1000, a, b, 7);
        Map<String, Long> xaBefore = xaCounts();
        long committedBefore = narayana("number-of-committed-transactions");

        long started = System.nanoTime();
        try (Broker broker = new Broker()) {
            broker.send(records);
            assertEquals(1000, Books.awaitOutcomes("p-", 1000, Duration.ofMinutes(3)), "outcomes recorded");
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            System.out.printf("1000 transfers settled in %d ms (%.0f/s)%n", millis, 1000_000.0 / millis);

            // Exactly one settled event per record, and nothing else for these ids.
            List<Message> settled = broker.await(Broker.SETTLED, "xastream_record_id LIKE 'p-%'", 1000, Duration.ofSeconds(60));
            List<String> eventIds = new ArrayList<>();
            for (Message m : settled) {
                eventIds.add(m.getStringProperty(MessageProperties.RECORD_ID));
            }
            assertEquals(1000, eventIds.size(), "settled events");
            assertEquals(1000, new HashSet<>(eventIds).size(), "distinct settled events");
        }

        // Every record settled once, and booked once on each side.
        Map<String, List<String>> outcomes = Books.outcomes("p-");
        Map<String, List<String>> entries = Books.entriesByRecord("p-");
        for (Map.Entry<String, String> record : records) {
            JsonObject json = Json.createReader(new StringReader(record.getValue())).readObject();
            String id = json.getString("id");
            assertEquals(List.of("SETTLED"), outcomes.get(id), id);
            String amount = json.getString("amount");
            assertEquals(Set.of(json.getString("from") + ":-" + amount, json.getString("to") + ":" + amount),
                    new HashSet<>(entries.get(id)), id);
            assertEquals(2, entries.get(id).size(), id);
        }

        // What is stored is what was sent: every entry carries the record's event time, in either
        // ledger (PostgreSQL timestamptz, MariaDB datetime in UTC), and was applied in the last minutes.
        long entriesA = Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM ledger_entry WHERE record_id LIKE 'p-%'");
        long entriesB = Books.count(LedgerStack.ledgerB(), "SELECT COUNT(*) FROM ledger_entry WHERE record_id LIKE 'p-%'");
        assertEquals(2000, entriesA + entriesB, "entries");
        assertEquals(entriesA, Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM ledger_entry WHERE record_id LIKE 'p-%'"
                + " AND event_time = TIMESTAMPTZ '2026-11-27 12:00:00+00'"
                + " AND applied_at BETWEEN now() - INTERVAL '10 minutes' AND now()"), "ledger A: event and applied times");
        assertEquals(entriesB, Books.count(LedgerStack.ledgerB(), "SELECT COUNT(*) FROM ledger_entry WHERE record_id LIKE 'p-%'"
                + " AND event_time = '2026-11-27 12:00:00'"
                + " AND applied_at BETWEEN UTC_TIMESTAMP(6) - INTERVAL 10 MINUTE AND UTC_TIMESTAMP(6)"), "ledger B: event and applied times");

        // Money is neither made nor lost, and each balance is its opening balance plus its entries.
        Books.assertBalanced(concat(a, b), OPENING, "p-");

        // Two-phase commit really ran on both databases, once for every transaction that wrote them
        // (one per record, or one per epoch: the rows carry the coordinator's transaction id).
        long transactionsA = Books.count(LedgerStack.ledgerA(),
                "SELECT COUNT(DISTINCT transaction_id) FROM record_outcome WHERE record_id LIKE 'p-%'");
        long transactionsB = Books.count(LedgerStack.ledgerB(),
                "SELECT COUNT(DISTINCT transaction_id) FROM ledger_entry WHERE record_id LIKE 'p-%'");
        System.out.printf("1000 transfers: %d transactions wrote ledger A, %d ledger B%n", transactionsA, transactionsB);
        assertTrue(transactionsA > 0 && transactionsB > 0);
        Map<String, Long> xaAfter = xaCounts();
        assertTrue(xaAfter.get("ledgerA.XAPrepareCount") - xaBefore.get("ledgerA.XAPrepareCount") >= transactionsA, xaAfter::toString);
        assertTrue(xaAfter.get("ledgerB.XAPrepareCount") - xaBefore.get("ledgerB.XAPrepareCount") >= transactionsB, xaAfter::toString);
        assertTrue(xaAfter.get("ledgerA.XACommitCount") - xaBefore.get("ledgerA.XACommitCount") >= transactionsA, xaAfter::toString);
        assertTrue(xaAfter.get("ledgerB.XACommitCount") - xaBefore.get("ledgerB.XACommitCount") >= transactionsB, xaAfter::toString);
        assertTrue(narayana("number-of-committed-transactions") - committedBefore >= transactionsA, "Narayana committed");
        assertEquals(0, narayana("number-of-heuristics"), "heuristics");
    }

    @Test
    void replayedIdsAreAppliedOnceAndCountedAsDuplicates() throws Exception {
        List<String> a = Transfers.accounts("A", "D", 5);
        List<String> b = Transfers.accounts("B", "D", 5);
        Books.seed(a, OPENING);
        Books.seed(b, OPENING);
        List<Map.Entry<String, String>> records = Transfers.generate("d-", 100, a, b, 11);
        try (Broker broker = new Broker()) {
            broker.send(records);
            assertEquals(100, Books.awaitOutcomes("d-", 100, Duration.ofMinutes(1)));
            Map<String, BigDecimal> balancesAfterFirstPass = balances(a, b);

            broker.send(records);
            broker.send(records);
            assertEquals(300, Books.awaitOutcomes("d-", 300, Duration.ofMinutes(1)));
            assertEquals(balancesAfterFirstPass, balances(a, b), "replays changed a balance");
            assertEquals(100, broker.await(Broker.SETTLED, "xastream_record_id LIKE 'd-%'", 100, Duration.ofSeconds(30)).size(),
                    "settled events");
        }
        Map<String, List<String>> outcomes = Books.outcomes("d-");
        for (String id : outcomes.keySet()) {
            // The first pass had settled before the replays were sent.
            assertEquals(List.of("SETTLED", "DUPLICATE", "DUPLICATE"), outcomes.get(id), id);
        }
        assertEquals(100, outcomes.size());
        Books.entriesByRecord("d-").forEach((id, entries) -> assertEquals(2, entries.size(), id));
        Books.assertBalanced(concat(a, b), OPENING, "d-");
    }

    @Test
    void statusEndpointReportsCountsToMonitorsOnly() throws Exception {
        List<String> a = Transfers.accounts("A", "S", 2);
        List<String> b = Transfers.accounts("B", "S", 2);
        Books.seed(a, OPENING);
        Books.seed(b, OPENING);
        try (Broker broker = new Broker()) {
            broker.send(Transfers.generate("s-", 20, a, b, 3));
            assertEquals(20, Books.awaitOutcomes("s-", 20, Duration.ofMinutes(2)), "outcomes recorded");
        }
        HttpClient http = HttpClient.newHttpClient();
        URI status = URI.create("http://127.0.0.1:" + Deployments.httpPort() + "/xastream/api/status");

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());

        // The invariant's reading may be a second old, taken while a commit reached one ledger only.
        Await.until(Duration.ofSeconds(30), () -> "the invariant holds", () -> invariant(http, status).getBoolean("holds"));
        HttpResponse<String> monitor = http.send(HttpRequest.newBuilder(status)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("monitor:monitor-pw-1".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, monitor.statusCode(), monitor.body());
        JsonObject json = Json.createReader(new StringReader(monitor.body())).readObject();
        long settledRows = Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM record_outcome WHERE outcome = 'SETTLED'");
        assertEquals(settledRows, json.getJsonObject("records").getJsonNumber("settled").longValue());
        assertEquals(2, json.getJsonArray("ledgers").size());
        // Each transaction that settled some of these records committed on this server (one per
        // record, or one per epoch), and the coordinator's count says at least as many.
        long transactions = Books.count(LedgerStack.ledgerA(),
                "SELECT COUNT(DISTINCT transaction_id) FROM record_outcome WHERE record_id LIKE 's-%'");
        assertTrue(transactions > 0);
        assertTrue(json.getJsonObject("transactions").getJsonNumber("committed").longValue() >= transactions, monitor.body());
    }

    /**
     * The dashboard runs the feeder's checks (one implementation): money made outside the entries
     * and an entry for an account nobody has are named, though the totals alone would not show the
     * second; once repaired, the invariant holds again.
     */
    @Test
    void statusNamesEveryFailingCheckOfABrokenLedger() throws Exception {
        List<String> a = Transfers.accounts("A", "K", 1);
        Books.seed(a, OPENING);
        HttpClient http = HttpClient.newHttpClient();
        URI status = URI.create("http://127.0.0.1:" + Deployments.httpPort() + "/xastream/api/status");
        Await.until(Duration.ofSeconds(30), () -> "the invariant holds before the damage", () -> invariant(http, status).getBoolean("holds"));

        String orphan = "INSERT INTO ledger_entry (record_id, account_id, amount, counterparty, applied_at)"
                + " VALUES ('k-orphan', 'B-NOBODY', 0.00, 'A-NOBODY', CURRENT_TIMESTAMP)";
        try (Connection ledgerA = LedgerStack.ledgerA().open(); Connection ledgerB = LedgerStack.ledgerB().open();
             Statement damageA = ledgerA.createStatement(); Statement damageB = ledgerB.createStatement()) {
            damageA.execute("UPDATE account SET balance = balance + 1.00 WHERE id = '" + a.get(0) + "'");
            damageB.execute(orphan);
            try {
                Await.until(Duration.ofSeconds(30), () -> "the damage named on the status", () -> {
                    String violations = invariant(http, status).getJsonArray("violations").toString();
                    return violations.contains("1 account(s) whose entries do not add up to balance - opening")
                            && violations.contains("1 entr(ies) for unknown accounts")
                            && violations.contains("!= total opening balance");
                });
                assertFalse(invariant(http, status).getBoolean("holds"));
            } finally {
                damageB.execute("DELETE FROM ledger_entry WHERE record_id = 'k-orphan'");
                damageA.execute("UPDATE account SET balance = balance - 1.00 WHERE id = '" + a.get(0) + "'");
            }
        }
        Await.until(Duration.ofSeconds(30), () -> "the invariant holds once repaired", () -> invariant(http, status).getBoolean("holds"));
        assertEquals(0, invariant(http, status).getJsonArray("violations").size());
    }

    private static JsonObject invariant(HttpClient http, URI status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(status)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("monitor:monitor-pw-1".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject().getJsonObject("invariant");
    }

    private static Map<String, BigDecimal> balances(List<String> a, List<String> b) throws Exception {
        Map<String, BigDecimal> balances = new HashMap<>();
        for (String account : concat(a, b)) {
            balances.put(account, Books.balance(account));
        }
        return balances;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Map<String, Long> xaCounts() throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (String ds : List.of("ledgerA", "ledgerB")) {
            ModelNode op = new ModelNode();
            op.get("operation").set("read-resource");
            op.get("include-runtime").set(true);
            op.get("address").add("subsystem", "datasources").add("xa-data-source", ds).add("statistics", "pool");
            ModelNode result = execute(op);
            for (String stat : List.of("XAPrepareCount", "XACommitCount")) {
                counts.put(ds + "." + stat, result.get(stat).asLong());
            }
        }
        return counts;
    }

    private long narayana(String attribute) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("read-attribute");
        op.get("name").set(attribute);
        op.get("address").add("subsystem", "transactions");
        return execute(op).asLong();
    }

    private ModelNode execute(ModelNode op) throws IOException {
        ModelNode response = management.getControllerClient().execute(op);
        assertEquals("success", response.get("outcome").asString(), response::toString);
        return response.get("result");
    }
}

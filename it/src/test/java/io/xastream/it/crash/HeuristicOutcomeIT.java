package io.xastream.it.crash;

import io.xastream.harness.PreparedBranches;
import io.xastream.harness.WildFlyServer;
import io.xastream.it.Await;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.LedgerStack;
import io.xastream.it.Transfers;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A heuristic outcome, provoked the way it happens in real life: after the coordinator has logged
 * its decision to commit, someone rolls back the PostgreSQL branch by hand. The commit then fails on
 * that branch while the others commit. The test holds the product to "never silent": the outcome is
 * counted in Narayana's statistics, kept in the log store across recovery passes for an operator,
 * and {@code GET /api/in-doubt} shows it with its heuristic participant and the record it carried.
 * Once the books are repaired, an operator forgets it.
 */
@ExtendWith(LedgerStack.class)
class HeuristicOutcomeIT {

    private static final int PORT_OFFSET = WildFlyServer.freePortOffset();
    private static final String MARKER = "XASTREAM-HEURISTIC-WINDOW ";
    private static final String RECOVERY_PASS = "XASTREAM-RECOVERY-PASS";
    private static final String MONITOR = "Basic " + Base64.getEncoder().encodeToString("monitor:monitor-pw-1".getBytes(StandardCharsets.UTF_8));
    private static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("operator:operator-pw-1".getBytes(StandardCharsets.UTF_8));

    /** Holds the first commit decision of an apply transaction open for 15 s, naming its transaction. */
    private static final String RULE = """
            RULE mark threads that wrote both ledgers
            CLASS io.xastream.ledger.control.Ledgers
            METHOD book
            AT EXIT
            IF TRUE
            DO flag(Thread.currentThread())
            ENDRULE

            RULE hold the first commit decision open
            CLASS com.arjuna.ats.arjuna.coordinator.BasicAction
            METHOD phase2Commit
            AT ENTRY
            IF flagged(Thread.currentThread()) && flag("xastream.heuristic-window")
            DO traceln("%s" + $0.get_uid()); delay(15000)
            ENDRULE

            RULE mark each recovery pass over the log store's transactions
            CLASS com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule
            METHOD periodicWorkSecondPass
            AT EXIT
            IF TRUE
            DO traceln("%s")
            ENDRULE
            """.formatted(MARKER, RECOVERY_PASS);

    @Test
    void aBranchRolledBackByHandAfterTheCommitDecisionIsCountedKeptAndTracedToItsRecord() throws Exception {
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "heuristic");
        Files.createDirectories(dir);
        Path rules = Files.writeString(dir.resolve("heuristic.btm"), RULE);
        Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());

        try (WildFlyServer server = OwnServer.withByteman(dir.resolve("server"), PORT_OFFSET, properties, rules)) {
            server.awaitApplication(Duration.ofMinutes(3));
            Books.seed(List.of("A-H1"), new BigDecimal("100.00"));
            Books.seed(List.of("B-H1"), new BigDecimal("100.00"));
            try (Broker broker = new Broker(server.httpPort())) {
                broker.send(List.of(Transfers.record("heur-1", "A-H1", "B-H1", "10.00")));
            }

            // The decision is logged and the commit held: roll back ledger A's branch behind the coordinator's back.
            String transaction = awaitMarker(server.baseDir().resolve("console.log"), Duration.ofSeconds(60));
            PreparedBranches prepared = PreparedBranches.read(server.baseDir(), LedgerStack.ledgerA(), LedgerStack.ledgerB());
            assertEquals(1, prepared.postgres().size(), "ledger A's prepared branch: " + prepared);
            assertTrue(prepared.logStore().contains(transaction.replace(':', '_')), "decision logged: " + prepared);
            try (Connection c = LedgerStack.ledgerA().open(); Statement s = c.createStatement()) {
                s.execute("ROLLBACK PREPARED '" + prepared.postgres().iterator().next() + "'");
            }

            // Detected and identified: the in-doubt view shows the transaction, its heuristic participant and its record.
            JsonObject inDoubt = awaitHeuristic(server.httpPort(), Duration.ofSeconds(60));
            JsonObject logged = transaction(inDoubt, transaction).orElseThrow(() -> new AssertionError(
                    "transaction " + transaction + " not in the in-doubt view: " + inDoubt));
            System.out.println("heuristic transaction as GET /api/in-doubt shows it: " + logged);
            assertEquals(List.of("heur-1"), logged.getJsonArray("records").getValuesAs(JsonValue::toString).stream()
                    .map(v -> v.replace("\"", "")).toList(), logged.toString());
            JsonObject heuristic = logged.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                    .filter(p -> p.getString("status", "").startsWith("HEURISTIC")).findFirst()
                    .orElseThrow(() -> new AssertionError("no heuristic participant: " + logged));
            assertTrue(heuristic.toString().contains("ledgerA") || heuristic.toString().contains("PostgreSQL"),
                    "the heuristic participant is ledger A's branch: " + heuristic);

            // Counted.
            JsonObject status = get(server.httpPort(), "/xastream/api/status");
            assertTrue(status.getJsonObject("transactions").getJsonNumber("heuristics").longValue() >= 1, status.toString());

            // Kept: three recovery passes later the record is still in the log store for an operator.
            Path console = server.baseDir().resolve("console.log");
            long passes = recoveryPasses(console) + 3;
            Await.until(Duration.ofSeconds(90), () -> passes + " recovery passes since the server started",
                    () -> recoveryPasses(console) >= passes);
            assertTrue(PreparedBranches.read(server.baseDir(), LedgerStack.ledgerA(), LedgerStack.ledgerB())
                    .logStore().contains(transaction.replace(':', '_')), "the heuristic transaction left the log store");
            assertTrue(transaction(get(server.httpPort(), "/xastream/api/in-doubt"), transaction).isPresent());

            // What the operator must repair: ledger B committed its half, ledger A's half is gone.
            assertEquals(new BigDecimal("100.00"), Books.balance("A-H1"));
            assertEquals(new BigDecimal("110.00"), Books.balance("B-H1"));
            assertEquals(List.of("B-H1:10.00"), Books.entriesByRecord("heur-1").get("heur-1"));

            // Repaired by hand, the operator forgets the outcome: ledger A's half as the transaction would
            // have written it (the debit, its entry, the record's outcome), so the books balance again
            // and later checks of every account (the soak's) find nothing left of the experiment.
            try (Connection c = LedgerStack.ledgerA().open(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("UPDATE account SET balance = balance - 10.00 WHERE id = 'A-H1'");
                s.execute("INSERT INTO ledger_entry (record_id, account_id, amount, counterparty, event_time, applied_at)"
                        + " VALUES ('heur-1', 'A-H1', -10.00, 'B-H1', now(), now())");
                s.execute("INSERT INTO record_outcome (record_id, settled_record_id, outcome, delivery_attempt, recorded_at)"
                        + " VALUES ('heur-1', 'heur-1', 'SETTLED', 1, now())");
                c.commit();
            }
            Books.assertBalanced(List.of("A-H1", "B-H1"), new BigDecimal("100.00"), "heur-");
            assertEquals(Map.of("heur-1", List.of("SETTLED")), Books.outcomes("heur-"));
            HttpResponse<String> forget = operatorPost(server.httpPort(),
                    "/xastream/api/in-doubt/transactions/" + transaction + "/forget");
            assertEquals(200, forget.statusCode(), forget.body());
            assertTrue(transaction(get(server.httpPort(), "/xastream/api/in-doubt"), transaction).isEmpty(), "still in the view");
            assertTrue(!PreparedBranches.read(server.baseDir(), LedgerStack.ledgerA(), LedgerStack.ledgerB())
                    .logStore().contains(transaction.replace(':', '_')), "still in the log store");
            assertEquals(1, Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM operator_action"
                    + " WHERE action = 'forget' AND outcome = 'done' AND target = ?", "log store/" + transaction));
        }
    }

    private static String awaitMarker(Path console, Duration timeout) throws Exception {
        Pattern marker = Pattern.compile(Pattern.quote(MARKER) + "(\\S+)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(console)) {
                Matcher m = marker.matcher(Files.readString(console));
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the commit was never held (no " + MARKER.trim() + " in " + console + ")");
    }

    private static long recoveryPasses(Path console) throws Exception {
        return Files.readAllLines(console).stream().filter(line -> line.contains(RECOVERY_PASS)).count();
    }

    private static JsonObject awaitHeuristic(int httpPort, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject inDoubt;
        do {
            inDoubt = get(httpPort, "/xastream/api/in-doubt");
            if (inDoubt.getJsonNumber("heuristics").longValue() > 0) {
                return inDoubt;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no heuristic reported within " + timeout + ": " + inDoubt);
    }

    private static Optional<JsonObject> transaction(JsonObject inDoubt, String id) {
        return inDoubt.getJsonArray("logStore").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("id").equals(id)).findFirst();
    }

    /** A POST as the operator, with the CSRF token its session gives. */
    private static HttpResponse<String> operatorPost(int httpPort, String path) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = Json.createReader(new StringReader(http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/xastream/api/session"))
                        .header("Authorization", OPERATOR).build(), HttpResponse.BodyHandlers.ofString()).body()))
                .readObject().getString("csrfToken");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .header("Authorization", OPERATOR).header("X-CSRF-Token", token)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject get(int httpPort, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).header("Authorization", MONITOR).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}

package io.xastream.it.operation;

import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.Deployments;
import io.xastream.it.LedgerStack;
import io.xastream.it.SystemTest;
import io.xastream.it.Transfers;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator API over plain HTTP: who may do what, the CSRF token, ids that could be injections,
 * actions that find nothing, discard, the audit log, Prometheus metrics and the OpenAPI document.
 */
@SystemTest
class OperatorApiIT {

    private static final String MONITOR = ApiClient.MONITOR;
    private static final String OPERATOR = ApiClient.OPERATOR;
    private static final String UPLOT = "/xastream/webjars/uplot/1.6.30/dist/uPlot.iife.min.js";
    private final ApiClient api = new ApiClient();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void anonymousUsersGetNothing() throws Exception {
        // The chart library's WebJar too: the constraint on /* covers what the WAR's jars serve.
        for (String path : List.of("/xastream/", "/xastream/api/status", "/xastream/api/metrics", "/xastream/openapi.json",
                "/xastream/api/dead-letters", UPLOT)) {
            assertEquals(401, get(path, null).statusCode(), path);
        }
        assertEquals(401, post("/xastream/api/recovery/scan", null, null).statusCode());
    }

    /** The overview's chart library comes from its WebJar in the WAR, as a script: nosniff refuses any other type. */
    @Test
    void theChartLibraryIsServedToAMonitorAsAScript() throws Exception {
        HttpResponse<String> uplot = get(UPLOT, MONITOR);
        assertEquals(200, uplot.statusCode());
        assertTrue(uplot.headers().firstValue("Content-Type").orElse("").contains("javascript"), uplot.headers().map().toString());
        assertTrue(uplot.body().contains("uPlot"));
    }

    /** Issue 17, item 10: a token is bound to its user and its login; logout voids it, a new one works. */
    @Test
    void aTokenStopsWorkingAfterLogoutAndNeverWorksForAnotherUser() throws Exception {
        JsonObject first = session(OPERATOR);
        String token = first.getString("csrfToken");
        assertTrue(first.getJsonNumber("csrfTokenLifetimeSeconds").longValue() > 0, first.toString());
        assertNotEquals(token, session(OPERATOR).getString("csrfToken"), "every session read issues a new token");
        assertEquals(200, post("/xastream/api/recovery/scan", OPERATOR, token).statusCode());
        String monitorToken = session(MONITOR).getString("csrfToken");
        assertEquals(403, post("/xastream/api/recovery/scan", OPERATOR, monitorToken).statusCode(),
                "a monitor's token does not let the operator act");
        assertEquals(403, post("/xastream/api/session/logout", OPERATOR, monitorToken).statusCode(),
                "nor log the operator out");

        HttpResponse<String> logout = post("/xastream/api/session/logout", OPERATOR, token);
        assertEquals(200, logout.statusCode(), logout.body());
        assertEquals("done", json(logout.body()).asJsonObject().getString("outcome"));
        HttpResponse<String> after = post("/xastream/api/recovery/scan", OPERATOR, token);
        assertEquals(403, after.statusCode(), after.body());
        assertEquals("denied", json(after.body()).asJsonObject().getString("outcome"));
        assertEquals(200, post("/xastream/api/recovery/scan", OPERATOR, session(OPERATOR).getString("csrfToken")).statusCode(),
                "a token issued after the logout works");

        assertEquals(200, post("/xastream/api/session/logout", MONITOR, monitorToken).statusCode(), "a monitor may log out");
        assertEquals(403, post("/xastream/api/session/logout", MONITOR, monitorToken).statusCode(), "with a token of before it, once");
        JsonArray audit = json(get("/xastream/api/audit", MONITOR).body()).asJsonArray();
        assertTrue(audit.getValuesAs(JsonObject.class).stream().anyMatch(entry -> entry.getString("actor").equals("monitor")
                && entry.getString("action").equals("logout") && entry.getString("outcome").equals("done")), audit.toString());
    }

    @Test
    void actionsNeedTheOperatorRoleAndTheCsrfToken() throws Exception {
        String monitorToken = session(MONITOR).getString("csrfToken");
        JsonObject operator = session(OPERATOR);
        assertTrue(operator.getBoolean("operator"));
        assertEquals("operator", operator.getString("user"));

        assertEquals(403, post("/xastream/api/recovery/scan", MONITOR, monitorToken).statusCode(), "monitor");
        assertEquals(403, post("/xastream/api/recovery/scan", OPERATOR, null).statusCode(), "no token");
        assertEquals(403, post("/xastream/api/recovery/scan", OPERATOR, monitorToken).statusCode(), "another user's token");
        HttpResponse<String> scan = post("/xastream/api/recovery/scan", OPERATOR, operator.getString("csrfToken"));
        assertEquals(200, scan.statusCode(), scan.body());
        assertEquals("done", json(scan.body()).asJsonObject().getString("outcome"));

        JsonArray audit = json(get("/xastream/api/audit", MONITOR).body()).asJsonArray();
        assertTrue(audit.getValuesAs(JsonObject.class).stream().anyMatch(entry -> entry.getString("actor").equals("operator")
                && entry.getString("action").equals("recovery-scan") && entry.getString("outcome").equals("done")), audit.toString());
    }

    @Test
    void idsThatAreNotIdsAreRefusedBeforeTheyReachASelectorOrSql() throws Exception {
        String token = session(OPERATOR).getString("csrfToken");
        HttpResponse<String> trace = get("/xastream/api/records/x'%20OR%20'1'='1", MONITOR);
        assertEquals(400, trace.statusCode(), trace.body());
        assertTrue(json(trace.body()).asJsonObject().getString("error").contains("record id"), trace.body());
        assertEquals(400, post("/xastream/api/dead-letters/x'%20OR%201=1/replay", OPERATOR, token).statusCode());
        assertEquals(400, get("/xastream/api/dead-letters?limit=0", MONITOR).statusCode());

        HttpResponse<String> unknown = get("/xastream/api/records/api-never-sent", MONITOR);
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown", json(unknown.body()).asJsonObject().getString("state"));
    }

    @Test
    void aDiscardedDeadLetterIsGoneAndAuditedAndASecondTryFindsNothing() throws Exception {
        Books.seed(List.of("A-API1"), new BigDecimal("50.00"));
        try (Broker broker = new Broker(Deployments.httpPort())) {
            broker.sendTo(Broker.DEAD_LETTER, List.of(Transfers.record("api-dl-1", "A-API1", "B-API-NONE", "1.00")));
        }
        String messageId = awaitParked("api-dl-1");
        String token = session(OPERATOR).getString("csrfToken");

        HttpResponse<String> discard = post("/xastream/api/dead-letters/" + messageId + "/discard", OPERATOR, token);
        assertEquals(200, discard.statusCode(), discard.body());
        assertEquals(404, get("/xastream/api/dead-letters/" + messageId, MONITOR).statusCode());
        HttpResponse<String> again = post("/xastream/api/dead-letters/" + messageId + "/replay", OPERATOR, token);
        assertEquals(404, again.statusCode(), again.body());
        assertEquals("not-found", json(again.body()).asJsonObject().getString("outcome"));

        assertEquals(1, Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM operator_action WHERE action = 'discard'"
                + " AND outcome = 'done' AND target = ?", "dead-letters/" + messageId));
        assertEquals(1, Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM operator_action WHERE action = 'replay'"
                + " AND outcome = 'not-found' AND target = ?", "dead-letters/" + messageId));
        // Nothing of it reached the ledgers.
        assertTrue(Books.outcomes("api-dl-1").isEmpty());
        assertEquals(new BigDecimal("50.00"), Books.balance("A-API1"));
    }

    /**
     * Branches prepared by hand, under names no transaction manager wrote: recovery leaves such
     * orphans alone, so only an operator can end them.
     */
    @Test
    void anOperatorEndsOrphanedBranchesInBothDatabasesAndIsRefusedWhatRecoveryOwns() throws Exception {
        String token = session(OPERATOR).getString("csrfToken");
        String postgres = "xastream-orphan-a";
        // As XA RECOVER FORMAT='SQL' lists a printable xid of format 1 without branch qualifier.
        String mariaDb = "'xastream-orphan-b'";
        try {
            try (Connection c = LedgerStack.ledgerA().open(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("INSERT INTO account (id, balance, opening_balance, version) VALUES ('A-ORPHAN', 5.00, 5.00, 0)");
                s.execute("PREPARE TRANSACTION '" + postgres + "'");
            }
            try (Connection c = LedgerStack.ledgerB().open(); Statement s = c.createStatement()) {
                s.execute("XA START 'xastream-orphan-b'");
                s.execute("INSERT INTO account (id, balance, opening_balance, version) VALUES ('B-ORPHAN', 5.00, 5.00, 0)");
                s.execute("XA END 'xastream-orphan-b'");
                s.execute("XA PREPARE 'xastream-orphan-b'");
            }
            // Shown once they have been prepared for more than the in-flight window.
            JsonObject view = awaitInDoubt(v -> names(v, "postgres").contains(postgres) && names(v, "mariaDb").contains(mariaDb));

            HttpResponse<String> rollback = post("/xastream/api/in-doubt/branches/postgres/rollback?name=" + postgres, OPERATOR, token);
            assertEquals(200, rollback.statusCode(), rollback.body());
            HttpResponse<String> commit = post("/xastream/api/in-doubt/branches/mariadb/commit?name="
                    + URLEncoder.encode(mariaDb, StandardCharsets.UTF_8), OPERATOR, token);
            assertEquals(200, commit.statusCode(), commit.body());

            assertEquals(0, Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM pg_prepared_xacts WHERE gid = ?", postgres));
            assertEquals(null, Books.balance("A-ORPHAN"), "rolled back");
            assertEquals(new BigDecimal("5.00"), Books.balance("B-ORPHAN"), "committed");
            view = json(get("/xastream/api/in-doubt", MONITOR).body()).asJsonObject();
            assertTrue(!names(view, "postgres").contains(postgres) && !names(view, "mariaDb").contains(mariaDb), view.toString());
            assertEquals(2, Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM operator_action WHERE actor = 'operator'"
                    + " AND outcome = 'done' AND target IN (?, ?)", "postgres/" + postgres, "mariadb/" + mariaDb));
        } finally {
            try (Connection c = LedgerStack.ledgerA().open(); Statement s = c.createStatement()) {
                if (Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM pg_prepared_xacts WHERE gid = ?", postgres) > 0) {
                    s.execute("ROLLBACK PREPARED '" + postgres + "'");
                }
            }
            try (Connection c = LedgerStack.ledgerB().open(); Statement s = c.createStatement()) {
                s.execute("XA ROLLBACK 'xastream-orphan-b'");
            } catch (SQLException alreadyEnded) {
                // XAER_NOTA: the test ended it
            }
        }

        // What recovery owns, or what does not exist, is not the operator's to end.
        HttpResponse<String> gone = post("/xastream/api/in-doubt/branches/postgres/commit?name=" + postgres, OPERATOR, token);
        assertEquals(404, gone.statusCode(), gone.body());
        HttpResponse<String> forget = post("/xastream/api/in-doubt/transactions/0:ffff7f000001:1:2:3/forget", OPERATOR, token);
        assertEquals(404, forget.statusCode(), forget.body());
        assertEquals(403, post("/xastream/api/in-doubt/branches/postgres/rollback?name=x", MONITOR,
                session(MONITOR).getString("csrfToken")).statusCode(), "monitor");
    }

    private JsonObject awaitInDoubt(java.util.function.Predicate<JsonObject> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonObject view;
        do {
            view = json(get("/xastream/api/in-doubt", MONITOR).body()).asJsonObject();
            if (condition.test(view)) {
                return view;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not in doubt as expected: " + view);
    }

    private static List<String> names(JsonObject view, String resource) {
        return view.getJsonArray(resource).getValuesAs(JsonObject.class).stream().map(b -> b.getString("name")).toList();
    }

    @Test
    void metricsForPrometheusAndTheOpenApiDocument() throws Exception {
        String settledRows = "SELECT COUNT(*) FROM record_outcome WHERE outcome = 'SETTLED'";
        long settledBefore = Books.count(LedgerStack.ledgerA(), settledRows);
        HttpResponse<String> metrics = get("/xastream/api/metrics", MONITOR);
        long settledAfter = Books.count(LedgerStack.ledgerA(), settledRows);
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), metrics.headers().toString());
        Matcher settled = Pattern.compile("(?m)^xastream_records_total\\{outcome=\"settled\"} ([0-9.eE+]+)$").matcher(metrics.body());
        assertTrue(settled.find(), metrics.body());
        long reported = (long) Double.parseDouble(settled.group(1));
        assertTrue(settledBefore <= reported && reported <= settledAfter, reported + " settled, the ledger says " + settledBefore);
        assertTrue(metrics.body().contains("xastream_invariant_holds 1.0\n"), metrics.body());
        assertTrue(metrics.body().contains("xastream_queue_consumers{queue=\"xastream.transfers\"} "), metrics.body());
        // A scraper that asks for OpenMetrics (as Prometheus does first) gets it.
        HttpResponse<String> openMetrics = api.send(HttpRequest.newBuilder(ApiClient.uri("/xastream/api/metrics"))
                .header("Authorization", MONITOR)
                .header("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
        assertEquals(200, openMetrics.statusCode(), openMetrics.body());
        assertTrue(openMetrics.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
                openMetrics.headers().toString());
        assertTrue(openMetrics.body().contains("# TYPE xastream_records counter\n"), openMetrics.body());
        assertTrue(openMetrics.body().endsWith("# EOF\n"), openMetrics.body());

        HttpResponse<String> openApi = get("/xastream/openapi.json", MONITOR);
        assertEquals(200, openApi.statusCode());
        JsonObject document = json(openApi.body()).asJsonObject();
        assertTrue(document.getString("openapi").startsWith("3."), document.getString("openapi"));
        assertTrue(document.getJsonObject("paths").containsKey("/dead-letters/{messageId}/replay"));
    }

    private String awaitParked(String recordId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            for (JsonObject message : json(get("/xastream/api/dead-letters", MONITOR).body()).asJsonArray().getValuesAs(JsonObject.class)) {
                if (recordId.equals(message.getString("recordId", null))) {
                    return message.getString("messageId");
                }
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(recordId + " never showed in the dead-letter queue");
    }

    private JsonObject session(String authorization) throws Exception {
        return api.session(authorization);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return api.get(path, authorization);
    }

    private HttpResponse<String> post(String path, String authorization, String csrfToken) throws Exception {
        return api.post(path, authorization, csrfToken);
    }

    private static JsonStructure json(String body) {
        return ApiClient.json(body);
    }
}

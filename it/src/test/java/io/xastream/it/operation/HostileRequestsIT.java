package io.xastream.it.operation;

import io.xastream.it.Books;
import io.xastream.it.Deployments;
import io.xastream.it.LedgerStack;
import io.xastream.it.SelfSignedHttps;
import io.xastream.it.SystemTest;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.xastream.it.operation.ApiClient.MONITOR;
import static io.xastream.it.operation.ApiClient.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile client sends gets a 4xx with a reason, never a 5xx; every refused operator action
 * leaves an audit row, its value escaped; every answer carries the browser security headers.
 * No test here sends a wrong password for a real user: Elytron would lock them out.
 */
@SystemTest
class HostileRequestsIT {

    private static final String AUDIT_COUNT = "SELECT COUNT(*) FROM operator_action WHERE actor = ? AND outcome = ?";
    /** Percent-encoded: NUL, line feed, escape, DEL, a C1 control, a bidi override, over-long. */
    private static final List<String> BAD_VALUES = List.of("ID:%00", "ID:a%0Ab", "%1B%5B31m", "ID:%7F", "ID:%C2%85",
            "ID:%E2%80%AE", "ID:" + "a".repeat(3000));
    private static final List<String> MALICIOUS_NAMES = List.of("x'; DROP TABLE account; --", "X'00'; XA COMMIT X'01'",
            "X'00',X'01',131077; DROP TABLE account", "a/*b*/", "a -- b", "'a'b'", "x\\' OR 1=1", "\u0000", "a".repeat(1500));

    private final ApiClient api = new ApiClient();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void controlCharactersAndOverLongValuesInActionsAre400AndAuditedEscaped() throws Exception {
        String token = api.session(OPERATOR).getString("csrfToken");
        long before = audited("operator", "invalid");
        List<String> paths = new ArrayList<>();
        for (String value : BAD_VALUES) {
            paths.add("/xastream/api/dead-letters/" + value + "/replay");
            paths.add("/xastream/api/rejected/" + value + "/discard");
            paths.add("/xastream/api/in-doubt/transactions/" + value + "/forget");
            paths.add("/xastream/api/in-doubt/branches/postgres/rollback?name=" + value);
        }
        for (String path : paths) {
            HttpResponse<String> response = api.post(path, OPERATOR, token);
            assertEquals(400, response.statusCode(), path + ": " + response.body());
            assertReasoned(response);
            assertSecurityHeaders(response);
        }
        assertEquals(before + paths.size(), audited("operator", "invalid"), "one audit row per refused action");
        assertTrue(Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM operator_action WHERE target LIKE ?",
                "%ID:\\\\u0000%") >= 2, "the NUL stored escaped");
        // Reads refuse them too, without an audit row: nothing was attempted.
        for (String value : BAD_VALUES) {
            int status = api.get("/xastream/api/records/" + value, MONITOR).statusCode();
            assertEquals(400, status, value);
        }
    }

    @Test
    void actionsRefusedForTheRoleOrTheTokenAre403AndAudited() throws Exception {
        String monitorToken = api.session(MONITOR).getString("csrfToken");
        String operatorToken = api.session(OPERATOR).getString("csrfToken");
        long monitorBefore = audited("monitor", "denied");
        long operatorBefore = audited("operator", "denied");
        List<String> actions = List.of("/xastream/api/recovery/scan", "/xastream/api/dead-letters/ID:1/replay",
                "/xastream/api/rejected/ID:1/discard", "/xastream/api/in-doubt/transactions/0:ffff7f000001:1:2:3/forget",
                "/xastream/api/in-doubt/branches/mariadb/commit?name=%27x%27", "/xastream/api/dead-letters/ID:%00/replay",
                "/xastream/api/in-doubt/branches/postgres/rollback");
        int operatorRefusals = 0;
        for (String action : actions) {
            assertEquals(403, api.post(action, MONITOR, monitorToken).statusCode(), "monitor " + action);
            assertEquals(403, api.post(action, MONITOR, operatorToken).statusCode(), "monitor with the operator's token " + action);
            for (String token : new String[]{null, "", monitorToken, operatorToken + "x", "%00", "a".repeat(5000)}) {
                HttpResponse<String> response = api.post(action, OPERATOR, token);
                assertEquals(403, response.statusCode(), "operator, token " + token + ": " + action);
                assertReasoned(response);
                operatorRefusals++;
            }
        }
        assertEquals(monitorBefore + 2L * actions.size(), audited("monitor", "denied"));
        assertEquals(operatorBefore + operatorRefusals, audited("operator", "denied"));
        HttpResponse<String> forged = api.send(HttpRequest.newBuilder(ApiClient.uri("/xastream/api/recovery/scan"))
                .header("Authorization", OPERATOR).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")));
        assertEquals(403, forged.statusCode(), "a form another site posts carries no token");
    }

    @Test
    void maliciousXidsAre400BeforeAnyStatementAndAudited() throws Exception {
        String token = api.session(OPERATOR).getString("csrfToken");
        long before = audited("operator", "invalid");
        int sent = 0;
        for (String resource : List.of("postgres", "mariadb", "artemis")) {
            for (String decision : List.of("commit", "rollback")) {
                for (String name : MALICIOUS_NAMES) {
                    HttpResponse<String> response = api.post("/xastream/api/in-doubt/branches/" + resource + "/" + decision
                            + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), OPERATOR, token);
                    assertEquals(400, response.statusCode(), resource + " " + name + ": " + response.body());
                    sent++;
                }
            }
        }
        for (String id : List.of("0:1'; --", "0:ffff7f000001:1:2:3;", "x")) {
            assertEquals(400, api.post("/xastream/api/in-doubt/transactions/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + "/forget", OPERATOR, token).statusCode(), id);
            sent++;
        }
        assertEquals(400, api.post("/xastream/api/in-doubt/branches/postgres/rollback", OPERATOR, token).statusCode(), "no name");
        sent++;
        assertEquals(before + sent, audited("operator", "invalid"));
        assertEquals(1, Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'account'"));
    }

    @Test
    void wrongMethodsMediaTypesAndParametersAre4xxWithAJsonReason() throws Exception {
        String token = api.session(OPERATOR).getString("csrfToken");
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = api.send(HttpRequest.newBuilder(ApiClient.uri("/xastream/api/recovery/scan"))
                    .header("Authorization", OPERATOR).header("X-CSRF-Token", token)
                    .method(method, HttpRequest.BodyPublishers.noBody()));
            assertEquals(405, response.statusCode(), method);
            assertNotNull(response.headers().firstValue("Allow").orElse(null), method);
            assertReasoned(response);
        }
        assertEquals(405, api.get("/xastream/api/recovery/scan", OPERATOR).statusCode());
        assertEquals(405, api.post("/xastream/api/audit", OPERATOR, token).statusCode());
        HttpResponse<String> png = api.send(HttpRequest.newBuilder(ApiClient.uri("/xastream/api/status"))
                .header("Authorization", MONITOR).header("Accept", "image/png"));
        assertEquals(406, png.statusCode());
        assertReasoned(png);
        for (String path : List.of("/xastream/api/dead-letters?limit=abc", "/xastream/api/audit?limit=1e9",
                "/xastream/api/no-such-thing", "/xastream/api/dead-letters?limit=0")) {
            HttpResponse<String> response = api.get(path, MONITOR);
            assertTrue(response.statusCode() == 400 || response.statusCode() == 404, path + ": " + response.statusCode());
            assertReasoned(response);
        }
        HttpResponse<String> xml = api.send(HttpRequest.newBuilder(ApiClient.uri("/xastream/api/dead-letters/ID:1/replay"))
                .header("Authorization", OPERATOR).header("X-CSRF-Token", token).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<a/>")));
        assertTrue(xml.statusCode() < 500, xml.statusCode() + " " + xml.body());
    }

    @Test
    void oversizedBodiesAre413WithAReason() throws Exception {
        String token = api.session(OPERATOR).getString("csrfToken");
        // A declared 10 MB: answered before the body is sent.
        String answer = raw("POST /xastream/api/recovery/scan HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + OPERATOR
                + "\r\nX-CSRF-Token: " + token + "\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n{\"a\":");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("request body too large"), answer);
        // Chunked (no declared length): read up to the limit only.
        int size = 70_000;
        String chunked = raw("POST /xastream/api/recovery/scan HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + OPERATOR
                + "\r\nX-CSRF-Token: " + token + "\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(size) + "\r\n"
                + "a".repeat(size) + "\r\n0\r\n\r\n");
        assertTrue(chunked.startsWith("HTTP/1.1 413"), chunked);
    }

    /** Elytron decoded these unchecked and answered 500; the host now refuses them (server-config authorization-header.cli). */
    @Test
    void malformedAuthorizationHeadersAre4xxNever500() throws Exception {
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> headers = List.of("Basic !!!", "Basic dXNlcjpwdw", "Basic ", "basic ====", "Basic YWJj ZGVm",
                "Basic " + base64.encodeToString("nocolon".getBytes(StandardCharsets.UTF_8)),
                "Basic " + base64.encodeToString(new byte[]{(byte) 0xff, (byte) 0xfe, ':', (byte) 0xc3}),
                "Basic " + base64.encodeToString("nobody:".getBytes(StandardCharsets.UTF_8)),
                "Basic " + base64.encodeToString((":" + "p".repeat(10_000)).getBytes(StandardCharsets.UTF_8)),
                "Bearer x.y.z", "Digest username=\"a\"", "Negotiate !!!", "NTLM", "Basic=", "B");
        for (String header : headers) {
            for (String path : List.of("/xastream/", "/xastream/api/status")) {
                HttpResponse<String> response = api.get(path, header);
                assertTrue(response.statusCode() >= 400 && response.statusCode() < 500,
                        header + " " + path + ": " + response.statusCode());
            }
        }
        assertEquals(400, api.get("/xastream/api/status", "Basic !!!").statusCode());
        // Control characters in a header cannot go through HttpClient: a raw request.
        String answer = raw("GET /xastream/api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic \u0001\u0000==\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
    }

    /**
     * Issue 17, item 15: every operation openapi.json documents, with hostile path and query values,
     * under every kind of caller (none, an unknown user, a monitor, the operator without a token and
     * with a monitor's token, the operator with a token of their own). No answer is a 5xx; nobody
     * without the operator role or without their own token gets an action run, and each such refusal
     * leaves an audit row.
     */
    @Test
    void aSweepOfEveryOperationWithHostileValuesAndCallersNeverGets5xx() throws Exception {
        JsonObject paths = ApiClient.json(api.get("/xastream/openapi.json", MONITOR).body()).asJsonObject().getJsonObject("paths");
        List<String> values = List.of("ID:1", "%00", "a%0Ab", "%FF%FE", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "%27%20OR%201%3D1%20--", "%E2%80%AE", "%C3%A9", "-1", "99999999999999999999", "a".repeat(5000));
        String nobody = ApiClient.basic("nobody", "no-password");
        String monitorToken = api.session(MONITOR).getString("csrfToken");
        long monitorDenied = audited("monitor", "denied");
        long operatorDenied = audited("operator", "denied");
        int requests = 0;
        int monitorRefusals = 0;
        int operatorRefusals = 0;
        for (String template : paths.keySet()) {
            if (template.endsWith("/stream") || template.equals("/session/logout")) {
                continue; // an event stream never ends; logout has its own test (OperatorApiIT)
            }
            for (String method : paths.getJsonObject(template).keySet()) {
                boolean post = method.equals("post");
                for (String value : values) {
                    String path = "/xastream/api" + template.replaceAll("\\{[^}]+}", value) + "?limit=" + value + "&name=" + value;
                    List<String[]> callers = new ArrayList<>();
                    callers.add(new String[]{"none", null, null});
                    callers.add(new String[]{"unknown user", nobody, null});
                    callers.add(new String[]{"monitor", MONITOR, monitorToken});
                    if (post) {
                        callers.add(new String[]{"operator without a token", OPERATOR, null});
                        callers.add(new String[]{"operator with a monitor's token", OPERATOR, monitorToken});
                        if (!template.equals("/recovery/scan")) { // a real pass each time: OperatorApiIT runs one
                            callers.add(new String[]{"operator", OPERATOR, api.session(OPERATOR).getString("csrfToken")});
                            requests++;
                        }
                    } else {
                        callers.add(new String[]{"operator", OPERATOR, null});
                    }
                    for (String[] caller : callers) {
                        HttpResponse<String> response = post ? api.post(path, caller[1], caller[2]) : api.get(path, caller[1]);
                        requests++;
                        String what = method.toUpperCase() + " " + path.substring(0, Math.min(path.length(), 120)) + " as " + caller[0];
                        assertTrue(response.statusCode() < 500, what + ": " + response.statusCode() + " " + response.body());
                        boolean refused = post && !caller[0].equals("operator");
                        if (caller[1] == null || caller[1].equals(nobody)) {
                            assertEquals(401, response.statusCode(), what);
                        } else if (refused) {
                            // 403 and audited; a path the server cannot route at all is a 400 or 404 before that
                            assertTrue(response.statusCode() == 403 || response.statusCode() == 400 || response.statusCode() == 404,
                                    what + ": " + response.statusCode());
                            if (response.statusCode() == 403) {
                                if (caller[1].equals(MONITOR)) {
                                    monitorRefusals++;
                                } else {
                                    operatorRefusals++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(requests >= 300, requests + " requests");
        assertTrue(monitorRefusals >= 50 && operatorRefusals >= 100, monitorRefusals + " and " + operatorRefusals + " refusals");
        assertEquals(monitorDenied + monitorRefusals, audited("monitor", "denied"), "one audit row per refused action");
        assertEquals(operatorDenied + operatorRefusals, audited("operator", "denied"), "one audit row per refused action");
    }

    @Test
    @SuppressWarnings("try") // the event stream's body is opened only to be closed
    void everyPageAndApiAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/xastream/", "/xastream/index.html", "/xastream/records.html", "/xastream/status.js",
                "/xastream/status.css", "/xastream/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/xastream/api/status",
                "/xastream/api/session", "/xastream/api/records/x%00", "/xastream/api/no-such-thing", "/xastream/openapi.json")) {
            HttpResponse<String> response = api.get(path, MONITOR);
            assertTrue(response.statusCode() < 500, path);
            assertSecurityHeaders(response);
        }
        HttpResponse<InputStream> events = ApiClient.http().send(HttpRequest.newBuilder(ApiClient.uri("/xastream/api/status/stream"))
                .header("Authorization", MONITOR).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        // The stream never ends: only its status and headers are read, and the body is closed unread.
        try (InputStream unread = events.body()) {
            assertEquals(200, events.statusCode());
            assertSecurityHeaders(events);
        }
    }

    /** Issue 17, item 9: the dashboard is served over HTTPS (WildFly's self-signed pair), with HSTS there only. */
    @Test
    void overHttpsTheDashboardAnswersWithHsts() throws Exception {
        HttpClient https = SelfSignedHttps.client();
        int port = SelfSignedHttps.portFor(Deployments.httpPort());
        for (String path : List.of("/xastream/", "/xastream/api/status")) {
            HttpResponse<String> response = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                    .header("Authorization", MONITOR).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            assertTrue(response.headers().firstValue("Strict-Transport-Security").orElse("").contains("max-age="),
                    path + ": " + response.headers().map());
        }
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("connect-src 'self'")
                && csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), response.uri() + ": " + csp);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), response.uri().toString());
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(null), response.uri().toString());
        assertNull(response.headers().firstValue("Strict-Transport-Security").orElse(null), "plain HTTP: no HSTS");
    }

    private static void assertReasoned(HttpResponse<String> response) {
        JsonObject body = ApiClient.json(response.body()).asJsonObject();
        String reason = body.containsKey("error") ? body.getString("error") : body.getString("detail", "");
        assertFalse(reason.isBlank(), response.body());
    }

    private static long audited(String actor, String outcome) throws Exception {
        return Books.count(LedgerStack.ledgerA(), AUDIT_COUNT, actor, outcome);
    }

    /** One request as bytes, for what HttpClient refuses to send; the answer's head and start of body. */
    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", Deployments.httpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // Read until the server closes or goes quiet (a kept-alive connection stays open).
            socket.setSoTimeout(3_000);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; answer.size() < 8192 && (n = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException quiet) {
                // all there is
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}

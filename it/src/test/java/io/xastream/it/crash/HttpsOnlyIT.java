package io.xastream.it.crash;

import io.xastream.harness.WildFlyServer;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.LedgerStack;
import io.xastream.it.SelfSignedHttps;
import io.xastream.it.Transfers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, item 9: the production setting xastream.http.https-only (server-config https-only.cli).
 * With it, nothing of the dashboard answers over plain HTTP, with or without BASIC credentials, so a
 * password never crosses the network in clear; HTTPS answers as usual, and the feeder's JMS
 * connection, an HTTP upgrade on the same port, still works. A server of its own: the setting is
 * read at boot, and the shared test server runs without it.
 */
@ExtendWith(LedgerStack.class)
class HttpsOnlyIT {

    private static final String MONITOR = "Basic "
            + Base64.getEncoder().encodeToString("monitor:monitor-pw-1".getBytes(StandardCharsets.UTF_8));

    @Test
    void plainHttpIsRefusedBeforeAnyPasswordIsCheckedAndHttpsServes() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());
        properties.put("xastream.http.https-only", "true");
        try (WildFlyServer server = OwnServer.start(Path.of(System.getProperty("xastream.it.dir"), "https-only"), properties)) {
            HttpClient https = SelfSignedHttps.client();
            URI status = URI.create("https://127.0.0.1:" + SelfSignedHttps.portFor(server.httpPort()) + "/xastream/api/status");
            assertEquals(200, awaitStatus(https, status, Duration.ofMinutes(3)), "the API over HTTPS");

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String plain = "http://127.0.0.1:" + server.httpPort();
            for (String path : List.of("/xastream/", "/xastream/api/status", "/xastream/index.html", "/elsewhere")) {
                for (String authorization : new String[]{MONITOR, "Basic bm9ib2R5Om5vdGhpbmc=", null}) {
                    if (authorization == null && path.equals("/elsewhere")) {
                        continue; // no credentials, not the application: WildFly's own answer, not under test
                    }
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(plain + path));
                    if (authorization != null) {
                        request.header("Authorization", authorization);
                    }
                    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    String what = path + " with " + (authorization == null ? "no credentials" : authorization);
                    assertEquals(403, answer.statusCode(), what);
                    assertTrue(answer.headers().firstValue("X-Refused").orElse("").contains("use HTTPS"), what);
                    assertTrue(answer.headers().firstValue("WWW-Authenticate").isEmpty(), what + ": no password challenge");
                }
            }

            Books.seed(List.of("A-TLS1"), new BigDecimal("100.00"));
            Books.seed(List.of("B-TLS1"), new BigDecimal("100.00"));
            try (Broker feeder = new Broker(server.httpPort(), "feeder", "feeder-pw-1");
                 Broker downstream = new Broker(server.httpPort(), "downstream", "downstream-pw-1")) {
                feeder.send(List.of(Transfers.record("https-only-1", "A-TLS1", "B-TLS1", "5.00")));
                assertEquals(1, downstream.await(Broker.SETTLED, "xastream_record_id = 'https-only-1'", 1,
                        Duration.ofSeconds(60)).size(), "JMS over the HTTP port still flows");
            }
            assertEquals(new BigDecimal("95.00"), Books.balance("A-TLS1"));
        }
    }

    private static int awaitStatus(HttpClient https, URI uri, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = https.send(HttpRequest.newBuilder(uri).header("Authorization", MONITOR).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == 200) {
                    return last;
                }
            } catch (java.io.IOException booting) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return last;
    }
}

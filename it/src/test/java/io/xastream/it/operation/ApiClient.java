package io.xastream.it.operation;

import io.xastream.it.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dashboard's API as a script sees it: BASIC credentials, the CSRF token on every POST. */
public final class ApiClient {

    public static final String MONITOR = basic("monitor", "monitor-pw-1");
    static final String OPERATOR = basic("operator", "operator-pw-1");

    /** HTTP/1.1, as most scripts and probes speak it (over plain HTTP an HTTP/2 upgrade answers an over-long URL with GOAWAY, no status). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    JsonObject session(String authorization) throws Exception {
        HttpResponse<String> response = get("/xastream/api/session", authorization);
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body()).asJsonObject();
    }

    public HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    HttpResponse<String> post(String path, String authorization, String csrfToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        return send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpClient http() {
        return HTTP;
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + Deployments.httpPort() + path);
    }

    public static JsonStructure json(String body) {
        return Json.createReader(new StringReader(body)).read();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

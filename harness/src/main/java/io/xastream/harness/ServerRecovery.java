package io.xastream.harness;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a running server says of its recovery after a restart ({@code recovery} in
 * {@code GET /xastream/api/status}): whether what earlier runs left in doubt is all resolved, how
 * long after the server answered, and how much there was per resource. For the run command's banner.
 *
 * @param finishedAfterSeconds seconds from the server answering to nothing left in doubt; null while recovering
 */
public record ServerRecovery(String state, Double finishedAfterSeconds, List<String> resources, int fromEarlierRuns, int remaining) {

    public boolean finished() {
        return "finished".equals(state);
    }

    /** Polls the server until its recovery finished or {@code limit} passed; the last reading either way. */
    public static ServerRecovery await(WildFlyServer server, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        ServerRecovery recovery = read(server);
        while (!recovery.finished() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            recovery = read(server);
        }
        return recovery;
    }

    /** What the server says now. */
    public static ServerRecovery read(WildFlyServer server) throws IOException, InterruptedException {
        return parse(server.monitorGet("/xastream/api/status"));
    }

    static ServerRecovery parse(String statusJson) {
        try (JsonReader reader = Json.createReader(new StringReader(statusJson))) {
            JsonObject status = reader.readObject();
            if (!status.containsKey("recovery") || status.get("recovery").getValueType() != JsonValue.ValueType.OBJECT) {
                return new ServerRecovery("unknown", null, List.of(), 0, 0);
            }
            JsonObject recovery = status.getJsonObject("recovery");
            List<String> resources = new ArrayList<>();
            int earlier = 0;
            int remaining = 0;
            for (JsonObject resource : recovery.getJsonArray("resources").getValuesAs(JsonObject.class)) {
                earlier += resource.getInt("fromEarlierRuns");
                remaining += resource.getInt("remaining");
                resources.add(resource.getString("name") + " " + resource.getInt("resolved") + " of " + resource.getInt("fromEarlierRuns")
                        + (resource.getBoolean("readable") ? "" : " (unreadable)"));
            }
            Double after = recovery.containsKey("finishedAfterSeconds")
                    && recovery.get("finishedAfterSeconds").getValueType() == JsonValue.ValueType.NUMBER
                    ? recovery.getJsonNumber("finishedAfterSeconds").doubleValue() : null;
            return new ServerRecovery(recovery.getString("state"), after, resources, earlier, remaining);
        }
    }

    /** One line for the banner. */
    public String describe() {
        if (finished()) {
            return String.format("recovery finished %.1f s after the server answered: %s", finishedAfterSeconds,
                    fromEarlierRuns == 0 ? "nothing was in doubt from earlier runs"
                            : fromEarlierRuns + " transactions and branches in doubt from earlier runs, all resolved (" + String.join(", ", resources) + ")");
        }
        return "recovery still " + state + ": " + remaining + " of " + fromEarlierRuns + " in doubt from earlier runs left ("
                + String.join(", ", resources) + "); the dashboard's recovery section follows it";
    }
}

package io.xastream.harness;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a running server says of its engines' durability ({@code GET /xastream/api/durability}: read
 * back from PostgreSQL, MariaDB, Artemis and Narayana), for the run command's start-up lines and the
 * benchmark's rows.
 *
 * @param lines one line per engine: its name and version, its settings, durable or NON-DURABLE
 */
public record EngineDurability(boolean durable, List<String> lines) {

    public static EngineDurability of(WildFlyServer server) throws IOException, InterruptedException {
        return parse(server.monitorGet("/xastream/api/durability"));
    }

    static EngineDurability parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject durability = reader.readObject();
            List<String> lines = new ArrayList<>();
            for (JsonObject engine : durability.getJsonArray("engines").getValuesAs(JsonObject.class)) {
                String version = engine.containsKey("version") && engine.get("version").getValueType() == JsonValue.ValueType.STRING
                        ? " " + engine.getString("version") : "";
                String settings = engine.getJsonObject("settings").entrySet().stream()
                        .map(setting -> setting.getKey() + "=" + ((jakarta.json.JsonString) setting.getValue()).getString())
                        .collect(Collectors.joining(", "));
                lines.add(engine.getString("name") + version + ": " + (settings.isEmpty() ? "unreadable" : settings)
                        + (engine.getBoolean("durable") ? " (durable)" : " (NON-DURABLE)"));
            }
            return new EngineDurability(durability.getBoolean("durable"), lines);
        }
    }

    /** What a benchmark row records. */
    public String label() {
        return durable ? "yes" : "NON-DURABLE";
    }
}

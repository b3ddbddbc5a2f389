package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * Whether "committed" means on disk, as each engine reports it (read back from the engine, not from
 * xastream's own configuration): {@code durable} only when every engine flushes every commit.
 */
@JsonbPropertyOrder({"durable", "engines"})
public record Durability(boolean durable, List<Engine> engines) {

    /**
     * @param name     what it is: ledger A (PostgreSQL), ledger B (MariaDB), the broker (Artemis), the
     *                 transaction log (Narayana)
     * @param version  as the engine reports it, or null
     * @param settings the settings that decide durability, as the engine reports them
     * @param durable  whether those settings flush every commit to disk; false when unreadable
     */
    @JsonbPropertyOrder({"name", "version", "settings", "durable"})
    public record Engine(String name, String version, Map<String, String> settings, boolean durable) {
    }

    public static Durability of(List<Engine> engines) {
        return new Durability(!engines.isEmpty() && engines.stream().allMatch(Engine::durable), engines);
    }
}

package io.xastream.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Where one ledger lives: the same three settings the server's datasource expressions read
 * ({@code xastream.ledgerA.url}, {@code .user}, {@code .password}).
 */
public record LedgerConnection(String name, String url, String user, String password) {

    /** The settings of ledger {@code name} ("ledgerA", "ledgerB") from system properties or the environment, if set. */
    public static LedgerConnection configured(String name) {
        String url = setting(name, "url", null);
        return url == null ? null
                : new LedgerConnection(name, url, setting(name, "user", "xastream"), setting(name, "password", "xastream"));
    }

    /** Reads {@code xastream.<ledger>.<key>}, else the environment variable {@code XASTREAM_<LEDGER>_<KEY>}. */
    static String setting(String ledger, String key, String fallback) {
        String property = System.getProperty("xastream." + ledger + "." + key);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv(("XASTREAM_" + ledger + "_" + key).toUpperCase());
        return env != null && !env.isBlank() ? env : fallback;
    }

    public Connection open() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** As server system properties. */
    public Map<String, String> asProperties() {
        return Map.of(
                "xastream." + name + ".url", url,
                "xastream." + name + ".user", user,
                "xastream." + name + ".password", password);
    }
}

package io.xastream.harness;

import io.xastream.feeder.connection.control.Setting;

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

    /** Read the way the feeder reads it: system property, else environment variable, else the fallback. */
    static String setting(String ledger, String key, String fallback) {
        return new Setting("xastream." + ledger + "." + key, fallback).resolve(null);
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

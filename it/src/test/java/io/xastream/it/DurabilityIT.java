package io.xastream.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Committed" means on disk: asked directly, both ledgers flush every commit (the embedded engines
 * since this was made the default, the CI machine's own engines by theirs), and the server reports
 * exactly what the engines say, with the broker and the transaction log durable too.
 */
@SystemTest
class DurabilityIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void theEnginesFlushEveryCommitAndTheServerSaysSo() throws Exception {
        Map<String, String> postgres = row(LedgerStack.ledgerA(), "select current_setting('fsync') as fsync,"
                + " current_setting('synchronous_commit') as synchronous_commit, current_setting('full_page_writes') as full_page_writes");
        assertEquals("on", postgres.get("fsync"), "PostgreSQL fsync");
        assertNotEquals("off", postgres.get("synchronous_commit"), "PostgreSQL synchronous_commit");
        assertEquals("on", postgres.get("full_page_writes"), "PostgreSQL full_page_writes");
        Map<String, String> mariaDb = row(LedgerStack.ledgerB(), "select @@innodb_flush_log_at_trx_commit as innodb_flush_log_at_trx_commit,"
                + " @@log_bin as log_bin, @@sync_binlog as sync_binlog");
        assertEquals("1", mariaDb.get("innodb_flush_log_at_trx_commit"), "MariaDB innodb_flush_log_at_trx_commit");
        if (!"0".equals(mariaDb.get("log_bin"))) {
            assertEquals("1", mariaDb.get("sync_binlog"), "MariaDB sync_binlog with the binary log on");
        }

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + Deployments.httpPort() + "/xastream/api/durability"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("monitor:monitor-pw-1".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        System.out.println("durability as the server reads it back: " + answer.body());
        JsonObject durability = Json.createReader(new StringReader(answer.body())).readObject();
        assertTrue(durability.getBoolean("durable"), answer.body());
        Map<String, JsonObject> engines = new LinkedHashMap<>();
        durability.getJsonArray("engines").getValuesAs(JsonObject.class).forEach(e -> engines.put(e.getString("name"), e));
        assertEquals(List.of("ledger A (PostgreSQL)", "ledger B (MariaDB)", "broker (Artemis)", "transaction log (Narayana)"),
                List.copyOf(engines.keySet()));
        postgres.forEach((name, value) -> assertEquals(value,
                engines.get("ledger A (PostgreSQL)").getJsonObject("settings").getString(name), "reported " + name));
        mariaDb.forEach((name, value) -> assertEquals(value,
                engines.get("ledger B (MariaDB)").getJsonObject("settings").getString(name), "reported " + name));
        assertEquals("true", engines.get("broker (Artemis)").getJsonObject("settings").getString("journalSyncTransactional"));
        assertEquals("true", engines.get("transaction log (Narayana)").getJsonObject("settings").getString("objectStoreSync"));

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + Deployments.httpPort() + "/xastream/api/durability")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    private static Map<String, String> row(io.xastream.harness.LedgerConnection ledger, String sql) throws SQLException {
        try (Connection c = ledger.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
            }
            return row;
        }
    }
}

package io.xastream.monitoring.entity;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pins the JSON contract of GET /api/status with the JSON-B implementation WildFly ships. */
class StatusJsonTest {

    static Jsonb jsonb;

    @BeforeAll
    static void createJsonb() {
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        jsonb.close();
    }

    static Status status(Long deadLettered, TransactionCounts transactions) {
        List<LedgerTotals> ledgers = List.of(
                new LedgerTotals("A", "PostgreSQL", 2, new BigDecimal("1400.5"), new BigDecimal("1500.50"), 1, 0),
                new LedgerTotals("B", "MariaDB", 1, new BigDecimal("1100"), new BigDecimal("1000.00"), 1, 0));
        return new Status(new RecordCounts(2, 1, 1, deadLettered), ledgers, new Invariant(new BigDecimal("2500.50"), new BigDecimal("2500.50"), true, 0, List.of(),
                Instant.parse("2025-11-28T00:00:01Z")), transactions,
                List.of(new QueueStatus("xastream.transfers", "apply transfer", 5, 2, 16, 120)),
                new StorageStatus(false, "", "", 88, List.of("transaction log store (/data/tx-object-store): 12.0 % used, 880 MiB free of 1000 MiB")),
                new Recovery("finished", Instant.parse("2025-11-28T00:00:00Z"), Instant.parse("2025-11-28T00:00:00.5Z"),
                        Instant.parse("2025-11-28T00:00:01Z"), 1, 0.5, List.of(new Recovery.Resource("Artemis", 2, 2, 0, true))),
                Instant.parse("2025-11-28T00:00:01.5Z"));
    }

    static JsonObject toJson(Object value) {
        return Json.createReader(new StringReader(jsonb.toJson(value))).readObject();
    }

    @Test
    void writesTheDocumentedFieldsInTheDocumentedOrder() {
        String json = jsonb.toJson(status(3L, new TransactionCounts(10, 8, 2, 1, 0, 1, 0, 0, 0, 1_500_000)));

        assertTrue(json.startsWith("{\"records\":{\"settled\":2,\"rejected\":1,\"duplicates\":1,\"deadLettered\":3},"
                + "\"ledgers\":[{\"name\":\"A\",\"engine\":\"PostgreSQL\",\"accounts\":2,\"balance\":\"1400.50\","
                + "\"openingBalance\":\"1500.50\",\"entries\":1,\"negativeBalances\":0},"), json);
        assertTrue(json.contains("\"invariant\":{\"total\":\"2500.50\",\"openingTotal\":\"2500.50\",\"holds\":true,"
                + "\"negativeBalances\":0,\"violations\":[],\"checkedAt\":\"2025-11-28T00:00:01Z\"}"), json);
        assertTrue(json.contains("\"transactions\":{\"total\":10,\"committed\":8,\"aborted\":2,\"applicationRollbacks\":1,"
                + "\"resourceRollbacks\":0,\"systemRollbacks\":1,\"heuristics\":0,\"inflight\":0,\"timedOut\":0,"
                + "\"averageCommitTimeNanos\":1500000}"), json);
        assertTrue(json.contains("\"queues\":[{\"name\":\"xastream.transfers\",\"stage\":\"apply transfer\",\"depth\":5,"
                + "\"delivering\":2,\"consumers\":16,\"added\":120}],"), json);
        assertTrue(json.contains("\"storage\":{\"held\":false,\"reason\":\"\",\"heldSince\":\"\",\"limitPercent\":88.0,"
                + "\"filesystems\":[\"transaction log store (/data/tx-object-store): 12.0 % used, 880 MiB free of 1000 MiB\"]},"), json);
        assertTrue(json.contains("\"recovery\":{\"state\":\"finished\",\"startedAt\":\"2025-11-28T00:00:00Z\","), json);
        assertTrue(json.contains("\"finishedAfterSeconds\":0.5,\"resources\":[{\"name\":\"Artemis\",\"fromEarlierRuns\":2,"
                + "\"resolved\":2,\"remaining\":0,\"readable\":true}]}"), json);
        assertTrue(json.endsWith("\"generatedAt\":\"2025-11-28T00:00:01.500Z\"}")
                || json.endsWith("\"generatedAt\":\"2025-11-28T00:00:01.5Z\"}"), json);
    }

    @Test
    void writesAmountsAsStringsWithTwoDecimals() {
        JsonObject ledgerB = toJson(status(0L, null)).getJsonArray("ledgers").getJsonObject(1);

        assertEquals("1100.00", ledgerB.getString("balance"));
        assertEquals("1000.00", ledgerB.getString("openingBalance"));
    }

    @Test
    void leavesOutWhatTheServerCouldNotRead() {
        JsonObject json = toJson(status(null, null));

        assertFalse(json.containsKey("transactions"));
        assertFalse(json.getJsonObject("records").containsKey("deadLettered"));
    }

    @Test
    void namesTheLedgerOfAnOutage() {
        JsonObject json = toJson(new LedgerOutage("ledger B (MariaDB) is unreachable", "B", "MariaDB"));

        assertEquals("ledger B (MariaDB) is unreachable", json.getString("error"));
        assertEquals("B", json.getString("ledger"));
        assertEquals("MariaDB", json.getString("engine"));
    }

    @Test
    void formatsAmounts() {
        assertEquals("0.00", AmountSerializer.format(BigDecimal.ZERO));
        assertEquals("-12.30", AmountSerializer.format(new BigDecimal("-12.3")));
        assertEquals("12345678901234567.89", AmountSerializer.format(new BigDecimal("12345678901234567.89")));
        assertEquals("100.00", AmountSerializer.format(new BigDecimal("1E+2")));
    }
}

package io.xastream.monitoring.control;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.xastream.monitoring.entity.Invariant;
import io.xastream.monitoring.entity.LedgerTotals;
import io.xastream.monitoring.entity.QueueStatus;
import io.xastream.monitoring.entity.RecordCounts;
import io.xastream.monitoring.entity.Recovery;
import io.xastream.monitoring.entity.Status;
import io.xastream.monitoring.entity.StorageStatus;
import io.xastream.monitoring.entity.TransactionCounts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status snapshot as Prometheus metrics, through the client library's own writers. */
class StatusMetricsTest {

    /** A sample line of the text format: name, optional labels, a number. */
    static final Pattern SAMPLE = Pattern.compile("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"})? -?[0-9.eE+-]+");

    static Status status(TransactionCounts transactions) {
        List<LedgerTotals> ledgers = List.of(
                new LedgerTotals("A", "PostgreSQL", 2, new BigDecimal("1400.5"), new BigDecimal("1500.50"), 7, 0),
                new LedgerTotals("B", "MariaDB", 1, new BigDecimal("1100"), new BigDecimal("1000.00"), 5, 0));
        return new Status(new RecordCounts(12, 3, 1, 2L), ledgers, new Invariant(new BigDecimal("2500.50"), new BigDecimal("2500.50"), true, 0, List.of(),
                Instant.parse("2025-11-28T00:00:01Z")), transactions,
                List.of(new QueueStatus("xastream.transfers", "apply transfer", 5, 2, 16, 120)),
                new StorageStatus(true, "disk 97.0 % used", "2026-12-05T01:00:00Z", 88, List.of("log store: 97.0 % used")),
                new Recovery("recovering", Instant.now().minusSeconds(12), Instant.now().minusSeconds(4), null, 12, null,
                        List.of(new Recovery.Resource("PostgreSQL (ledger A)", 3, 1, 2, true))),
                Instant.now());
    }

    static String text(Status status) {
        return PrometheusTextFormatWriter.builder().build().toDebugString(StatusMetrics.of(status));
    }

    @Test
    void writesEverySnapshotFigureAsASample() {
        String text = text(status(new TransactionCounts(10, 8, 2, 1, 0, 1, 0, 3, 0, 1_500_000)));

        assertTrue(text.contains("xastream_records_total{outcome=\"settled\"} 12.0\n"), text);
        assertTrue(text.contains("xastream_records_total{outcome=\"rejected\"} 3.0\n"), text);
        assertTrue(text.contains("xastream_records_total{outcome=\"duplicate\"} 1.0\n"), text);
        assertTrue(text.contains("xastream_ledger_balance{ledger=\"A\"} 1400.5\n"), text);
        assertTrue(text.contains("xastream_ledger_balance{ledger=\"B\"} 1100.0\n"), text);
        assertTrue(text.contains("xastream_ledger_entries{ledger=\"A\"} 7.0\n"), text);
        assertTrue(text.contains("xastream_invariant_holds 1.0\n"), text);
        assertTrue(text.contains("xastream_transactions_total{outcome=\"committed\"} 8.0\n"), text);
        assertTrue(text.contains("xastream_transactions_heuristic_total 0.0\n"), text);
        assertTrue(text.contains("xastream_transactions_inflight 3.0\n"), text);
        assertTrue(text.contains("xastream_transaction_commit_seconds_average 0.0015\n"), text);
        assertTrue(text.contains("xastream_storage_held 1.0\n"), text);
        assertTrue(text.contains("xastream_queue_messages{queue=\"xastream.transfers\"} 5.0\n"), text);
        assertTrue(text.contains("xastream_queue_added_total{queue=\"xastream.transfers\"} 120.0\n"), text);
        assertTrue(text.contains("# TYPE xastream_records_total counter\n"), text);
        assertTrue(text.contains("# TYPE xastream_ledger_balance gauge\n"), text);
    }

    @Test
    void everyLineIsACommentOrAValidSample() {
        String text = text(status(new TransactionCounts(10, 8, 2, 1, 0, 1, 0, 3, 0, 1_500_000)));

        Arrays.stream(text.split("\n")).forEach(line -> assertTrue(
                line.startsWith("# HELP ") || line.startsWith("# TYPE ") || SAMPLE.matcher(line).matches(), line));
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void leavesOutTransactionsWhenTheyCouldNotBeRead() {
        String text = text(status(null));

        assertFalse(text.contains("xastream_transactions_total"), text);
        assertTrue(text.contains("xastream_invariant_holds 1.0\n"), text);
    }

    @Test
    void openMetricsNamesCounterFamiliesWithoutTheirSuffixAndEnds() {
        String text = OpenMetricsTextFormatWriter.builder().build()
                .toDebugString(StatusMetrics.of(status(new TransactionCounts(10, 8, 2, 1, 0, 1, 0, 3, 0, 1_500_000))));

        assertTrue(text.contains("# TYPE xastream_records counter\n"), text);
        assertTrue(text.contains("xastream_records_total{outcome=\"settled\"} 12.0\n"), text);
        assertTrue(text.endsWith("# EOF\n"), text);
    }
}

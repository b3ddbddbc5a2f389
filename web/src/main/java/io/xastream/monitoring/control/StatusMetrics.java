package io.xastream.monitoring.control;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.xastream.monitoring.entity.LedgerTotals;
import io.xastream.monitoring.entity.QueueStatus;
import io.xastream.monitoring.entity.Status;
import io.xastream.monitoring.entity.TransactionCounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A status snapshot as Prometheus metrics: the client library's model, which its writers turn into
 * the text format or OpenMetrics (naming, escaping and the {@code _total} of counters are theirs).
 * Read on each scrape, so the figures are those of {@code GET /api/status} at that moment.
 */
public final class StatusMetrics {

    private final List<MetricSnapshot> metrics = new ArrayList<>();

    private StatusMetrics() {
    }

    public static MetricSnapshots of(Status status) {
        StatusMetrics out = new StatusMetrics();
        out.counter("xastream_records", "Records by committed outcome, as the outcome log holds them.", "outcome", Map.of(
                "settled", (double) status.records().settled(),
                "rejected", (double) status.records().rejected(),
                "duplicate", (double) status.records().duplicates()));

        out.gauge("xastream_ledger_balance", "Sum of the account balances of one ledger.", "ledger",
                byName(status.ledgers(), ledger -> ledger.balance().doubleValue()));
        out.gauge("xastream_ledger_opening_balance", "Sum of the opening balances of one ledger.", "ledger",
                byName(status.ledgers(), ledger -> ledger.openingBalance().doubleValue()));
        out.gauge("xastream_ledger_entries", "Ledger entries booked in one ledger.", "ledger",
                byName(status.ledgers(), LedgerTotals::entries));
        out.gauge("xastream_invariant_holds", "1 while the exactly-once invariant holds on the latest reading of both ledgers "
                + "(GET /api/status, invariant.violations says which check fails).", status.invariant().holds() ? 1 : 0);

        TransactionCounts transactions = status.transactions();
        if (transactions != null) {
            Map<String, Double> outcomes = new LinkedHashMap<>();
            outcomes.put("committed", (double) transactions.committed());
            outcomes.put("aborted", (double) transactions.aborted());
            outcomes.put("application_rollback", (double) transactions.applicationRollbacks());
            outcomes.put("resource_rollback", (double) transactions.resourceRollbacks());
            outcomes.put("system_rollback", (double) transactions.systemRollbacks());
            outcomes.put("timed_out", (double) transactions.timedOut());
            out.counter("xastream_transactions", "Narayana's transactions by outcome since the server started.", "outcome", outcomes);
            out.counter("xastream_transactions_heuristic", "Transactions that ended with a heuristic outcome.", null,
                    Map.of("", (double) transactions.heuristics()));
            out.gauge("xastream_transactions_inflight", "Transactions begun and not yet ended.", transactions.inflight());
            out.gauge("xastream_transaction_commit_seconds_average", "Narayana's average commit time.",
                    transactions.averageCommitTimeNanos() / 1e9);
        }

        List<QueueStatus> queues = status.queues();
        out.gauge("xastream_queue_messages", "Messages in a pipeline queue, those in delivery included.", "queue",
                byQueue(queues, QueueStatus::depth));
        out.gauge("xastream_queue_delivering", "Messages delivered to a consumer and not yet acknowledged.", "queue",
                byQueue(queues, QueueStatus::delivering));
        out.gauge("xastream_queue_consumers", "Consumers of a pipeline queue.", "queue", byQueue(queues, QueueStatus::consumers));
        out.counter("xastream_queue_added", "Messages added to a pipeline queue since the server started.", "queue",
                byQueue(queues, QueueStatus::added));
        Map<String, Double> handled = new LinkedHashMap<>();
        queues.stream().filter(queue -> queue.handled() != null)
                .forEach(queue -> handled.merge(queue.stage().split(" ")[0], (double) queue.handled(), Double::sum));
        out.counter("xastream_stage_records", "Records a stage handled (committed) since the server started, from its queue or chained.",
                "stage", handled);
        if (status.storage() != null) {
            out.gauge("xastream_storage_held", "1 while new records are held because the disk under the log store or the journal "
                    + "is past its limit.", status.storage().held() ? 1 : 0);
        }
        return new MetricSnapshots(out.metrics);
    }

    private static Map<String, Double> byName(List<LedgerTotals> ledgers, ToDoubleFunction<LedgerTotals> value) {
        Map<String, Double> values = new LinkedHashMap<>();
        ledgers.forEach(ledger -> values.put(ledger.name(), value.applyAsDouble(ledger)));
        return values;
    }

    /** One value per queue; a queue listed twice (never, today) is summed rather than refused by the model. */
    private static Map<String, Double> byQueue(List<QueueStatus> queues, ToDoubleFunction<QueueStatus> value) {
        Map<String, Double> values = new LinkedHashMap<>();
        queues.forEach(queue -> values.merge(queue.name(), value.applyAsDouble(queue), Double::sum));
        return values;
    }

    private void counter(String name, String help, String label, Map<String, Double> values) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        values.forEach((labelValue, value) -> counter.dataPoint(CounterDataPointSnapshot.builder()
                .labels(labels(label, labelValue)).value(value).build()));
        metrics.add(counter.build());
    }

    private void gauge(String name, String help, String label, Map<String, Double> values) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        values.forEach((labelValue, value) -> gauge.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(labels(label, labelValue)).value(value).build()));
        metrics.add(gauge.build());
    }

    private void gauge(String name, String help, double value) {
        gauge(name, help, null, Map.of("", value));
    }

    private static Labels labels(String label, String value) {
        return label == null ? Labels.EMPTY : Labels.of(label, value);
    }
}

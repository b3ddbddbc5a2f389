package io.xastream.monitoring.control;

import io.xastream.monitoring.entity.AmountSerializer;
import io.xastream.monitoring.entity.LedgerTotals;
import io.xastream.monitoring.entity.QueueStatus;
import io.xastream.monitoring.entity.Status;
import io.xastream.monitoring.entity.TransactionCounts;

/**
 * A status snapshot in Prometheus' text exposition format (version 0.0.4). Counters end in
 * {@code _total}; label values here are fixed names (ledgers, queues), never user input.
 */
public final class PrometheusFormat {

    public static final String MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder text = new StringBuilder();

    private PrometheusFormat() {
    }

    public static String of(Status status) {
        PrometheusFormat out = new PrometheusFormat();
        out.family("xastream_records_total", "counter", "Records by committed outcome, as the outcome log holds them.");
        out.sample("xastream_records_total", "outcome", "settled", status.records().settled());
        out.sample("xastream_records_total", "outcome", "rejected", status.records().rejected());
        out.sample("xastream_records_total", "outcome", "duplicate", status.records().duplicates());

        out.family("xastream_ledger_balance", "gauge", "Sum of the account balances of one ledger.");
        for (LedgerTotals ledger : status.ledgers()) {
            out.sample("xastream_ledger_balance", "ledger", ledger.name(), AmountSerializer.format(ledger.balance()));
        }
        out.family("xastream_ledger_opening_balance", "gauge", "Sum of the opening balances of one ledger.");
        for (LedgerTotals ledger : status.ledgers()) {
            out.sample("xastream_ledger_opening_balance", "ledger", ledger.name(), AmountSerializer.format(ledger.openingBalance()));
        }
        out.family("xastream_ledger_entries", "gauge", "Ledger entries booked in one ledger.");
        for (LedgerTotals ledger : status.ledgers()) {
            out.sample("xastream_ledger_entries", "ledger", ledger.name(), ledger.entries());
        }
        out.family("xastream_invariant_holds", "gauge", "1 while the exactly-once invariant holds on the latest reading of both ledgers (GET /api/status, invariant.violations says which check fails).");
        out.sample("xastream_invariant_holds", null, null, status.invariant().holds() ? 1 : 0);

        TransactionCounts transactions = status.transactions();
        if (transactions != null) {
            out.family("xastream_transactions_total", "counter", "Narayana's transactions by outcome since the server started.");
            out.sample("xastream_transactions_total", "outcome", "committed", transactions.committed());
            out.sample("xastream_transactions_total", "outcome", "aborted", transactions.aborted());
            out.sample("xastream_transactions_total", "outcome", "application_rollback", transactions.applicationRollbacks());
            out.sample("xastream_transactions_total", "outcome", "resource_rollback", transactions.resourceRollbacks());
            out.sample("xastream_transactions_total", "outcome", "system_rollback", transactions.systemRollbacks());
            out.sample("xastream_transactions_total", "outcome", "timed_out", transactions.timedOut());
            out.family("xastream_transactions_heuristic_total", "counter", "Transactions that ended with a heuristic outcome.");
            out.sample("xastream_transactions_heuristic_total", null, null, transactions.heuristics());
            out.family("xastream_transactions_inflight", "gauge", "Transactions begun and not yet ended.");
            out.sample("xastream_transactions_inflight", null, null, transactions.inflight());
            out.family("xastream_transaction_commit_seconds_average", "gauge", "Narayana's average commit time.");
            out.sample("xastream_transaction_commit_seconds_average", null, null, transactions.averageCommitTimeNanos() / 1e9);
        }

        out.family("xastream_queue_messages", "gauge", "Messages in a pipeline queue, those in delivery included.");
        status.queues().forEach(queue -> out.sample("xastream_queue_messages", "queue", queue.name(), queue.depth()));
        out.family("xastream_queue_delivering", "gauge", "Messages delivered to a consumer and not yet acknowledged.");
        status.queues().forEach(queue -> out.sample("xastream_queue_delivering", "queue", queue.name(), queue.delivering()));
        out.family("xastream_queue_consumers", "gauge", "Consumers of a pipeline queue.");
        status.queues().forEach(queue -> out.sample("xastream_queue_consumers", "queue", queue.name(), queue.consumers()));
        out.family("xastream_queue_added_total", "counter", "Messages added to a pipeline queue since the server started.");
        for (QueueStatus queue : status.queues()) {
            out.sample("xastream_queue_added_total", "queue", queue.name(), queue.added());
        }
        out.family("xastream_stage_records_total", "counter",
                "Records a stage handled (committed) since the server started, from its queue or chained.");
        for (QueueStatus queue : status.queues()) {
            if (queue.handled() != null) {
                out.sample("xastream_stage_records_total", "stage", queue.stage().split(" ")[0], queue.handled());
            }
        }
        if (status.storage() != null) {
            out.family("xastream_storage_held", "gauge",
                    "1 while new records are held because the disk under the log store or the journal is past its limit.");
            out.sample("xastream_storage_held", null, null, status.storage().held() ? 1 : 0);
        }
        return out.text.toString();
    }

    private void family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String label, String labelValue, Object value) {
        text.append(name);
        if (label != null) {
            text.append('{').append(label).append("=\"").append(escape(labelValue)).append("\"}");
        }
        text.append(' ').append(value).append('\n');
    }

    static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/**
 * One server running xastream on these ledgers, as it last reported itself (table cluster_node).
 *
 * @param node             its transaction node identifier ({@code xastream.node.id})
 * @param dashboard        its dashboard's address, as it sees itself
 * @param state            {@code recovering}, {@code held} (storage full), {@code running},
 *                         or {@code silent} when its last report is older than {@link #SILENT_AFTER_SECONDS}
 * @param stages           its stages, each with its consumers and mode
 * @param secondsSinceReport how old its last report is
 * @param recordsHandled   records its busiest stage handled since it started
 * @param recordsPerSecond the same per second, over its last two reports
 * @param inFlight         its transactions begun and not yet ended
 * @param inDoubt          transactions in its log store (decided, not finished)
 * @param self             whether it is the server that answers
 */
@JsonbPropertyOrder({"node", "state", "self", "dashboard", "stages", "startedAt", "reportedAt", "secondsSinceReport",
        "recordsHandled", "recordsPerSecond", "inFlight", "inDoubt"})
public record NodeStatus(String node, String dashboard, String state, String stages, Instant startedAt, Instant reportedAt,
                         long secondsSinceReport, long recordsHandled, double recordsPerSecond, long inFlight, int inDoubt,
                         boolean self) {

    /** Five missed reports: the server stopped, died, or cannot reach ledger A. */
    public static final long SILENT_AFTER_SECONDS = 10;
}

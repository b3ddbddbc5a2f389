package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Narayana's counters since the server started (statistics must be enabled). */
@JsonbPropertyOrder({"total", "committed", "aborted", "applicationRollbacks", "resourceRollbacks",
        "systemRollbacks", "heuristics", "inflight", "timedOut", "averageCommitTimeNanos"})
public record TransactionCounts(long total,
                                long committed,
                                long aborted,
                                long applicationRollbacks,
                                long resourceRollbacks,
                                long systemRollbacks,
                                long heuristics,
                                long inflight,
                                long timedOut,
                                long averageCommitTimeNanos) {
}

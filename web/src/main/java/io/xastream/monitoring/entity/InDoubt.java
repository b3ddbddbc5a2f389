package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/in-doubt} returns: everything prepared but not finished, side by side.
 * Empty lists everywhere is the healthy state; a transaction with a heuristic participant stays
 * until an operator resolves it.
 */
@JsonbPropertyOrder({"heuristics", "logStore", "postgres", "mariaDb", "artemis", "readAt"})
public record InDoubt(long heuristics,
                      List<LoggedTransaction> logStore,
                      List<PreparedBranch> postgres,
                      List<PreparedBranch> mariaDb,
                      List<PreparedBranch> artemis,
                      Instant readAt) {
}

package io.xastream.monitoring.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * How this server's recovery of what a restart left in doubt goes: the transactions and branches of
 * earlier runs of the server, per resource, counted until none is left.
 *
 * @param state              "waiting" (the server still boots), "recovering" or "finished"
 * @param startedAt          when this server's JVM started
 * @param answeringAt        when the server began to answer (resumed after boot); absent before
 * @param finishedAt         when nothing from before the restart was left in doubt; absent before
 * @param secondsSinceStart  at this reading
 * @param finishedAfterSeconds seconds from answering to finished; absent before
 * @param resources          the log store, PostgreSQL, MariaDB and Artemis, in that order
 */
@JsonbPropertyOrder({"state", "startedAt", "answeringAt", "finishedAt", "secondsSinceStart", "finishedAfterSeconds", "resources"})
public record Recovery(String state, Instant startedAt, Instant answeringAt, Instant finishedAt, long secondsSinceStart,
                       Double finishedAfterSeconds, List<Resource> resources) {

    /**
     * @param fromEarlierRuns what earlier runs of the server left there, seen since this one started
     * @param resolved        of those, finished since
     * @param readable        false when the last reading of the resource failed
     */
    @JsonbPropertyOrder({"name", "fromEarlierRuns", "resolved", "remaining", "readable"})
    public record Resource(String name, int fromEarlierRuns, int resolved, int remaining, boolean readable) {
    }
}

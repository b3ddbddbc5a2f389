package io.xastream.feeder.transfer.entity;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The record ids seen on a stream, over any number of drains: how many distinct ids, and which came
 * more than once. On the settled stream a repeated id is a record whose effect reached downstream
 * twice, the violation exactly-once rules out.
 */
public final class RecordIdTally {

    /** How many repeated ids a description names. */
    private static final int NAMED = 10;

    private final Set<String> seen = new HashSet<>();
    private final Map<String, Long> repeated = new TreeMap<>();
    private long withoutId;

    /** One message's {@code xastream_record_id}, null when it carries none. */
    public void add(String recordId) {
        if (recordId == null) {
            withoutId++;
        } else if (!seen.add(recordId)) {
            repeated.merge(recordId, 1L, Long::sum);
        }
    }

    public long distinct() {
        return seen.size();
    }

    /** Distinct ids that start with the prefix: a run's own records among whatever else the stream holds. */
    public long distinctWithPrefix(String prefix) {
        return seen.stream().filter(id -> id.startsWith(prefix)).count();
    }

    /** Arrivals beyond the first of an id, over all ids. */
    public long duplicates() {
        return repeated.values().stream().mapToLong(Long::longValue).sum();
    }

    public long withoutId() {
        return withoutId;
    }

    /** For a report: the counts and the first repeated ids. */
    public String describe() {
        StringBuilder text = new StringBuilder(distinct() + " distinct record ids, " + duplicates() + " repeated");
        if (!repeated.isEmpty()) {
            text.append(" (").append(String.join(", ", repeated.keySet().stream().limit(NAMED).toList()))
                    .append(repeated.size() > NAMED ? ", ..." : "").append(')');
        }
        if (withoutId > 0) {
            text.append(", ").append(withoutId).append(" without an id");
        }
        return text.toString();
    }
}

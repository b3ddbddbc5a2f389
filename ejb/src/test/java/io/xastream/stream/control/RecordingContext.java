package io.xastream.stream.control;

import io.xastream.contract.MessageProperties;
import jakarta.jms.Destination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A stage context for unit tests: keeps what the stage emits and rejects, in order. */
public final class RecordingContext implements StageContext {

    public record Emitted(Destination to, String key, String recordId, String body, Map<String, String> properties) {
    }

    public final List<Emitted> emitted = new ArrayList<>();
    public final List<Emitted> rejected = new ArrayList<>();

    @Override
    public String transactionId() {
        return "tx-test";
    }

    @Override
    public void emit(Destination to, String key, String recordId, String body, Map<String, String> properties) {
        emitted.add(new Emitted(to, key, recordId, body, properties));
    }

    /** Destinations a chained stage takes its records from, in the tests that say so. */
    public final java.util.Set<Destination> chainedTo = new java.util.HashSet<>();

    @Override
    public boolean chained(Destination to) {
        return chainedTo.contains(to);
    }

    /** What each emitted record was handed over as, by record id, for those emitted parsed. */
    public final Map<String, Object> parsed = new java.util.LinkedHashMap<>();

    @Override
    public void emitParsed(Destination to, String key, String recordId, String body, Object value) {
        parsed.put(recordId, value);
        emit(to, key, recordId, body, Map.of());
    }

    @Override
    public void reject(StreamRecord record, String recordId, String reason, String detail) {
        rejected.add(new Emitted(null, record.key(), recordId, record.body(), Map.of(MessageProperties.REASON, reason, MessageProperties.REASON_DETAIL, detail)));
    }

    public List<String> idsTo(Destination to) {
        return emitted.stream().filter(e -> e.to() == to).map(Emitted::recordId).toList();
    }

    public List<String> rejectedReasons() {
        return rejected.stream().map(e -> e.recordId() + ":" + e.properties().get(MessageProperties.REASON)).toList();
    }

    public static StreamRecord record(String id, String body) {
        return new StreamRecord(id, null, body, 1, "m-" + id);
    }

    public static String transfer(String id, String from, String to, String amount) {
        return "{\"id\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":\"" + amount
                + "\",\"eventTime\":\"2026-12-01T10:00:00Z\"}";
    }
}

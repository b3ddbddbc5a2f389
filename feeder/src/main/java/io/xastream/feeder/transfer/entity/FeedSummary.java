package io.xastream.feeder.transfer.entity;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a feed did.
 *
 * @param records how many records were fed (sent, written, or both)
 * @param sent    how many were sent over JMS (0 when only written to a file)
 * @param byKind  records per kind
 */
public record FeedSummary(long records, long sent, Map<RecordKind, Long> byKind, Duration elapsed) {

    public FeedSummary {
        byKind = Map.copyOf(byKind);
    }

    public long count(RecordKind kind) {
        return byKind.getOrDefault(kind, 0L);
    }

    public long valid() {
        return count(RecordKind.VALID);
    }

    public long invalid() {
        return byKind.entrySet().stream().filter(e -> e.getKey().invalid()).mapToLong(Map.Entry::getValue).sum();
    }

    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? records / seconds : 0;
    }

    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "records: %d (sent over JMS: %d) in %.1f s, %.0f records/s%n",
                records, sent, elapsed.toMillis() / 1000.0, recordsPerSecond()));
        if (count(RecordKind.AS_GIVEN) > 0) {
            text.append(String.format(Locale.ROOT, "as given (not classified): %d%n", count(RecordKind.AS_GIVEN)));
        }
        if (records > count(RecordKind.AS_GIVEN)) {
            Map<RecordKind, Long> invalidKinds = new EnumMap<>(RecordKind.class);
            byKind.forEach((kind, n) -> {
                if (kind.invalid()) {
                    invalidKinds.put(kind, n);
                }
            });
            text.append(String.format(Locale.ROOT, "valid: %d%ninvalid: %d%s%n", valid(), invalid(),
                    invalidKinds.isEmpty() ? "" : invalidKinds.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ", " (", ")"))));
        }
        return text.toString();
    }
}

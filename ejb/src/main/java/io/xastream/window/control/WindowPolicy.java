package io.xastream.window.control;

import java.time.Duration;
import java.time.Instant;

/**
 * Tumbling event-time windows and what is late (docs/topology.md). Each key (paying account) has its
 * own event-time clock, the latest event time seen for it. A window [start, end) closes when that
 * clock reaches end + allowed lateness; a record whose window has closed is late: it is rejected
 * from the statistics with reason LATE_EVENT (its transfer stays settled).
 * Configured by {@code xastream.window.size-seconds} (60) and {@code xastream.window.allowed-lateness-seconds} (30).
 */
public record WindowPolicy(Duration size, Duration allowedLateness) {

    public WindowPolicy {
        if (size.isZero() || size.isNegative() || allowedLateness.isNegative()) {
            throw new IllegalArgumentException("window size must be positive and allowed lateness not negative");
        }
    }

    public static WindowPolicy fromSystemProperties() {
        return new WindowPolicy(Duration.ofSeconds(Long.getLong("xastream.window.size-seconds", 60)),
                Duration.ofSeconds(Long.getLong("xastream.window.allowed-lateness-seconds", 30)));
    }

    public Instant windowStart(Instant eventTime) {
        long size = this.size.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(eventTime.toEpochMilli(), size) * size);
    }

    public Instant windowEnd(Instant eventTime) {
        return windowStart(eventTime).plus(size);
    }

    /** Whether the window ending at {@code windowEnd} is closed once the key's clock reads {@code clock}. */
    public boolean closed(Instant windowEnd, Instant clock) {
        return clock != null && !windowEnd.plus(allowedLateness).isAfter(clock);
    }

    /** Windows ending at or before this are closed when the key's clock reads {@code clock}. */
    public Instant closeLimit(Instant clock) {
        return clock.minus(allowedLateness);
    }

    /** Whether moving the clock may close a window: only when the close limit crosses a window boundary. */
    public boolean mayClose(Instant before, Instant after) {
        return before == null || windowStart(closeLimit(after)).isAfter(windowStart(closeLimit(before)));
    }
}

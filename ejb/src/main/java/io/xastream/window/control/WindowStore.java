package io.xastream.window.control;

import io.xastream.transaction.control.LedgerConnections;
import io.xastream.transaction.control.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Window state in ledger A, read and written set-based: for any number of keys one locking read of
 * their clocks, one of their open windows, and one batch each of window and clock writes.
 */
@ApplicationScoped
public class WindowStore {

    @Inject
    LedgerConnections ledgers;

    /** The event-time clock of each key that has one, locked for the rest of the transaction (in key order). */
    public Map<String, Instant> lockClocks(Collection<String> accounts) {
        List<String> ids = accounts.stream().distinct().sorted().toList();
        if (ids.isEmpty()) {
            return new HashMap<>();
        }
        return ledgers.on("A", connection -> {
            Map<String, Instant> clocks = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT account_id, max_event_time FROM window_watermark "
                    + "WHERE account_id IN (" + Sql.placeholders(ids.size()) + ") ORDER BY account_id FOR UPDATE")) {
                Sql.bind(select, ids);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        clocks.put(rows.getString(1), Sql.getInstant(rows, 2));
                    }
                }
            }
            return clocks;
        });
    }

    /** The open windows of the keys, locked. A window not among them is closed or does not exist yet. */
    public Map<WindowTally.Key, WindowTally> lockOpenWindows(Collection<String> accounts) {
        List<String> ids = accounts.stream().distinct().sorted().toList();
        if (ids.isEmpty()) {
            return new HashMap<>();
        }
        return ledgers.on("A", connection -> {
            Map<WindowTally.Key, WindowTally> open = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT account_id, window_start, window_end, record_count, volume "
                    + "FROM account_window WHERE closed = false AND account_id IN (" + Sql.placeholders(ids.size()) + ") "
                    + "ORDER BY account_id, window_start FOR UPDATE")) {
                Sql.bind(select, ids);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        WindowTally window = new WindowTally(rows.getString(1), Sql.getInstant(rows, 2), Sql.getInstant(rows, 3),
                                rows.getLong(4), rows.getBigDecimal(5));
                        open.put(window.key(), window);
                    }
                }
            }
            return open;
        });
    }

    /**
     * Writes what changed: each window's counts as a delta and its closing, each clock moved forward.
     * Upserts that add and only advance, so that even two transactions of one key (a producer that
     * sets no message group) cannot lose a count or move a clock back.
     */
    public void write(Collection<WindowTally> windows, Map<String, Instant> clocks) {
        ledgers.on("A", connection -> {
            if (!windows.isEmpty()) {
                try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO account_window "
                        + "(account_id, window_start, window_end, record_count, volume, closed, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (account_id, window_start) DO UPDATE SET "
                        + "record_count = account_window.record_count + EXCLUDED.record_count, "
                        + "volume = account_window.volume + EXCLUDED.volume, "
                        + "closed = account_window.closed OR EXCLUDED.closed, "
                        + "closed_at = COALESCE(account_window.closed_at, EXCLUDED.closed_at)")) {
                    for (WindowTally window : windows) {
                        upsert.setString(1, window.account());
                        Sql.setInstant(upsert, 2, window.start());
                        Sql.setInstant(upsert, 3, window.end());
                        upsert.setLong(4, window.addedCount());
                        upsert.setBigDecimal(5, window.addedVolume());
                        upsert.setBoolean(6, window.closedAt() != null);
                        Sql.setInstant(upsert, 7, window.closedAt());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
            if (!clocks.isEmpty()) {
                try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO window_watermark (account_id, max_event_time) "
                        + "VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET "
                        + "max_event_time = GREATEST(window_watermark.max_event_time, EXCLUDED.max_event_time)")) {
                    for (Map.Entry<String, Instant> clock : clocks.entrySet()) {
                        upsert.setString(1, clock.getKey());
                        Sql.setInstant(upsert, 2, clock.getValue());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
            return null;
        });
    }

    /** One window as a transaction sees it: what it held when locked, plus what this transaction counted. */
    public static final class WindowTally {

        public record Key(String account, Instant start) {
        }

        private final String account;
        private final Instant start;
        private final Instant end;
        private long count;
        private BigDecimal volume;
        private long addedCount;
        private BigDecimal addedVolume = BigDecimal.ZERO.setScale(2);
        private Instant closedAt;

        WindowTally(String account, Instant start, Instant end, long count, BigDecimal volume) {
            this.account = account;
            this.start = start;
            this.end = end;
            this.count = count;
            this.volume = volume;
        }

        static WindowTally fresh(String account, Instant start, Instant end) {
            return new WindowTally(account, start, end, 0, BigDecimal.ZERO.setScale(2));
        }

        void count(BigDecimal amount) {
            count++;
            volume = volume.add(amount);
            addedCount++;
            addedVolume = addedVolume.add(amount);
        }

        void close(Instant now) {
            closedAt = now;
        }

        Key key() {
            return new Key(account, start);
        }

        String account() {
            return account;
        }

        Instant start() {
            return start;
        }

        Instant end() {
            return end;
        }

        long count() {
            return count;
        }

        BigDecimal volume() {
            return volume;
        }

        long addedCount() {
            return addedCount;
        }

        BigDecimal addedVolume() {
            return addedVolume;
        }

        Instant closedAt() {
            return closedAt;
        }

        boolean open() {
            return closedAt == null;
        }
    }
}

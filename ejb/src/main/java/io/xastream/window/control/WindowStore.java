package io.xastream.window.control;

import io.xastream.transaction.control.LedgerConnections;
import io.xastream.transaction.control.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Window state in ledger A, read and written set-based: for any number of keys one round trip that
 * locks their clocks and open windows, and one that writes the windows and clocks that changed.
 */
@ApplicationScoped
public class WindowStore {

    @Inject
    LedgerConnections ledgers;

    /**
     * What {@link #lock} read: the event-time clock of each key that has one, and the keys' open
     * windows (a window not among them is closed or does not exist yet), all locked.
     */
    public record Locked(Map<String, Instant> clocks, Map<WindowTally.Key, WindowTally> open) {
    }

    /**
     * Locks the keys' clocks and their open windows for the rest of the transaction, in key order:
     * two locking reads sent together, one round trip.
     */
    public Locked lock(Collection<String> accounts) {
        List<String> ids = accounts.stream().distinct().sorted().toList();
        if (ids.isEmpty()) {
            return new Locked(new HashMap<>(), new HashMap<>());
        }
        return ledgers.on("A", connection -> {
            Map<String, Instant> clocks = new HashMap<>();
            Map<WindowTally.Key, WindowTally> open = new HashMap<>();
            String in = Sql.placeholders(ids.size());
            try (PreparedStatement select = connection.prepareStatement("SELECT account_id, max_event_time FROM window_watermark "
                    + "WHERE account_id IN (" + in + ") ORDER BY account_id FOR UPDATE; "
                    + "SELECT account_id, window_start, window_end, record_count, volume FROM account_window "
                    + "WHERE closed = false AND account_id IN (" + in + ") ORDER BY account_id, window_start FOR UPDATE")) {
                for (int i = 0; i < ids.size(); i++) {
                    select.setString(i + 1, ids.get(i));
                    select.setString(ids.size() + i + 1, ids.get(i));
                }
                select.execute();
                try (ResultSet rows = select.getResultSet()) {
                    while (rows.next()) {
                        clocks.put(rows.getString(1), Sql.getInstant(rows, 2));
                    }
                }
                if (!select.getMoreResults()) {
                    throw new SQLException("the open windows' read gave no result");
                }
                try (ResultSet rows = select.getResultSet()) {
                    while (rows.next()) {
                        WindowTally window = new WindowTally(rows.getString(1), Sql.getInstant(rows, 2), Sql.getInstant(rows, 3),
                                rows.getLong(4), rows.getBigDecimal(5));
                        open.put(window.key(), window);
                    }
                }
            }
            return new Locked(clocks, open);
        });
    }

    /**
     * Writes what changed: each window's counts as a delta and its closing, each clock moved forward;
     * both upserts sent together, one round trip. Upserts that add and only advance, so that even two
     * transactions of one key (a producer that sets no message group) cannot lose a count or move a
     * clock back.
     */
    public void write(Collection<WindowTally> windows, Map<String, Instant> clocks) {
        if (windows.isEmpty() && clocks.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        if (!windows.isEmpty()) {
            sql.append("INSERT INTO account_window (account_id, window_start, window_end, record_count, volume, closed, closed_at) VALUES ")
                    .append(Sql.rows(windows.size(), "(?, ?, ?, ?, ?, ?, ?)"))
                    .append(" ON CONFLICT (account_id, window_start) DO UPDATE SET ")
                    .append("record_count = account_window.record_count + EXCLUDED.record_count, ")
                    .append("volume = account_window.volume + EXCLUDED.volume, ")
                    .append("closed = account_window.closed OR EXCLUDED.closed, ")
                    .append("closed_at = COALESCE(account_window.closed_at, EXCLUDED.closed_at)");
        }
        if (!clocks.isEmpty()) {
            sql.append(sql.length() == 0 ? "" : "; ")
                    .append("INSERT INTO window_watermark (account_id, max_event_time) VALUES ")
                    .append(Sql.rows(clocks.size(), "(?, ?)"))
                    .append(" ON CONFLICT (account_id) DO UPDATE SET ")
                    .append("max_event_time = GREATEST(window_watermark.max_event_time, EXCLUDED.max_event_time)");
        }
        ledgers.on("A", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(sql.toString())) {
                int p = 1;
                for (WindowTally window : windows) {
                    upsert.setString(p++, window.account());
                    Sql.setInstant(upsert, p++, window.start());
                    Sql.setInstant(upsert, p++, window.end());
                    upsert.setLong(p++, window.addedCount());
                    upsert.setBigDecimal(p++, window.addedVolume());
                    upsert.setBoolean(p++, window.closedAt() != null);
                    Sql.setInstant(upsert, p++, window.closedAt());
                }
                for (Map.Entry<String, Instant> clock : clocks.entrySet()) {
                    upsert.setString(p++, clock.getKey());
                    Sql.setInstant(upsert, p++, clock.getValue());
                }
                upsert.execute();
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

package io.xastream.window.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One tumbling event-time window of one paying account: how many transfers it sent and their volume.
 * Updated in the XA transaction of each transfer it counts; closed (and published) once.
 */
@Entity
@Table(name = "account_window")
@IdClass(AccountWindow.Key.class)
public class AccountWindow {

    @Id
    @Column(name = "account_id", length = 32)
    private String accountId;

    @Id
    @Column(name = "window_start")
    private Instant windowStart;

    @Column(name = "window_end", nullable = false)
    private Instant windowEnd;

    @Column(name = "record_count", nullable = false)
    private long recordCount;

    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal volume;

    @Column(nullable = false)
    private boolean closed;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected AccountWindow() {
    }

    public AccountWindow(String accountId, Instant windowStart, Instant windowEnd) {
        this.accountId = accountId;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.volume = BigDecimal.ZERO.setScale(2);
    }

    public void count(BigDecimal amount) {
        recordCount++;
        volume = volume.add(amount);
    }

    public void close(Instant now) {
        closed = true;
        closedAt = now;
    }

    public String getAccountId() {
        return accountId;
    }

    public Instant getWindowStart() {
        return windowStart;
    }

    public Instant getWindowEnd() {
        return windowEnd;
    }

    public long getRecordCount() {
        return recordCount;
    }

    public BigDecimal getVolume() {
        return volume;
    }

    public boolean isClosed() {
        return closed;
    }

    public record Key(String accountId, Instant windowStart) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}

package io.xastream.window.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The latest event time seen for one key (paying account): its windows close by it. */
@Entity
@Table(name = "window_watermark")
public class WindowWatermark {

    @Id
    @Column(name = "account_id", length = 32)
    private String accountId;

    @Column(name = "max_event_time", nullable = false)
    private Instant maxEventTime;

    protected WindowWatermark() {
    }

    public WindowWatermark(String accountId, Instant maxEventTime) {
        this.accountId = accountId;
        this.maxEventTime = maxEventTime;
    }

    public Instant getMaxEventTime() {
        return maxEventTime;
    }

    public void advanceTo(Instant eventTime) {
        if (eventTime.isAfter(maxEventTime)) {
            maxEventTime = eventTime;
        }
    }
}

package io.xastream.window.control;

import io.xastream.stream.control.Stage;
import io.xastream.stream.control.StageClaims;
import io.xastream.stream.control.StageContext;
import io.xastream.stream.control.JsonFactories;
import io.xastream.stream.control.StageSettings;
import io.xastream.stream.control.StreamRecord;
import io.xastream.transfer.control.ApplyStage;
import io.xastream.window.entity.AccountWindow;
import io.xastream.window.entity.WindowWatermark;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Stage 3, aggregate: per paying account, tumbling event-time windows of the settled transfers
 * (count, volume), kept in ledger A and changed only in the XA transaction that consumes the
 * settled event. A window is published to the windows stream once, when it closes (WindowPolicy).
 * A claim per record id makes redelivered or replayed events count once.
 */
@ApplicationScoped
public class AggregateStage implements Stage {

    public static final String NAME = "aggregate";
    public static final String WINDOWS = "java:/jms/queue/xastream/windows";
    public static final String LATE_EVENT = "LATE_EVENT";
    public static final String MALFORMED = "MALFORMED";

    @PersistenceContext(unitName = "ledgerA")
    EntityManager ledgerA;

    @Inject
    StageClaims claims;

    private WindowPolicy policy;
    private Destination windows;

    @PostConstruct
    void configure() {
        policy = WindowPolicy.fromSystemProperties();
        windows = StageSettings.output(NAME, "output", WINDOWS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultInput() {
        return ApplyStage.APPLIED;
    }

    @Override
    public void process(StreamRecord record, StageContext context) {
        Settled event;
        try {
            event = Settled.parse(record.body());
        } catch (IllegalArgumentException e) {
            context.reject(record, record.recordId(), MALFORMED, "not a settled-transfer event: " + e.getMessage());
            return;
        }
        if (!claims.first(NAME, event.id())) {
            return;
        }
        WindowWatermark watermark = ledgerA.find(WindowWatermark.class, event.account(), LockModeType.PESSIMISTIC_WRITE);
        Instant clock = watermark == null ? null : watermark.getMaxEventTime();
        Instant windowStart = policy.windowStart(event.eventTime());
        Instant windowEnd = policy.windowEnd(event.eventTime());
        if (policy.closed(windowEnd, clock)) {
            context.reject(record, event.id(), LATE_EVENT, "event time " + event.eventTime() + " falls in window ["
                    + windowStart + ", " + windowEnd + ") of " + event.account() + ", closed when its event time reached "
                    + clock + " (allowed lateness " + policy.allowedLateness() + "); the transfer stays settled, "
                    + "the window statistics do not count it");
            return;
        }
        AccountWindow window = ledgerA.find(AccountWindow.class, new AccountWindow.Key(event.account(), windowStart),
                LockModeType.PESSIMISTIC_WRITE);
        if (window == null) {
            window = new AccountWindow(event.account(), windowStart, windowEnd);
            ledgerA.persist(window);
        }
        window.count(event.amount());
        if (watermark == null) {
            ledgerA.persist(new WindowWatermark(event.account(), event.eventTime()));
        } else if (event.eventTime().isAfter(clock)) {
            watermark.advanceTo(event.eventTime());
            if (policy.mayClose(clock, event.eventTime())) {
                closeWindows(event.account(), policy.closeLimit(event.eventTime()), context);
            }
        }
        ledgerA.flush();
        failFirstAttempt(event.id(), record.deliveryAttempt());
    }

    /**
     * Test hook, off unless {@code xastream.fault.aggregate-fail-first-attempt} holds a regular expression:
     * the first delivery of a matching record fails after its window was written, so the redelivery
     * must find nothing of it committed.
     */
    private static void failFirstAttempt(String recordId, int deliveryAttempt) {
        String pattern = System.getProperty("xastream.fault.aggregate-fail-first-attempt");
        if (deliveryAttempt == 1 && pattern != null && !pattern.isBlank() && recordId.matches(pattern)) {
            throw new IllegalStateException("injected fault after the window update of " + recordId);
        }
    }

    private void closeWindows(String account, Instant limit, StageContext context) {
        Instant now = Instant.now();
        for (AccountWindow window : ledgerA.createQuery("select w from AccountWindow w where w.accountId = :account "
                        + "and w.closed = false and w.windowEnd <= :limit order by w.windowStart", AccountWindow.class)
                .setParameter("account", account)
                .setParameter("limit", limit)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()) {
            window.close(now);
            String stats = JsonFactories.BUILDERS.createObjectBuilder()
                    .add("account", account)
                    .add("windowStart", window.getWindowStart().toString())
                    .add("windowEnd", window.getWindowEnd().toString())
                    .add("count", window.getRecordCount())
                    .add("volume", window.getVolume().toPlainString())
                    .build().toString();
            context.emit(windows, account, account + "@" + window.getWindowStart(), stats);
        }
    }

    /** The part of a settled event (ApplyStage) the windows need. */
    record Settled(String id, String account, BigDecimal amount, Instant eventTime) {

        static Settled parse(String body) {
            if (body == null || body.isBlank()) {
                throw new IllegalArgumentException("empty body");
            }
            try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(body))) {
                JsonObject json = reader.readObject();
                return new Settled(json.getString("id"), json.getString("from"),
                        new BigDecimal(json.getString("amount")), Instant.parse(json.getString("eventTime")));
            } catch (JsonException | ClassCastException | NullPointerException | NumberFormatException
                     | DateTimeParseException | IllegalStateException e) {
                throw new IllegalArgumentException(String.valueOf(e.getMessage()), e);
            }
        }
    }
}

package io.xastream.window.control;

import io.xastream.contract.Streams;
import io.xastream.contract.TransferFormat;
import io.xastream.stream.control.FaultInjection;
import io.xastream.stream.control.JsonFactories;
import io.xastream.stream.control.Stage;
import io.xastream.stream.control.StageClaims;
import io.xastream.stream.control.StageContext;
import io.xastream.stream.control.StageSettings;
import io.xastream.stream.control.StreamRecord;
import io.xastream.transfer.entity.SettledOnce;
import io.xastream.transfer.entity.TransferRecord;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage 3, aggregate: per paying account, tumbling event-time windows of the settled transfers
 * (count, volume), kept in ledger A and changed only in the XA transaction that consumes the
 * settled event. A window is published to the windows stream once, when it closes (WindowPolicy).
 * A claim per record id makes redelivered or replayed events count once; an event the apply stage
 * handed over in the transaction that settled its record ({@link SettledOnce}) needs none.
 */
@ApplicationScoped
public class AggregateStage implements Stage {

    public static final String NAME = "aggregate";
    public static final String LATE_EVENT = "LATE_EVENT";
    public static final String MALFORMED = "MALFORMED";

    @Inject
    StageClaims claims;

    @Inject
    WindowStore store;

    private WindowPolicy policy;
    private Destination windows;

    public AggregateStage() {
    }

    /** A stage on its own, for tests: the given claims, window store, policy and output. */
    AggregateStage(StageClaims claims, WindowStore store, WindowPolicy policy, Destination windows) {
        this.claims = claims;
        this.store = store;
        this.policy = policy;
        this.windows = windows;
    }

    @PostConstruct
    void configure() {
        policy = WindowPolicy.fromSystemProperties();
        windows = StageSettings.output(NAME, "output", Streams.WINDOWS_JNDI);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultInput() {
        return Streams.APPLIED_JNDI;
    }

    @Override
    public List<Destination> outputs() {
        return List.of(windows);
    }

    /**
     * The whole list in a constant number of statements: one claim of every record id that came
     * through a queue (one settled once in this transaction and handed over needs none), one round
     * trip that locks the keys' clocks and open windows; then each record in order against the
     * clock of its key (late, or counted, and the windows it closes published); then one round trip
     * that writes the windows and clocks.
     */
    @Override
    public void process(List<StreamRecord> records, StageContext context) {
        List<Event> events = new ArrayList<>();
        for (StreamRecord record : records) {
            try {
                SettledOnce once = record.parsed(SettledOnce.class);
                TransferRecord settled = once != null ? once.transfer() : record.parsed(TransferRecord.class);
                events.add(new Event(record, settled != null ? Settled.of(settled) : Settled.parse(record.body()), once != null));
            } catch (IllegalArgumentException e) {
                context.reject(record, record.recordId(), MALFORMED, "not a settled-transfer event: " + e.getMessage());
            }
        }
        if (events.isEmpty()) {
            return;
        }
        List<String> toClaim = events.stream().filter(event -> !event.once()).map(event -> event.settled().id()).toList();
        Set<String> claimed = claims.claim(NAME, toClaim, context.transactionId());
        Set<String> handedOver = new HashSet<>();
        List<Event> counted = new ArrayList<>();
        for (Event event : events) {
            String id = event.settled().id();
            if (event.once() ? handedOver.add(id) : claimed.remove(id)) { // the first of repeated ids only
                counted.add(event);
            }
        }
        if (counted.isEmpty()) {
            return;
        }
        Set<String> accounts = new TreeSet<>();
        counted.forEach(event -> accounts.add(event.settled().account()));
        WindowStore.Locked locked = store.lock(accounts);
        Map<String, Instant> clocks = locked.clocks();
        Map<WindowStore.WindowTally.Key, WindowStore.WindowTally> open = locked.open();
        Map<WindowStore.WindowTally.Key, WindowStore.WindowTally> touched = new LinkedHashMap<>();
        Map<String, Instant> moved = new LinkedHashMap<>();
        for (Event event : counted) {
            count(event, clocks, open, touched, moved, context);
        }
        store.write(touched.values(), moved);
        for (Event event : counted) {
            FaultInjection.afterWindowUpdate(event.settled().id(), event.record().deliveryAttempt());
        }
    }

    private void count(Event event, Map<String, Instant> clocks, Map<WindowStore.WindowTally.Key, WindowStore.WindowTally> open,
                       Map<WindowStore.WindowTally.Key, WindowStore.WindowTally> touched, Map<String, Instant> moved,
                       StageContext context) {
        Settled settled = event.settled();
        Instant clock = clocks.get(settled.account());
        Instant windowStart = policy.windowStart(settled.eventTime());
        Instant windowEnd = policy.windowEnd(settled.eventTime());
        if (policy.closed(windowEnd, clock)) {
            context.reject(event.record(), settled.id(), LATE_EVENT, "event time " + settled.eventTime() + " falls in window ["
                    + windowStart + ", " + windowEnd + ") of " + settled.account() + ", closed when its event time reached "
                    + clock + " (allowed lateness " + policy.allowedLateness() + "); the transfer stays settled, "
                    + "the window statistics do not count it");
            return;
        }
        // Not late, so not closed: open (and locked) or new.
        WindowStore.WindowTally window = open.computeIfAbsent(new WindowStore.WindowTally.Key(settled.account(), windowStart),
                key -> WindowStore.WindowTally.fresh(settled.account(), windowStart, windowEnd));
        window.count(settled.amount());
        touched.put(window.key(), window);
        if (clock == null || settled.eventTime().isAfter(clock)) {
            clocks.put(settled.account(), settled.eventTime());
            moved.put(settled.account(), settled.eventTime());
            if (clock != null && policy.mayClose(clock, settled.eventTime())) {
                closeWindows(settled.account(), policy.closeLimit(settled.eventTime()), open, touched, context);
            }
        }
    }

    private void closeWindows(String account, Instant limit, Map<WindowStore.WindowTally.Key, WindowStore.WindowTally> open,
                              Map<WindowStore.WindowTally.Key, WindowStore.WindowTally> touched, StageContext context) {
        Instant now = Instant.now();
        List<WindowStore.WindowTally> closing = open.values().stream()
                .filter(window -> window.account().equals(account) && window.open() && !window.end().isAfter(limit))
                .sorted(Comparator.comparing(WindowStore.WindowTally::start))
                .toList();
        for (WindowStore.WindowTally window : closing) {
            window.close(now);
            touched.put(window.key(), window);
            String stats = JsonFactories.BUILDERS.createObjectBuilder()
                    .add("account", account)
                    .add("windowStart", window.start().toString())
                    .add("windowEnd", window.end().toString())
                    .add("count", window.count())
                    .add("volume", window.volume().toPlainString())
                    .build().toString();
            context.emit(windows, account, account + "@" + window.start(), stats);
        }
    }

    /** A settled event, and whether it was handed over once in the transaction that settled its record. */
    private record Event(StreamRecord record, Settled settled, boolean once) {
    }

    /** The part of a settled event (ApplyStage) the windows need. */
    record Settled(String id, String account, BigDecimal amount, Instant eventTime) {

        static Settled of(TransferRecord transfer) {
            return new Settled(transfer.id(), transfer.from(), transfer.amount(), transfer.eventTime());
        }

        static Settled parse(String body) {
            if (body == null || body.isBlank()) {
                throw new IllegalArgumentException("empty body");
            }
            try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(body))) {
                JsonObject json = reader.readObject();
                return new Settled(json.getString(TransferFormat.ID), json.getString(TransferFormat.FROM),
                        new BigDecimal(json.getString(TransferFormat.AMOUNT)), Instant.parse(json.getString(TransferFormat.EVENT_TIME)));
            } catch (JsonException | ClassCastException | NullPointerException | NumberFormatException
                     | DateTimeParseException | IllegalStateException e) {
                throw new IllegalArgumentException(String.valueOf(e.getMessage()), e);
            }
        }
    }
}

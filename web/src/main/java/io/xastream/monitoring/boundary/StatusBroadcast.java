package io.xastream.monitoring.boundary;

import io.xastream.monitoring.control.InDoubtReader;
import io.xastream.monitoring.control.LedgerUnreachableException;
import io.xastream.monitoring.control.StatusReader;
import io.xastream.monitoring.entity.LedgerOutage;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the pipeline once per tick and sends the result to every open page. Ticks run only while
 * someone listens; a page that goes away is dropped by the broadcaster.
 * <p>
 * A newcomer gets the last snapshot at once, from memory: reading the pipeline for each one made
 * 200 pages opened together wait 9 to 22 s for their first picture, each read queued behind the
 * others. Each user may hold {@code xastream.dashboard.streams-per-user} (100) streams open; the
 * next is refused (429), so one client cannot make the broadcast grow without bound.
 */
@ApplicationScoped
public class StatusBroadcast {

    static final long TICK_MILLIS = 2_000;
    /** The in-doubt view lists prepared branches in three resources: every fifth tick is enough. */
    static final int IN_DOUBT_EVERY = 5;
    static final int STREAMS_PER_USER = Integer.getInteger("xastream.dashboard.streams-per-user", 100);

    private static final Logger LOG = Logger.getLogger(StatusBroadcast.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    StatusReader status;

    @Inject
    InDoubtReader inDoubt;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, AtomicInteger> streamsByUser = new ConcurrentHashMap<>();
    /** Every open stream and its user: who listens, and whose count a closed stream frees. */
    private final Map<SseEventSink, String> owners = new ConcurrentHashMap<>();
    private final AtomicBoolean tickRequested = new AtomicBoolean();
    private final Object reading = new Object();
    private Sse sse;
    private SseBroadcaster broadcaster;
    private ScheduledFuture<?> ticks;
    private long tick;
    /** The last snapshot (status or outage) and in-doubt view sent, for newcomers. */
    private volatile OutboundSseEvent lastStatus;
    private volatile long lastStatusAt;
    private volatile OutboundSseEvent lastInDoubt;

    /** Whether the user may open one more stream; if so, it is counted until {@link #subscribe} or {@link #release}. */
    boolean admit(String user) {
        AtomicInteger open = streamsByUser.computeIfAbsent(user, u -> new AtomicInteger());
        if (open.incrementAndGet() > STREAMS_PER_USER) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    void release(String user) {
        AtomicInteger open = streamsByUser.get(user);
        if (open != null) {
            open.decrementAndGet();
        }
    }

    void subscribe(SseEventSink sink, Sse sse, String user) {
        synchronized (this) {
            if (broadcaster == null) {
                this.sse = sse;
                broadcaster = sse.newBroadcaster();
                broadcaster.onClose(this::closed);
                broadcaster.onError((lost, error) -> {
                    LOG.fine(() -> "stream listener lost: " + error);
                    closed(lost);
                });
            }
            owners.put(sink, user);
            broadcaster.register(sink);
            if (ticks == null || ticks.isDone()) {
                ticks = scheduler.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
        }
        OutboundSseEvent picture = lastStatus;
        if (picture != null) {
            sink.send(picture);
        }
        OutboundSseEvent branches = lastInDoubt;
        if (branches != null) {
            sink.send(branches);
        }
        if (picture == null || System.currentTimeMillis() - lastStatusAt > TICK_MILLIS) {
            // One read for all the newcomers of the moment, however many.
            if (tickRequested.compareAndSet(false, true)) {
                scheduler.execute(this::tick);
            }
        }
    }

    /** A stream closed or lost (either may be reported, or both): counted out once, by its owner entry. */
    private void closed(SseEventSink sink) {
        String user = owners.remove(sink);
        if (user != null) {
            release(user);
        }
    }

    private void tick() {
        synchronized (reading) {
            tickRequested.set(false);
            if (owners.isEmpty() && ticks != null) {
                ticks.cancel(false);
                return;
            }
            try {
                send(event("status", status.read()), true);
            } catch (LedgerUnreachableException e) {
                send(event("outage", new LedgerOutage(e.getMessage(), e.ledger(), e.engine())), true);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "status snapshot failed", e);
            }
            if (tick++ % IN_DOUBT_EVERY == 0) {
                try {
                    send(event("in-doubt", inDoubt.read()), false);
                } catch (Exception e) {
                    LOG.warning(() -> "in-doubt view unavailable: " + e);
                }
            }
        }
    }

    /** The data as JSON text, written once per tick: not once per open page, as an object would be. */
    private OutboundSseEvent event(String name, Object data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, JSON.toJson(data)).build();
    }

    private void send(OutboundSseEvent event, boolean status) {
        if (status) {
            lastStatus = event;
            lastStatusAt = System.currentTimeMillis();
        } else {
            lastInDoubt = event;
        }
        broadcaster.broadcast(event);
    }

    @PreDestroy
    synchronized void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (broadcaster != null) {
            broadcaster.close();
        }
    }
}

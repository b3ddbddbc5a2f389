package io.xastream.monitoring.boundary;

import io.xastream.monitoring.control.InDoubtReader;
import io.xastream.monitoring.control.LedgerUnreachableException;
import io.xastream.monitoring.control.ServerState;
import io.xastream.monitoring.control.StatusReader;
import io.xastream.monitoring.entity.LedgerOutage;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * <p>
 * The first snapshot is read when the application starts, before anyone asks: on a cold server
 * that read takes a second or more (first connections, first queries, code not yet compiled), and
 * the first pages opened would all have waited for it.
 */
@ApplicationScoped
public class StatusBroadcast {

    static final long TICK_MILLIS = 2_000;
    /** The in-doubt view lists prepared branches in three resources: every fifth tick is enough. */
    static final int IN_DOUBT_EVERY = 5;
    static final int STREAMS_PER_USER = Integer.getInteger("xastream.dashboard.streams-per-user", 100);
    private static final Duration WARM_UP_WAIT = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(StatusBroadcast.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    StatusReader status;

    @Inject
    InDoubtReader inDoubt;

    /**
     * Threads of its own, from the server: the shared managed scheduler refuses, with an ERROR each
     * time, to run a task while the server is suspended, which is how every shutdown begins, and a
     * page left open would have logged one a tick until the application stopped. Two: the in-doubt
     * read runs beside the ticks.
     */
    @Resource
    ManagedThreadFactory threads;

    private final Map<String, AtomicInteger> streamsByUser = new ConcurrentHashMap<>();
    /** Every open stream and its user: who listens, and whose count a closed stream frees. */
    private final Map<SseEventSink, String> owners = new ConcurrentHashMap<>();
    private final AtomicBoolean tickRequested = new AtomicBoolean();
    /** An in-doubt read under way: the next one waits its turn rather than piling up behind it. */
    private final AtomicBoolean inDoubtReading = new AtomicBoolean();
    private final Object reading = new Object();
    private Sse sse;
    private SseBroadcaster broadcaster;
    private volatile ScheduledExecutorService scheduler;
    private ScheduledFuture<?> ticks;
    private long tick;
    /** The last snapshot (status or outage) and in-doubt view read, for newcomers. */
    private volatile Snapshot lastStatus;
    private volatile Snapshot lastInDoubt;

    /** An event's name and JSON text, written once however many pages get it. */
    private record Snapshot(String name, String json, long readAt) {
    }

    /** Reads the first snapshot as soon as the application is up and the server runs (see the class comment). */
    void warmUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
        scheduler = Executors.newScheduledThreadPool(2, threads);
        long deadline = System.nanoTime() + WARM_UP_WAIT.toNanos();
        scheduler.execute(() -> warmUpWhenRunning(deadline));
    }

    /**
     * An application deployed while the server boots starts before the server's management resources
     * answer (the broker's queues, the coordinator's statistics): each read then failed and WildFly
     * logged an ERROR for it at every start. So the first read waits until the server runs
     * ({@link ServerState#running}), checking every 200 ms without holding a thread, for a minute at
     * most.
     */
    private void warmUpWhenRunning(long deadline) {
        if (ServerState.running() || System.nanoTime() > deadline) {
            tick();
        } else {
            scheduler.schedule(() -> warmUpWhenRunning(deadline), 200, TimeUnit.MILLISECONDS);
        }
    }

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
                // The first tick reads at once and sends to everyone, this page included.
                ticks = scheduler.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        Snapshot picture = lastStatus;
        if (picture != null) {
            sink.send(event(picture));
        }
        Snapshot branches = lastInDoubt;
        if (branches != null) {
            sink.send(event(branches));
        }
        if (picture == null || System.currentTimeMillis() - picture.readAt() > TICK_MILLIS) {
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

    void tick() {
        synchronized (reading) {
            tickRequested.set(false);
            if (owners.isEmpty() && ticks != null) {
                ticks.cancel(false);
                return;
            }
            try {
                send(snapshot("status", status.read()), true);
            } catch (LedgerUnreachableException e) {
                send(snapshot("outage", new LedgerOutage(e.getMessage(), e.ledger(), e.engine())), true);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "status snapshot failed", e);
            }
            if (tick++ % IN_DOUBT_EVERY == 0) {
                if (inDoubtReading.compareAndSet(false, true)) {
                    background().execute(this::readInDoubt);
                } else {
                    LOG.warning("in-doubt view: the last read has not returned for "
                            + IN_DOUBT_EVERY * TICK_MILLIS / 1000 + " s; the status goes on without it");
                }
            }
        }
    }

    /**
     * Off the status tick: the in-doubt view asks three resources and the coordinator's log store,
     * and one of them slow or stuck (a full disk, a broker paused, a database failing over) must not
     * freeze the status every open page shows.
     */
    private void readInDoubt() {
        try {
            send(snapshot("in-doubt", inDoubt.read()), false);
        } catch (Exception e) {
            LOG.warning(() -> "in-doubt view unavailable: " + e);
        } finally {
            inDoubtReading.set(false);
        }
    }

    /** Where reads run besides the tick itself: the broadcast's own threads. */
    Executor background() {
        return scheduler;
    }

    /** The data as JSON text, written once per tick: not once per open page, as an object would be. */
    private static Snapshot snapshot(String name, Object data) {
        return new Snapshot(name, JSON.toJson(data), System.currentTimeMillis());
    }

    private OutboundSseEvent event(Snapshot snapshot) {
        return sse.newEventBuilder().name(snapshot.name()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, snapshot.json()).build();
    }

    /** Kept for newcomers; sent to the open pages, if any (none at the warm-up read). */
    private void send(Snapshot snapshot, boolean status) {
        if (status) {
            lastStatus = snapshot;
        } else {
            lastInDoubt = snapshot;
        }
        SseBroadcaster open;
        synchronized (this) {
            open = broadcaster;
        }
        if (open != null) {
            open.broadcast(event(snapshot));
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (broadcaster != null) {
            broadcaster.close();
        }
    }
}

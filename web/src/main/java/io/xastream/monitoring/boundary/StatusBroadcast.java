package io.xastream.monitoring.boundary;

import io.xastream.monitoring.control.InDoubtReader;
import io.xastream.monitoring.control.LedgerUnreachableException;
import io.xastream.monitoring.control.StatusReader;
import io.xastream.monitoring.entity.InDoubt;
import io.xastream.monitoring.entity.LedgerOutage;
import io.xastream.monitoring.entity.Status;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the pipeline once per tick and sends the result to every open page. Ticks run only while
 * someone listens; a page that goes away is dropped by the broadcaster.
 */
@ApplicationScoped
public class StatusBroadcast {

    static final long TICK_MILLIS = 2_000;
    /** The in-doubt view lists prepared branches in three resources: every fifth tick is enough. */
    static final int IN_DOUBT_EVERY = 5;

    private static final Logger LOG = Logger.getLogger(StatusBroadcast.class.getName());

    @Inject
    StatusReader status;

    @Inject
    InDoubtReader inDoubt;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicInteger listeners = new AtomicInteger();
    private Sse sse;
    private SseBroadcaster broadcaster;
    private ScheduledFuture<?> ticks;
    private long tick;

    synchronized void subscribe(SseEventSink sink, Sse sse) {
        if (broadcaster == null) {
            this.sse = sse;
            broadcaster = sse.newBroadcaster();
            broadcaster.onClose(closed -> listeners.decrementAndGet());
            broadcaster.onError((closed, error) -> LOG.fine(() -> "stream listener lost: " + error));
        }
        broadcaster.register(sink);
        listeners.incrementAndGet();
        // The newcomer should not wait a whole tick for its first picture.
        tick = 0;
        if (ticks == null || ticks.isDone()) {
            ticks = scheduler.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            scheduler.execute(this::tick);
        }
    }

    private synchronized void tick() {
        if (listeners.get() <= 0 && ticks != null) {
            ticks.cancel(false);
            return;
        }
        try {
            Status snapshot = status.read();
            broadcaster.broadcast(sse.newEventBuilder().name("status").mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(Status.class, snapshot).build());
        } catch (LedgerUnreachableException e) {
            broadcaster.broadcast(sse.newEventBuilder().name("outage").mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(LedgerOutage.class, new LedgerOutage(e.getMessage(), e.ledger(), e.engine())).build());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "status snapshot failed", e);
        }
        if (tick++ % IN_DOUBT_EVERY == 0) {
            try {
                InDoubt view = inDoubt.read();
                broadcaster.broadcast(sse.newEventBuilder().name("in-doubt").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(InDoubt.class, view).build());
            } catch (Exception e) {
                LOG.warning(() -> "in-doubt view unavailable: " + e);
            }
        }
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

package io.xastream.monitoring.boundary;

import io.xastream.monitoring.control.InDoubtReader;
import io.xastream.monitoring.control.StatusReader;
import io.xastream.monitoring.entity.InDoubt;
import io.xastream.monitoring.entity.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusBroadcastTest {

    @Test
    void eachUserMayHoldAsManyStreamsAsTheCapAndNoMore() {
        StatusBroadcast broadcast = new StatusBroadcast();
        for (int i = 0; i < StatusBroadcast.STREAMS_PER_USER; i++) {
            assertTrue(broadcast.admit("monitor"), "stream " + (i + 1));
        }
        assertFalse(broadcast.admit("monitor"), "one more than the cap");
        assertTrue(broadcast.admit("operator"), "another user has streams of their own");
        broadcast.release("monitor");
        assertTrue(broadcast.admit("monitor"), "a closed stream makes room");
        assertFalse(broadcast.admit("monitor"));
    }

    @Test
    void aStuckInDoubtReadNeitherStopsTheStatusNorPilesUp() throws Exception {
        AtomicInteger statusReads = new AtomicInteger();
        AtomicInteger inDoubtReads = new AtomicInteger();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        // One thread: a task submitted after the in-doubt read runs only once that read has ended.
        ExecutorService pool = Executors.newSingleThreadExecutor();
        StatusBroadcast broadcast = new StatusBroadcast() {
            @Override
            Executor background() {
                return pool;
            }
        };
        broadcast.status = new StatusReader() {
            @Override
            public Status read() {
                statusReads.incrementAndGet();
                return new Status(null, null, null, null, null, null, null, Instant.now());
            }
        };
        broadcast.inDoubt = new InDoubtReader() {
            @Override
            public InDoubt read() {
                inDoubtReads.incrementAndGet();
                try {
                    stuck.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                returned.countDown();
                return null;
            }
        };
        try {
            int ticks = 3 * StatusBroadcast.IN_DOUBT_EVERY;
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < ticks; i++) {
                    broadcast.tick();
                }
            }, "a tick waited for the in-doubt read");
            assertEquals(ticks, statusReads.get(), "a status read at every tick");
            assertEquals(1, inDoubtReads.get(), "in-doubt reads started while one was stuck");

            stuck.countDown();
            assertTrue(returned.await(10, TimeUnit.SECONDS));
            pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
            broadcast.tick(); // the next turn: tick 3 x IN_DOUBT_EVERY
            pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
            assertEquals(2, inDoubtReads.get(), "once the stuck read returned, the next turn reads again");
        } finally {
            pool.shutdownNow();
        }
    }
}

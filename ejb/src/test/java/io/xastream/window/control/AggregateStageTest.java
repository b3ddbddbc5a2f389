package io.xastream.window.control;

import io.xastream.stream.control.RecordingContext;
import io.xastream.stream.control.StageClaims;
import io.xastream.stream.control.StreamRecord;
import io.xastream.transfer.entity.SettledOnce;
import io.xastream.transfer.entity.TransferRecord;
import jakarta.jms.Destination;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The aggregate stage's windows over in-memory claims and window state: no broker, no database. */
class AggregateStageTest {

    private static final Destination WINDOWS = new Destination() { };
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static final class MemoryClaims extends StageClaims {
        final Set<String> claimed = new HashSet<>();

        @Override
        public Set<String> claim(String stage, List<String> recordIds, String transactionId) {
            Set<String> now = new HashSet<>();
            recordIds.stream().filter(claimed::add).forEach(now::add);
            return now;
        }
    }

    static final class MemoryWindows extends WindowStore {
        final Map<String, Instant> clocks = new HashMap<>();
        final Map<WindowTally.Key, long[]> counts = new HashMap<>();
        final Set<WindowTally.Key> closed = new HashSet<>();
        final Map<WindowTally.Key, Instant> ends = new HashMap<>();
        final List<Integer> writes = new ArrayList<>();

        @Override
        public Locked lock(Collection<String> accounts) {
            Map<String, Instant> found = new HashMap<>();
            accounts.stream().filter(clocks::containsKey).forEach(a -> found.put(a, clocks.get(a)));
            Map<WindowTally.Key, WindowTally> open = new HashMap<>();
            counts.forEach((key, c) -> {
                if (accounts.contains(key.account()) && !closed.contains(key)) {
                    open.put(key, new WindowTally(key.account(), key.start(), ends.get(key), c[0], BigDecimal.valueOf(c[1], 2)));
                }
            });
            return new Locked(found, open);
        }

        @Override
        public void write(Collection<WindowTally> windows, Map<String, Instant> moved) {
            writes.add(windows.size());
            for (WindowTally window : windows) {
                long[] c = counts.computeIfAbsent(window.key(), k -> new long[2]);
                c[0] += window.addedCount();
                c[1] += window.addedVolume().movePointRight(2).longValueExact();
                ends.put(window.key(), window.end());
                if (window.closedAt() != null) {
                    closed.add(window.key());
                }
            }
            moved.forEach((account, clock) -> clocks.merge(account, clock, (a, b) -> a.isAfter(b) ? a : b));
        }
    }

    private final MemoryClaims claims = new MemoryClaims();
    private final MemoryWindows store = new MemoryWindows();
    private final AggregateStage stage = new AggregateStage(claims, store,
            new WindowPolicy(Duration.ofSeconds(60), Duration.ofSeconds(30)), WINDOWS);

    private static StreamRecord settled(String id, String from, String amount, Instant eventTime) {
        return new StreamRecord(id, from, "{\"id\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"B-1\",\"amount\":\""
                + amount + "\",\"eventTime\":\"" + eventTime + "\",\"settledAt\":\"" + eventTime + "\"}", 1, "m-" + id);
    }

    @Test
    void countsAnEpochInItsWindowsClosesThoseTheClockPassedAndRejectsALateRecord() {
        RecordingContext context = new RecordingContext();
        stage.process(List.of(
                settled("w1", "A-1", "1.00", T0.plusSeconds(5)),
                settled("w2", "A-1", "2.00", T0.plusSeconds(50)),
                settled("w3", "A-1", "4.00", T0.plusSeconds(95)),     // clock 10:01:35: window 10:00 still open (lateness 30 s)
                settled("w4", "A-1", "8.00", T0.plusSeconds(140)),    // clock 10:02:20: closes window 10:00, not 10:01
                settled("w5", "A-1", "16.00", T0.plusSeconds(10)),    // its window closed: late
                settled("w6", "A-2", "32.00", T0.plusSeconds(10))), context);

        assertEquals(List.of("A-1@" + T0), context.idsTo(WINDOWS), "one window closed and published");
        String published = context.emitted.get(0).body();
        assertTrue(published.contains("\"count\":2") && published.contains("\"volume\":\"3.00\""), published);
        assertEquals(List.of("w5:LATE_EVENT"), context.rejectedReasons());
        assertEquals(List.of(4), store.writes, "one write for the epoch, each window once");
        assertEquals(2, store.counts.get(new WindowStore.WindowTally.Key("A-1", T0))[0]);
        assertEquals(1, store.counts.get(new WindowStore.WindowTally.Key("A-1", T0.plusSeconds(60)))[0]);
        assertEquals(T0.plusSeconds(140), store.clocks.get("A-1"));
    }

    @Test
    void aRepeatedRecordCountsOnceWhetherInTheSameEpochOrALaterOne() {
        stage.process(List.of(settled("r1", "A-1", "1.00", T0), settled("r1", "A-1", "1.00", T0)), new RecordingContext());
        stage.process(List.of(settled("r1", "A-1", "1.00", T0)), new RecordingContext());
        assertEquals(1, store.counts.get(new WindowStore.WindowTally.Key("A-1", T0))[0]);
    }

    @Test
    void aSettledTransferHandedOverParsedByAChainedApplyStageIsCountedWithoutItsBody() {
        TransferRecord transfer = new TransferRecord("p1", "A-1", "B-1", new BigDecimal("2.50"), T0.plusSeconds(3));
        stage.process(List.of(new StreamRecord("p1", "A-1", null, 1, null, transfer)), new RecordingContext());
        assertEquals(1, store.counts.get(new WindowStore.WindowTally.Key("A-1", T0))[0]);
        assertEquals(250, store.counts.get(new WindowStore.WindowTally.Key("A-1", T0))[1]);
    }

    @Test
    void aTransferSettledOnceInThisTransactionIsCountedWithoutAClaimAndQueuedEventsAreClaimed() {
        TransferRecord transfer = new TransferRecord("o1", "A-1", "B-1", new BigDecimal("1.00"), T0.plusSeconds(1));
        StreamRecord handedOver = new StreamRecord("o1", "A-1", null, 1, null, new SettledOnce(transfer));
        stage.process(List.of(handedOver, handedOver, settled("q1", "A-1", "2.00", T0.plusSeconds(2))), new RecordingContext());

        assertEquals(Set.of("q1"), claims.claimed, "only the event that came through a queue is claimed");
        assertEquals(2, store.counts.get(new WindowStore.WindowTally.Key("A-1", T0))[0], "o1 once, q1 once");
        assertEquals(300, store.counts.get(new WindowStore.WindowTally.Key("A-1", T0))[1]);
    }

    @Test
    void aMalformedEventIsRejectedAndTheOthersAreCounted() {
        RecordingContext context = new RecordingContext();
        stage.process(List.of(new StreamRecord("bad", "A-1", "{\"id\":1}", 1, "m-bad"), settled("ok", "A-1", "1.00", T0)), context);
        assertEquals(List.of("bad:MALFORMED"), context.rejectedReasons());
        assertEquals(1, store.counts.get(new WindowStore.WindowTally.Key("A-1", T0))[0]);
    }
}

package io.xastream.stream.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyFenceTest {

    private static final Duration WAIT = Duration.ofMillis(600);
    private static final Duration ASK = Duration.ofSeconds(2);

    /** The broker's answers, one per question, the last one repeated; counts the questions. */
    private static final class Broker implements KeyFence.HeldReader {
        final Deque<Map<String, Set<String>>> answers = new ArrayDeque<>();
        int asked;

        /** One prepared transaction holding these keys (none: nothing prepared). */
        Broker answer(Set<String> held) {
            return answer(held.isEmpty() ? Map.of() : Map.of("xid-" + held, held));
        }

        Broker answer(Map<String, Set<String>> byTransaction) {
            answers.add(byTransaction);
            return this;
        }

        @Override
        public Map<String, Set<String>> read() {
            asked++;
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }
    }

    private static List<StreamRecord> records(String... keys) {
        return java.util.Arrays.stream(keys).map(key -> new StreamRecord("t-" + key, key, "{}", 1, "ID:" + key)).toList();
    }

    @Test
    void recordsTheBrokerHandsOverAsBeforeAskNothing() {
        Broker broker = new Broker().answer(Set.of("A-1"));
        KeyFence fence = new KeyFence(broker, WAIT, Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        fence.admit("apply", records("A-1", "A-2"), Set.of());
        assertEquals(0, broker.asked, "no key new to its consumer, none fenced: the broker is not asked");
    }

    @Test
    void aKeyNewToItsConsumerAndNotHeldGoesOn() {
        Broker broker = new Broker().answer(Set.of("B-9"));
        KeyFence fence = new KeyFence(broker, WAIT, Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        fence.admit("apply", records("A-1", "A-2"), Set.of("A-1"));
        assertEquals(1, broker.asked);
    }

    @Test
    void aHeldKeyWaitsUntilFreeThenGoesRoundOnceMore() {
        Broker broker = new Broker().answer(Set.of("A-1")).answer(Set.of("A-1")).answer(Set.of());
        KeyFence fence = new KeyFence(broker, Duration.ofSeconds(5), Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        KeyFence.Wait released = assertThrows(KeyFence.Wait.class, () -> fence.admit("apply", records("A-1"), Set.of("A-1")));
        assertTrue(released.getMessage().contains("free again"), released.getMessage());
        assertTrue(KeyFence.waiting(new IllegalStateException(released)), "found among the causes");
        int asked = broker.asked;
        fence.admit("apply", records("A-1"), Set.of());
        assertEquals(asked, broker.asked, "once free and rolled back, the key's records go on unasked");
    }

    @Test
    void aKeyStillHeldAfterTheWaitIsFencedUntilFree() {
        Broker broker = new Broker().answer(Set.of("A-1", "B-2"));
        KeyFence fence = new KeyFence(broker, WAIT, Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        KeyFence.Wait held = assertThrows(KeyFence.Wait.class, () -> fence.admit("apply", records("A-1", "A-2"), Set.of("A-1", "A-2")));
        assertTrue(held.getMessage().contains("[A-1]"), held.getMessage());

        // Its record comes again, no longer marked first of its key: still checked, still held.
        assertThrows(KeyFence.Wait.class, () -> fence.admit("apply", records("A-1"), Set.of()));
        broker.answers.clear();
        broker.answer(Set.of("B-2"));
        KeyFence.Wait released = assertThrows(KeyFence.Wait.class, () -> fence.admit("apply", records("A-1"), Set.of()));
        assertTrue(released.getMessage().contains("free again"), released.getMessage());
        fence.admit("apply", records("A-1"), Set.of());
    }

    @Test
    void aKeyHeldPastTheLimitGoesOn() {
        Broker broker = new Broker().answer(Set.of("A-1"));
        KeyFence fence = new KeyFence(broker, Duration.ofMillis(300), Duration.ZERO, ASK, Duration.ZERO, System::nanoTime);
        fence.admit("apply", records("A-1"), Set.of("A-1"));
        int asked = broker.asked;
        fence.admit("apply", records("A-1"), Set.of("A-1"));
        assertEquals(asked, broker.asked, "given up: not asked again");
    }

    @Test
    void aBrokerThatCannotBeAskedHoldsNothingBack() {
        KeyFence fence = new KeyFence(() -> {
            throw new IllegalStateException("no manage permission");
        }, WAIT, Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        fence.admit("apply", records("A-1"), Set.of("A-1"));
    }

    @Test
    void aBrokerThatDoesNotAnswerHoldsTheRecordsNoLongerThanAQuestionMayTake() {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        int[] asked = {0};
        KeyFence fence = new KeyFence(() -> {
            asked[0]++;
            never.await();
            return Map.of("x", Set.of("A-1"));
        }, WAIT, Duration.ofMinutes(2), Duration.ofMillis(300), Duration.ZERO, System::nanoTime);
        long started = System.nanoTime();
        fence.admit("apply", records("A-1"), Set.of("A-1"));
        fence.admit("apply", records("A-2"), Set.of("A-2"));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(2).toNanos(), "waited for an answer that never came");
        assertEquals(1, asked[0], "the question still open is waited for again, not asked twice");
        fence.close();
    }

    @Test
    void aKeyALastingTransactionHeldIsReleasedOnceEvenIfNoRecordOfItWaited() {
        // Read by the watch: X holds A-1 in two readings running, then is gone; Y holds B-1 once only (a live commit).
        Broker broker = new Broker().answer(Map.of("X", Set.of("A-1"))).answer(Map.of("X", Set.of("A-1"), "Y", Set.of("B-1")))
                .answer(Map.of());
        KeyFence fence = new KeyFence(broker, WAIT, Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        fence.watchOnce();
        fence.watchOnce();
        fence.watchOnce();
        // A record of A-1 that a busy consumer had taken in meanwhile: it goes round once, behind the one X gave back.
        KeyFence.Wait released = assertThrows(KeyFence.Wait.class, () -> fence.admit("apply", records("A-1"), Set.of()));
        assertTrue(released.getMessage().contains("[A-1]") && released.getMessage().contains("free again"), released.getMessage());
        fence.admit("apply", records("A-1"), Set.of());
        fence.admit("apply", records("B-1"), Set.of());
    }

    /**
     * The watch's release goes round once in each stage: the held record may be back in another stage's
     * queue than the one that sees the key first (ClusterIT, per record: the aggregate stage took the
     * release, and the apply stage booked the key's later record ahead of the returned one).
     */
    @Test
    void eachStageSendsAReleasedKeyRoundOnce() {
        Broker broker = new Broker().answer(Map.of("X", Set.of("A-1"))).answer(Map.of("X", Set.of("A-1"))).answer(Map.of());
        KeyFence fence = new KeyFence(broker, WAIT, Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        fence.watchOnce();
        fence.watchOnce();
        fence.watchOnce();
        assertThrows(KeyFence.Wait.class, () -> fence.admit("aggregate", records("A-1"), Set.of()));
        fence.admit("aggregate", records("A-1"), Set.of());
        assertThrows(KeyFence.Wait.class, () -> fence.admit("apply", records("A-1"), Set.of()), "the apply stage's record of A-1 goes round too");
        fence.admit("apply", records("A-1"), Set.of());
    }

    /** A key one stage found held and then free is sent round once by the other stages too. */
    @Test
    void aKeyFreedInOneStageGoesRoundOnceInTheOthers() {
        Broker broker = new Broker().answer(Set.of("A-1"));
        KeyFence fence = new KeyFence(broker, WAIT, Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        KeyFence.Wait held = assertThrows(KeyFence.Wait.class, () -> fence.admit("validate", records("A-1"), Set.of("A-1")));
        assertTrue(held.getMessage().contains("keeps prepared"), held.getMessage());
        broker.answers.clear();
        broker.answer(Set.of());
        KeyFence.Wait free = assertThrows(KeyFence.Wait.class, () -> fence.admit("validate", records("A-1"), Set.of()));
        assertTrue(free.getMessage().contains("free again"), free.getMessage());
        fence.admit("validate", records("A-1"), Set.of());
        assertThrows(KeyFence.Wait.class, () -> fence.admit("apply", records("A-1"), Set.of()));
        fence.admit("apply", records("A-1"), Set.of());
    }

    /**
     * A key's first record here that was delivered before came from a consumer that went away: the
     * key pauses and goes round once, so an earlier record the broker gives back late goes first.
     */
    @Test
    void aKeyFromAConsumerThatWentAwayGoesRoundOnceAfterAPause() {
        Broker broker = new Broker().answer(Set.of());
        KeyFence fence = new KeyFence(broker, WAIT, Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        fence.admit("validate", records("B-1"), Set.of("B-1"));
        StreamRecord inherited = new StreamRecord("t-A-1", "A-1", "{}", 2, "ID:A-1");
        long started = System.nanoTime();
        KeyFence.Wait settle = assertThrows(KeyFence.Wait.class, () -> fence.admit("validate", List.of(inherited), Set.of("A-1")));
        assertTrue(settle.getMessage().contains("went away"), settle.getMessage());
        assertTrue(System.nanoTime() - started >= WAIT.toNanos(), "it paused first, a quarter of the timeout at most");
        fence.admit("validate", List.of(inherited), Set.of("A-1"));
        assertThrows(KeyFence.Wait.class, () -> fence.admit("apply", List.of(inherited), Set.of("A-1")), "each stage once");
    }

    /**
     * A key's first record to a consumer is marked on that delivery only: given back unprocessed (its
     * consumer's buffer cancelled by another record's rollback) it comes again unmarked, delivered
     * before, and is checked all the same while its key's earlier record is held.
     */
    @Test
    void aRecordThatLostItsMarkIsCheckedBecauseItWasDeliveredBefore() {
        Broker broker = new Broker().answer(Set.of("B-9"));
        KeyFence fence = new KeyFence(broker, WAIT, Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        fence.admit("validate", records("A-1"), Set.of("A-1"));
        StreamRecord unmarked = new StreamRecord("t-B-9", "B-9", "{}", 4, "ID:B-9");
        KeyFence.Wait held = assertThrows(KeyFence.Wait.class, () -> fence.admit("validate", List.of(unmarked), Set.of()));
        assertTrue(held.getMessage().contains("[B-9] wait"), held.getMessage());
    }

    /** A broker that marks no first record (the embedded one) is not asked about records delivered again: retries stay as they are. */
    @Test
    void withoutMarksARecordDeliveredAgainAsksNothing() {
        Broker broker = new Broker().answer(Set.of("B-9"));
        KeyFence fence = new KeyFence(broker, WAIT, Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        fence.admit("validate", List.of(new StreamRecord("t-B-9", "B-9", "{}", 3, "ID:B-9")), Set.of());
        assertEquals(0, broker.asked);
    }

    /**
     * A dead node's prepared transaction holds A-1's earlier record, and the key's later record comes
     * to the consumer that had the key already: unmarked and on its first delivery. Held by a lasting
     * transaction, it waits, and once free goes round once more.
     */
    @Test
    void aRecordOfAKeyALastingTransactionHoldsWaitsMarkedOrNot() {
        Broker broker = new Broker().answer(Map.of("X", Set.of("A-1"))).answer(Map.of("X", Set.of("A-1")));
        KeyFence fence = new KeyFence(broker, WAIT, Duration.ofMinutes(2), ASK, Duration.ZERO, System::nanoTime);
        fence.watchOnce();
        fence.watchOnce();
        KeyFence.Wait held = assertThrows(KeyFence.Wait.class, () -> fence.admit("apply", records("A-1"), Set.of()));
        assertTrue(held.getMessage().contains("[A-1] wait"), held.getMessage());
        fence.admit("apply", records("B-1"), Set.of());

        broker.answers.clear();
        broker.answer(Map.of());
        KeyFence.Wait released = assertThrows(KeyFence.Wait.class, () -> fence.admit("apply", records("A-1"), Set.of()));
        assertTrue(released.getMessage().contains("free again"), released.getMessage());
        fence.watchOnce();
        fence.admit("apply", records("A-1"), Set.of());
    }
}

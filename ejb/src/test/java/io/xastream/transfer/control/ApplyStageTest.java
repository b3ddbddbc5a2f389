package io.xastream.transfer.control;

import io.xastream.ledger.control.Ledgers;
import io.xastream.ledger.entity.Account;
import io.xastream.ledger.entity.LedgerEntry;
import io.xastream.stream.control.RecordingContext;
import io.xastream.stream.control.StreamRecord;
import io.xastream.transfer.entity.RecordOutcome;
import io.xastream.transfer.entity.SettledOnce;
import io.xastream.transfer.entity.TransferRecord;
import jakarta.jms.Destination;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.xastream.stream.control.RecordingContext.record;
import static io.xastream.stream.control.RecordingContext.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The apply stage's logic over in-memory ledgers: no broker, no database. */
class ApplyStageTest {

    private static final Destination SETTLED = new Destination() { };
    private static final Destination APPLIED = new Destination() { };

    /** Ledgers in memory: balances, entries, and how often each ledger was locked and written. */
    static final class MemoryLedgers extends Ledgers {
        final Map<String, BigDecimal> balances = new TreeMap<>();
        final List<LedgerEntry> entries = new ArrayList<>();
        final List<Collection<String>> locks = new ArrayList<>();
        int bookings;

        @Override
        public Map<String, Account> lock(Collection<String> accountIds) {
            locks.add(new ArrayList<>(accountIds));
            Map<String, Account> locked = new HashMap<>();
            accountIds.stream().filter(balances::containsKey)
                    .forEach(id -> locked.put(id, new Account(id, balances.get(id), new BigDecimal("100.00"))));
            return locked;
        }

        @Override
        public Map<String, Set<String>> accountsBooked(Collection<String> recordIds) {
            Map<String, Set<String>> booked = new HashMap<>();
            entries.stream().filter(e -> recordIds.contains(e.getRecordId()))
                    .forEach(e -> booked.computeIfAbsent(e.getRecordId(), id -> new HashSet<>()).add(e.getAccountId()));
            return booked;
        }

        @Override
        public void book(List<LedgerEntry> newEntries, Map<String, Account> accounts, String transactionId) {
            bookings++;
            entries.addAll(newEntries);
            newEntries.forEach(e -> balances.put(e.getAccountId(), accounts.get(e.getAccountId()).getBalance()));
        }
    }

    /** The outcome log in memory. */
    static final class MemoryOutcomes extends OutcomeLog {
        final List<RecordOutcome> written = new ArrayList<>();

        @Override
        public Set<String> settledAmong(Collection<String> recordIds) {
            Set<String> settled = new HashSet<>();
            written.stream().filter(o -> o.getSettledRecordId() != null && recordIds.contains(o.getSettledRecordId()))
                    .forEach(o -> settled.add(o.getSettledRecordId()));
            return settled;
        }

        @Override
        public void write(List<RecordOutcome> outcomes, String transactionId) {
            written.addAll(outcomes);
        }

        List<String> of(String recordId) {
            return written.stream().filter(o -> recordId.equals(o.getRecordId())).map(o -> o.getOutcome().name()).toList();
        }
    }

    private final MemoryLedgers ledgers = new MemoryLedgers();
    private final MemoryOutcomes outcomes = new MemoryOutcomes();

    ApplyStageTest() {
        for (String id : List.of("A-1", "A-2", "B-1", "B-2")) {
            ledgers.balances.put(id, new BigDecimal("100.00"));
        }
    }

    @Test
    void anEpochIsOneLockAndOneBookingWithNetBalancesAndOneOutcomeAndTwoEventsPerRecord() {
        RecordingContext context = new RecordingContext();
        new ApplyStage(ledgers, outcomes, SETTLED, APPLIED, false).process(List.of(
                record("t1", transfer("t1", "A-1", "B-1", "10.00")),
                record("t2", transfer("t2", "A-1", "A-2", "5.00")),
                record("t3", transfer("t3", "B-2", "A-1", "1.50"))), context);

        assertEquals(1, ledgers.locks.size(), "one locking read for the epoch");
        assertEquals(Set.of("A-1", "A-2", "B-1", "B-2"), new HashSet<>(ledgers.locks.get(0)));
        assertEquals(1, ledgers.bookings, "one booking for the epoch");
        assertEquals(new BigDecimal("86.50"), ledgers.balances.get("A-1"));
        assertEquals(new BigDecimal("110.00"), ledgers.balances.get("B-1"));
        assertEquals(new BigDecimal("98.50"), ledgers.balances.get("B-2"));
        assertEquals(6, ledgers.entries.size());
        assertEquals(List.of("SETTLED"), outcomes.of("t1"));
        assertEquals(List.of("t1", "t2", "t3"), context.idsTo(SETTLED));
        assertEquals(List.of("t1", "t2", "t3"), context.idsTo(APPLIED));
    }

    @Test
    void aReplayInTheSameEpochOrLaterIsADuplicateAndMovesNoMoney() {
        ApplyStage stage = new ApplyStage(ledgers, outcomes, SETTLED, APPLIED, false);
        String body = transfer("d1", "A-1", "B-1", "10.00");
        stage.process(List.of(record("d1", body), record("d1", body)), new RecordingContext());
        RecordingContext later = new RecordingContext();
        stage.process(List.of(record("d1", body)), later);

        assertEquals(List.of("SETTLED", "DUPLICATE", "DUPLICATE"), outcomes.of("d1"));
        assertEquals(new BigDecimal("90.00"), ledgers.balances.get("A-1"));
        assertEquals(2, ledgers.entries.size());
        assertEquals(List.of(), later.emitted, "a duplicate publishes nothing");
    }

    @Test
    void anOverdraftOrAnUnknownAccountIsRejectedWithItsReasonWhileTheRestOfTheEpochSettles() {
        RecordingContext context = new RecordingContext();
        new ApplyStage(ledgers, outcomes, SETTLED, APPLIED, false).process(List.of(
                record("o1", transfer("o1", "A-2", "B-2", "60.00")),
                record("o2", transfer("o2", "A-2", "B-2", "60.00")),
                record("o3", transfer("o3", "A-9", "B-2", "1.00")),
                record("o4", "not json")), context);

        assertEquals(List.of("o2:INSUFFICIENT_FUNDS", "o3:UNKNOWN_ACCOUNT"), context.rejectedReasons().subList(1, 3));
        assertEquals("o4:MALFORMED", context.rejectedReasons().get(0), "traced by the sender's xastream_record_id");
        assertEquals(List.of("SETTLED"), outcomes.of("o1"));
        assertEquals(List.of("REJECTED"), outcomes.of("o2"));
        assertEquals(new BigDecimal("40.00"), ledgers.balances.get("A-2"));
        assertEquals(List.of("o1"), context.idsTo(SETTLED));
    }

    @Test
    void atLeastOnceBooksOnlyTheMissingSideOfAPartlyBookedTransferAndSendsItsEventAgain() {
        ApplyStage exactlyOnce = new ApplyStage(ledgers, outcomes, SETTLED, APPLIED, false);
        exactlyOnce.process(List.of(record("p1", transfer("p1", "A-1", "B-1", "10.00"))), new RecordingContext());
        // Ledger B lost its side (it committed apart from ledger A, at least once).
        ledgers.entries.removeIf(e -> e.getAccountId().equals("B-1"));
        ledgers.balances.put("B-1", new BigDecimal("100.00"));

        RecordingContext again = new RecordingContext();
        StreamRecord redelivered = new StreamRecord("p1", "A-1", transfer("p1", "A-1", "B-1", "10.00"), 2, "m-p1");
        new ApplyStage(ledgers, outcomes, SETTLED, APPLIED, true).process(List.of(redelivered), again);

        assertEquals(new BigDecimal("90.00"), ledgers.balances.get("A-1"), "the booked side is not moved again");
        assertEquals(new BigDecimal("110.00"), ledgers.balances.get("B-1"));
        assertEquals(2, ledgers.entries.size());
        assertEquals(List.of("SETTLED"), outcomes.of("p1"), "its outcome once");
        assertEquals(List.of("p1"), again.idsTo(SETTLED));
    }

    @Test
    void underXaATransferSettledForAChainedStageIsHandedOverOnceAndItsOutcomeSaysSo() {
        RecordingContext chained = new RecordingContext();
        chained.chainedTo.add(APPLIED);
        new ApplyStage(ledgers, outcomes, SETTLED, APPLIED, false).process(List.of(record("c1", transfer("c1", "A-1", "B-1", "1.00"))), chained);
        RecordingContext queued = new RecordingContext();
        new ApplyStage(ledgers, outcomes, SETTLED, APPLIED, false).process(List.of(record("c2", transfer("c2", "A-1", "B-1", "1.00"))), queued);
        RecordingContext atLeastOnce = new RecordingContext();
        atLeastOnce.chainedTo.add(APPLIED);
        new ApplyStage(ledgers, outcomes, SETTLED, APPLIED, true).process(List.of(record("c3", transfer("c3", "A-1", "B-1", "1.00"))), atLeastOnce);

        assertTrue(chained.parsed.get("c1") instanceof SettledOnce, "handed over once: " + chained.parsed);
        assertTrue(queued.parsed.get("c2") instanceof TransferRecord, "to a queue: " + queued.parsed);
        assertTrue(atLeastOnce.parsed.get("c3") instanceof TransferRecord, "at least once, it may be handed over again: " + atLeastOnce.parsed);
        assertEquals(List.of(true, false, false), List.of("c1", "c2", "c3").stream()
                .map(id -> outcomes.written.stream().filter(o -> id.equals(o.getRecordId())).findFirst().orElseThrow().isChained()).toList());
    }
}

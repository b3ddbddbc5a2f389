package io.xastream.feeder.transfer.entity;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordIdTallyTest {

    @Test
    void countsDistinctIdsAndEachArrivalBeyondTheFirst() {
        RecordIdTally tally = new RecordIdTally();
        for (String id : new String[]{"soak-1", "soak-2", "soak-1", "other-1", "soak-1", null, "soak-2"}) {
            tally.add(id);
        }
        assertEquals(3, tally.distinct());
        assertEquals(2, tally.distinctWithPrefix("soak-"));
        assertEquals(3, tally.duplicates(), "soak-1 twice more, soak-2 once more");
        assertEquals(1, tally.withoutId());
        assertEquals("3 distinct record ids, 3 repeated (soak-1, soak-2), 1 without an id", tally.describe());
    }

    @Test
    void aCleanStreamHasNoRepeats() {
        RecordIdTally tally = new RecordIdTally();
        for (int i = 0; i < 1_000; i++) {
            tally.add("r-" + i);
        }
        assertEquals(1_000, tally.distinct());
        assertEquals(0, tally.duplicates());
        assertEquals("1000 distinct record ids, 0 repeated", tally.describe());
    }

    @Test
    void namesOnlyTheFirstTenRepeatedIds() {
        RecordIdTally tally = new RecordIdTally();
        for (int i = 10; i < 22; i++) {
            tally.add("r-" + i);
            tally.add("r-" + i);
        }
        assertEquals(12, tally.duplicates());
        assertEquals("12 distinct record ids, 12 repeated (r-10, r-11, r-12, r-13, r-14, r-15, r-16, r-17, r-18, r-19, ...)",
                tally.describe());
    }
}

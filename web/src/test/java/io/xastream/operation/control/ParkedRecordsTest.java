package io.xastream.operation.control;

import io.xastream.contract.TransferFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ids reach JMS selectors: anything that is not strictly an id must be refused before. */
class ParkedRecordsTest {

    @Test
    void selectsByAnArtemisMessageId() {
        assertEquals("JMSMessageID = 'ID:6f1c2a3e-8f7d-11f0-9a1b-0242ac120002'",
                ParkedRecords.byMessageId("ID:6f1c2a3e-8f7d-11f0-9a1b-0242ac120002"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "6f1c2a3e", "ID:x' OR '1'='1", "ID:a b", "ID:" + "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void refusesAnythingElseAsMessageId(String id) {
        assertThrows(IllegalArgumentException.class, () -> ParkedRecords.byMessageId(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"t-1", "ord.2026:11_28", "x"})
    void acceptsRecordIdsThePipelineAccepts(String id) {
        assertEquals(id, ParkedRecords.requireValid(TransferFormat.RECORD_ID, id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a'b", "a b", "x' OR xastream_record_id IS NOT NULL OR 'a'='a", "ü"})
    void refusesRecordIdsThatCouldChangeASelector(String id) {
        assertThrows(IllegalArgumentException.class, () -> ParkedRecords.requireValid(TransferFormat.RECORD_ID, id));
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> ParkedRecords.requireValid(TransferFormat.RECORD_ID, null));
    }
}

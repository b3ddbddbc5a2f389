package io.xastream.transfer.control;

import io.xastream.transfer.entity.Reason;
import io.xastream.transfer.entity.TransferRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TransferParserTest {

    private static String record(String id, String from, String to, String amount) {
        return "{\"id\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + amount
                + ",\"eventTime\":\"2026-11-27T23:59:00Z\"}";
    }

    @Test
    void readsAValidRecord() throws RecordRejected {
        TransferRecord t = TransferParser.parse(record("t-1", "A-0001", "B-0042", "\"12.5\""));
        assertEquals(new TransferRecord("t-1", "A-0001", "B-0042", new BigDecimal("12.50"),
                Instant.parse("2026-11-27T23:59:00Z")), t);
    }

    @Test
    void acceptsAJsonNumberAmountByTheSameGrammarAsAString() throws RecordRejected {
        assertEquals(new BigDecimal("7.00"), TransferParser.parse(record("t-2", "A-1", "A-2", "7")).amount());
        assertEquals(new BigDecimal("7.10"), TransferParser.parse(record("t-3", "A-1", "A-2", "7.10")).amount());
        for (String number : new String[]{"1e3", "7.1000", "1E2", "0.10e1", "-1", "0"}) {
            RecordRejected rejection = assertThrows(RecordRejected.class, () -> TransferParser.parse(record("t-4", "A-1", "A-2", number)));
            assertEquals(Reason.INVALID_AMOUNT, rejection.reason(), number);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{not json                                                                               | MALFORMED",
            "[1,2]                                                                                   | MALFORMED",
            "''                                                                                      | MALFORMED",
            "{\"id\":5,\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"1\",\"eventTime\":\"2026-11-27T23:59:00Z\"} | INVALID_ID",
            "{\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"1\",\"eventTime\":\"2026-11-27T23:59:00Z\"}       | MISSING_FIELD",
            "{\"id\":\"x\",\"to\":\"B-1\",\"amount\":\"1\",\"eventTime\":\"2026-11-27T23:59:00Z\"}           | MISSING_FIELD",
            "{\"id\":\"x\",\"from\":\"A-1\",\"to\":\"B-1\",\"eventTime\":\"2026-11-27T23:59:00Z\"}           | MISSING_FIELD",
            "{\"id\":\"x\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"1\"}                                 | MISSING_FIELD",
            "{\"id\":\"x y\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"1\",\"eventTime\":\"2026-11-27T23:59:00Z\"} | INVALID_ID",
            "{\"id\":\"\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"1\",\"eventTime\":\"2026-11-27T23:59:00Z\"}  | INVALID_ID",
            "{\"id\":\"x\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"0.00\",\"eventTime\":\"2026-11-27T23:59:00Z\"} | INVALID_AMOUNT",
            "{\"id\":\"x\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"-1\",\"eventTime\":\"2026-11-27T23:59:00Z\"}   | INVALID_AMOUNT",
            "{\"id\":\"x\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"1.005\",\"eventTime\":\"2026-11-27T23:59:00Z\"} | INVALID_AMOUNT",
            "{\"id\":\"x\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"ten\",\"eventTime\":\"2026-11-27T23:59:00Z\"}  | INVALID_AMOUNT",
            "{\"id\":\"x\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":true,\"eventTime\":\"2026-11-27T23:59:00Z\"}     | INVALID_AMOUNT",
            "{\"id\":\"x\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"1000000000000.00\",\"eventTime\":\"2026-11-27T23:59:00Z\"} | INVALID_AMOUNT",
            "{\"id\":\"x\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"1\",\"eventTime\":\"yesterday\"}              | INVALID_EVENT_TIME",
            "{\"id\":\"x\",\"from\":\"C-1\",\"to\":\"B-1\",\"amount\":\"1\",\"eventTime\":\"2026-11-27T23:59:00Z\"}    | UNKNOWN_ACCOUNT",
            "{\"id\":\"x\",\"from\":\"A-1\",\"to\":\"B-\",\"amount\":\"1\",\"eventTime\":\"2026-11-27T23:59:00Z\"}     | UNKNOWN_ACCOUNT",
            "{\"id\":\"x\",\"from\":\"A-1\",\"to\":\"A-1\",\"amount\":\"1\",\"eventTime\":\"2026-11-27T23:59:00Z\"}    | SAME_ACCOUNT",
    })
    void rejectsWithTheReason(String body, Reason reason) {
        RecordRejected rejection = assertThrows(RecordRejected.class, () -> TransferParser.parse(body));
        assertEquals(reason, rejection.reason(), rejection.detail());
    }

    @Test
    void anEventTimeFarAheadOfTheClockIsRejectedAndOneWithinTheAllowedSkewIsNot() throws RecordRejected {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        String farFuture = "{\"id\":\"f\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"1\",\"eventTime\":\"9999-12-31T23:59:59Z\"}";
        RecordRejected rejection = assertThrows(RecordRejected.class, () -> TransferParser.parse(farFuture, now));
        assertEquals(Reason.FUTURE_EVENT_TIME, rejection.reason());
        assertEquals("f", rejection.recordId());
        String justAhead = "{\"id\":\"f\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"1\",\"eventTime\":\""
                + now.plus(TransferParser.MAX_AHEAD) + "\"}";
        assertEquals(now.plus(TransferParser.MAX_AHEAD), TransferParser.parse(justAhead, now).eventTime());
        String beyond = justAhead.replace(now.plus(TransferParser.MAX_AHEAD).toString(),
                now.plus(TransferParser.MAX_AHEAD).plusSeconds(1).toString());
        assertEquals(Reason.FUTURE_EVENT_TIME, assertThrows(RecordRejected.class, () -> TransferParser.parse(beyond, now)).reason());
    }

    @Test
    void keepsTheIdOfARejectedRecordWhenItCouldBeRead() {
        RecordRejected rejection = assertThrows(RecordRejected.class,
                () -> TransferParser.parse(record("t-9", "A-1", "A-1", "\"1\"")));
        assertEquals("t-9", rejection.recordId());
        RecordRejected malformed = assertThrows(RecordRejected.class, () -> TransferParser.parse("{"));
        assertNull(malformed.recordId());
    }
}

package io.xastream.transfer.control;

import io.xastream.contract.MessageProperties;
import io.xastream.stream.control.RecordingContext;
import io.xastream.stream.control.StreamRecord;
import io.xastream.transfer.entity.Reason;
import io.xastream.transfer.entity.RecordOutcome;
import jakarta.jms.Destination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad records of every kind a sender may produce, through the validate stage: each is rejected the
 * first time with its reason, a detail fit for the outcome row (no character a database refuses)
 * and the id it can be traced by; none throws, and the good record after them passes.
 */
class RecordCorpusTest {

    private static final Destination VALIDATED = new Destination() { };
    private static final String TIME = "2026-11-27T23:59:00Z";

    /** A record of the five fields, each given as its JSON text (null leaves the field out). */
    private static String fields(String id, String from, String to, String amount, String eventTime) {
        List<String> members = new ArrayList<>();
        String[] names = {"id", "from", "to", "amount", "eventTime"};
        String[] values = {id, from, to, amount, eventTime};
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                members.add("\"" + names[i] + "\":" + values[i]);
            }
        }
        return "{" + String.join(",", members) + "}";
    }

    private static String q(String text) {
        return "\"" + text + "\"";
    }

    private static String good(String id) {
        return fields(q(id), q("A-1"), q("B-1"), q("1.00"), q(TIME));
    }

    private static String with(String id, String field, String json) {
        return good(id).replace("}", ",\"" + field + "\":" + json + "}");
    }

    private static String amount(String id, String json) {
        return fields(q(id), q("A-1"), q("B-1"), json, q(TIME));
    }

    private static String eventTime(String id, String json) {
        return fields(q(id), q("A-1"), q("B-1"), q("1.00"), json);
    }

    private static Arguments c(String name, String body, Reason reason, String tracedId) {
        return Arguments.of(name, body, reason, tracedId);
    }

    static Stream<Arguments> corpus() {
        String deep = "[".repeat(10_000);
        return Stream.of(
                // Not one JSON object.
                c("empty body", "", Reason.MALFORMED, null),
                c("blank body", " \n\t", Reason.MALFORMED, null),
                c("not JSON", "hello", Reason.MALFORMED, null),
                c("truncated, id read first", "{\"id\":\"c-trunc\",\"from\":\"A-1\",\"amount\":\"1.0", Reason.MALFORMED, "c-trunc"),
                c("an array", "[" + good("c-arr") + "]", Reason.MALFORMED, null),
                c("a string", q("c-str"), Reason.MALFORMED, null),
                c("a number", "42", Reason.MALFORMED, null),
                c("null", "null", Reason.MALFORMED, null),
                c("two objects", good("c-two") + good("c-two2"), Reason.MALFORMED, "c-two"),
                c("trailing junk", good("c-trail") + " x", Reason.MALFORMED, "c-trail"),
                c("trailing comma", good("c-comma").replace("}", ",}"), Reason.MALFORMED, "c-comma"),
                c("byte-order mark", "\uFEFF" + good("c-bom"), Reason.MALFORMED, null),
                c("raw control character in a string", good("c-ctl").replace("A-1", "A-\u00011"), Reason.MALFORMED, "c-ctl"),
                c("single quotes", good("c-sq").replace('"', '\''), Reason.MALFORMED, null),
                c("comment", "/* x */" + good("c-comment"), Reason.MALFORMED, null),
                // Limits.
                c("huge message", with("c-huge", "pad", q("x".repeat(70_000))), Reason.TOO_LARGE, null),
                c("huge in multi-byte characters", with("c-huge2", "pad", q("\u20ac".repeat(30_000))), Reason.TOO_LARGE, null),
                c("nested too deep", with("c-deep", "junk", deep), Reason.TOO_DEEP, "c-deep"),
                c("amount nested too deep", amount("c-deep2", deep), Reason.TOO_DEEP, "c-deep2"),
                // Keys.
                c("duplicate amount", good("c-dup-amount").replace("}", ",\"amount\":\"999.00\"}"), Reason.DUPLICATE_KEY, "c-dup-amount"),
                c("duplicate from", good("c-dup-from").replace("}", ",\"from\":\"A-2\"}"), Reason.DUPLICATE_KEY, "c-dup-from"),
                c("duplicate id: traced by the first", good("c-dup-id").replace("}", ",\"id\":\"c-other\"}"), Reason.DUPLICATE_KEY, "c-dup-id"),
                c("duplicate key by escape", good("c-dup-esc").replace("}", ",\"\\u0074o\":\"B-2\"}"), Reason.DUPLICATE_KEY, "c-dup-esc"),
                c("duplicate unknown key", with("c-dup-x", "x", "1").replace("}", ",\"x\":2}"), Reason.DUPLICATE_KEY, "c-dup-x"),
                c("unknown field", with("c-unknown", "note", q("hi")), Reason.UNKNOWN_FIELD, "c-unknown"),
                c("unknown currency", with("c-cur", "currency", q("XYZ")), Reason.UNKNOWN_FIELD, "c-cur"),
                c("a currency at all", with("c-eur", "currency", q("EUR")), Reason.UNKNOWN_FIELD, "c-eur"),
                c("nested junk", with("c-junk", "junk", "{\"a\":[1,{\"b\":null},[[\"\\u0000\"]]]}"), Reason.UNKNOWN_FIELD, "c-junk"),
                c("field named with a NUL", with("c-nulkey", "\\u0000", "1"), Reason.UNKNOWN_FIELD, "c-nulkey"),
                // Missing, null.
                c("no fields", "{}", Reason.MISSING_FIELD, null),
                c("id missing", fields(null, q("A-1"), q("B-1"), q("1.00"), q(TIME)), Reason.MISSING_FIELD, null),
                c("from missing", fields(q("c-m-from"), null, q("B-1"), q("1.00"), q(TIME)), Reason.MISSING_FIELD, "c-m-from"),
                c("to missing", fields(q("c-m-to"), q("A-1"), null, q("1.00"), q(TIME)), Reason.MISSING_FIELD, "c-m-to"),
                c("amount missing", fields(q("c-m-amount"), q("A-1"), q("B-1"), null, q(TIME)), Reason.MISSING_FIELD, "c-m-amount"),
                c("eventTime missing", fields(q("c-m-time"), q("A-1"), q("B-1"), q("1.00"), null), Reason.MISSING_FIELD, "c-m-time"),
                c("id null", fields("null", q("A-1"), q("B-1"), q("1.00"), q(TIME)), Reason.MISSING_FIELD, null),
                c("from null", fields(q("c-n-from"), "null", q("B-1"), q("1.00"), q(TIME)), Reason.MISSING_FIELD, "c-n-from"),
                c("to null", fields(q("c-n-to"), q("A-1"), "null", q("1.00"), q(TIME)), Reason.MISSING_FIELD, "c-n-to"),
                c("amount null", amount("c-n-amount", "null"), Reason.MISSING_FIELD, "c-n-amount"),
                c("eventTime null", eventTime("c-n-time", "null"), Reason.MISSING_FIELD, "c-n-time"),
                // Wrong type; numbers as strings and strings as numbers.
                c("id a number", fields("7", q("A-1"), q("B-1"), q("1.00"), q(TIME)), Reason.INVALID_ID, null),
                c("id an object", fields("{\"id\":\"c-x\"}", q("A-1"), q("B-1"), q("1.00"), q(TIME)), Reason.INVALID_ID, null),
                c("id true", fields("true", q("A-1"), q("B-1"), q("1.00"), q(TIME)), Reason.INVALID_ID, null),
                c("from a number", fields(q("c-t-from"), "1", q("B-1"), q("1.00"), q(TIME)), Reason.UNKNOWN_ACCOUNT, "c-t-from"),
                c("to an array", fields(q("c-t-to"), q("A-1"), "[\"B-1\"]", q("1.00"), q(TIME)), Reason.UNKNOWN_ACCOUNT, "c-t-to"),
                c("amount true", amount("c-t-amount", "true"), Reason.INVALID_AMOUNT, "c-t-amount"),
                c("amount an object", amount("c-t-amount2", "{\"value\":\"1.00\"}"), Reason.INVALID_AMOUNT, "c-t-amount2"),
                c("amount an exponent number", amount("c-t-amount3", "1e3"), Reason.INVALID_AMOUNT, "c-t-amount3"),
                c("amount a three-decimal number", amount("c-t-amount4", "1.000"), Reason.INVALID_AMOUNT, "c-t-amount4"),
                c("eventTime epoch millis", eventTime("c-t-time", "1764287940000"), Reason.INVALID_EVENT_TIME, "c-t-time"),
                c("eventTime an array", eventTime("c-t-time2", "[2026,11,27]"), Reason.INVALID_EVENT_TIME, "c-t-time2"),
                // Empty, long, control characters, lone surrogates.
                c("id empty", fields(q(""), q("A-1"), q("B-1"), q("1.00"), q(TIME)), Reason.INVALID_ID, null),
                c("id 65 characters", good("x".repeat(65)), Reason.INVALID_ID, null),
                c("id with a NUL", good("c\\u0000nul"), Reason.INVALID_ID, null),
                c("id with a lone surrogate", good("c\\ud800"), Reason.INVALID_ID, null),
                c("id with a space", good("c 1"), Reason.INVALID_ID, null),
                c("id non-ASCII", good("c-\u00e9"), Reason.INVALID_ID, null),
                c("from empty", fields(q("c-e-from"), q(""), q("B-1"), q("1.00"), q(TIME)), Reason.UNKNOWN_ACCOUNT, "c-e-from"),
                c("from 33 characters", fields(q("c-l-from"), q("A-" + "1".repeat(31)), q("B-1"), q("1.00"), q(TIME)), Reason.UNKNOWN_ACCOUNT, "c-l-from"),
                c("from with a NUL", fields(q("c-nul-from"), q("A-1\\u0000"), q("B-1"), q("1.00"), q(TIME)), Reason.UNKNOWN_ACCOUNT, "c-nul-from"),
                c("to with a lone surrogate", fields(q("c-sur-to"), q("A-1"), q("B-\\udc00"), q("1.00"), q(TIME)), Reason.UNKNOWN_ACCOUNT, "c-sur-to"),
                c("from of no ledger", fields(q("c-ledger"), q("C-1"), q("B-1"), q("1.00"), q(TIME)), Reason.UNKNOWN_ACCOUNT, "c-ledger"),
                c("from lower-case prefix", fields(q("c-lower"), q("a-1"), q("B-1"), q("1.00"), q(TIME)), Reason.UNKNOWN_ACCOUNT, "c-lower"),
                c("same source and target", fields(q("c-same"), q("A-1"), q("A-1"), q("1.00"), q(TIME)), Reason.SAME_ACCOUNT, "c-same"),
                // Amounts outside the grammar.
                c("amount empty", amount("c-a1", q("")), Reason.INVALID_AMOUNT, "c-a1"),
                c("amount with spaces", amount("c-a2", q(" 1.00")), Reason.INVALID_AMOUNT, "c-a2"),
                c("amount with a leading zero", amount("c-a3", q("01.00")), Reason.INVALID_AMOUNT, "c-a3"),
                c("amount with an exponent", amount("c-a4", q("1e3")), Reason.INVALID_AMOUNT, "c-a4"),
                c("amount with a plus", amount("c-a5", q("+1.00")), Reason.INVALID_AMOUNT, "c-a5"),
                c("amount negative", amount("c-a6", q("-1.00")), Reason.INVALID_AMOUNT, "c-a6"),
                c("amount zero", amount("c-a7", q("0.00")), Reason.INVALID_AMOUNT, "c-a7"),
                c("amount three decimals", amount("c-a8", q("1.005")), Reason.INVALID_AMOUNT, "c-a8"),
                c("amount trailing point", amount("c-a9", q("1.")), Reason.INVALID_AMOUNT, "c-a9"),
                c("amount leading point", amount("c-a10", q(".50")), Reason.INVALID_AMOUNT, "c-a10"),
                c("amount comma", amount("c-a11", q("1,00")), Reason.INVALID_AMOUNT, "c-a11"),
                c("amount Arabic-Indic digits", amount("c-a12", q("\u0661\u0662")), Reason.INVALID_AMOUNT, "c-a12"),
                c("amount above the bound", amount("c-a13", q("1000000000000.00")), Reason.INVALID_AMOUNT, "c-a13"),
                c("amount NaN", amount("c-a14", q("NaN")), Reason.INVALID_AMOUNT, "c-a14"),
                c("amount with a NUL", amount("c-a15", q("1\\u0000")), Reason.INVALID_AMOUNT, "c-a15"),
                c("amount with a currency", amount("c-a16", q("1.00 EUR")), Reason.INVALID_AMOUNT, "c-a16"),
                // Event times outside the documented form or range.
                c("eventTime empty", eventTime("c-t1", q("")), Reason.INVALID_EVENT_TIME, "c-t1"),
                c("eventTime lower-case", eventTime("c-t2", q("2026-11-27t23:59:00z")), Reason.INVALID_EVENT_TIME, "c-t2"),
                c("eventTime with an offset", eventTime("c-t3", q("2026-11-27T23:59:00+01:00")), Reason.INVALID_EVENT_TIME, "c-t3"),
                c("eventTime without a zone", eventTime("c-t4", q("2026-11-27T23:59:00")), Reason.INVALID_EVENT_TIME, "c-t4"),
                c("eventTime a date", eventTime("c-t5", q("2026-11-27")), Reason.INVALID_EVENT_TIME, "c-t5"),
                c("eventTime a leap second", eventTime("c-t6", q("2026-12-31T23:59:60Z")), Reason.INVALID_EVENT_TIME, "c-t6"),
                c("eventTime hour 24", eventTime("c-t7", q("2026-11-27T24:00:00Z")), Reason.INVALID_EVENT_TIME, "c-t7"),
                c("eventTime 30 February", eventTime("c-t8", q("2026-02-30T00:00:00Z")), Reason.INVALID_EVENT_TIME, "c-t8"),
                c("eventTime nanoseconds", eventTime("c-t9", q("2026-11-27T23:59:00.123456789Z")), Reason.INVALID_EVENT_TIME, "c-t9"),
                c("eventTime before 1970", eventTime("c-t10", q("1969-12-31T23:59:59Z")), Reason.INVALID_EVENT_TIME, "c-t10"),
                c("eventTime in year 1000", eventTime("c-t11", q("1000-01-01T00:00:00Z")), Reason.INVALID_EVENT_TIME, "c-t11"),
                c("eventTime in year 1", eventTime("c-t12", q("0001-01-01T00:00:00Z")), Reason.INVALID_EVENT_TIME, "c-t12"),
                c("eventTime five-digit year", eventTime("c-t13", q("+10000-01-01T00:00:00Z")), Reason.INVALID_EVENT_TIME, "c-t13"),
                c("eventTime in year 9999", eventTime("c-t14", q("9999-12-31T23:59:59Z")), Reason.FUTURE_EVENT_TIME, "c-t14"),
                c("eventTime with a NUL", eventTime("c-t15", q("2026-11-27T23:59:00Z\\u0000")), Reason.INVALID_EVENT_TIME, "c-t15"),
                c("eventTime with spaces", eventTime("c-t16", q(" 2026-11-27T23:59:00Z")), Reason.INVALID_EVENT_TIME, "c-t16"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("corpus")
    void isRejectedTheFirstTimeWithItsReasonATraceableIdAndAStorableDetail(String name, String body, Reason reason, String tracedId) {
        ApplyStageTest.MemoryOutcomes outcomes = new ApplyStageTest.MemoryOutcomes();
        RecordingContext context = new RecordingContext();
        new ValidateStage(outcomes, VALIDATED).process(List.of(
                new StreamRecord(null, null, body, 1, "m-1"),
                new StreamRecord("after", null, good("after"), 1, "m-2")), context);

        assertEquals(List.of(tracedId + ":" + reason), context.rejectedReasons(), name);
        assertEquals(body, context.rejected.get(0).body(), "the original body goes on to the rejected stream");
        assertEquals(List.of("after"), context.idsTo(VALIDATED), "the good record behind it passes");
        RecordOutcome outcome = outcomes.written.get(0);
        assertEquals(tracedId, outcome.getRecordId());
        assertStorable(outcome.getDetail());
    }

    /** Well-formed records at the edges of every rule pass. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void passesAtTheEdges(String name, String body) throws RecordRejected {
        TransferParser.parse(body);
    }

    static Stream<Arguments> edges() {
        return Stream.of(
                Arguments.of("smallest amount", amount("e1", q("0.01"))),
                Arguments.of("largest amount", amount("e2", q("999999999999.99"))),
                Arguments.of("one decimal", amount("e3", q("12.5"))),
                Arguments.of("no decimals", amount("e4", q("12"))),
                Arguments.of("amount as a JSON number", amount("e5", "12.50")),
                Arguments.of("earliest event time", eventTime("e6", q("1970-01-01T00:00:00Z"))),
                Arguments.of("microseconds", eventTime("e7", q("2026-11-27T23:59:00.123456Z"))),
                Arguments.of("29 February of a leap year", eventTime("e8", q("2024-02-29T12:00:00Z"))),
                Arguments.of("64-character id", good("i".repeat(64))),
                Arguments.of("32-character account", fields(q("e9"), q("A-" + "1".repeat(30)), q("B-1"), q("1.00"), q(TIME))),
                Arguments.of("whitespace around the object", " \n" + good("e10") + "\r\n "),
                Arguments.of("fields in another order", "{\"eventTime\":\"" + TIME + "\",\"amount\":\"1.00\",\"to\":\"B-1\",\"from\":\"A-1\",\"id\":\"e11\"}"),
                Arguments.of("escaped characters that are the same text", "{\"\\u0069d\":\"e\\u0031\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":\"1.00\",\"eventTime\":\"" + TIME + "\"}"));
    }

    /** A malformed body is traced by the sender's xastream_record_id when that is a well-formed id, and only then. */
    @Test
    void aRecordWithoutAReadableIdIsTracedByTheSendersIdIfItIsWellFormed() {
        ApplyStageTest.MemoryOutcomes outcomes = new ApplyStageTest.MemoryOutcomes();
        RecordingContext context = new RecordingContext();
        new ValidateStage(outcomes, VALIDATED).process(List.of(
                new StreamRecord("s-1", null, "{\"id\":\"s-1\",", 1, "m-1"),
                new StreamRecord("s-2", null, "not json", 1, "m-2"),
                new StreamRecord("s 3\u0000", null, "not json", 1, "m-3"),
                new StreamRecord("s-4", null, good("b-4").replace("}", ",\"x\":1}"), 1, "m-4")), context);
        assertEquals(List.of("s-1:MALFORMED", "s-2:MALFORMED", "null:MALFORMED", "b-4:UNKNOWN_FIELD"), context.rejectedReasons(),
                "the body's id wins over the sender's");
    }

    @Test
    void aMessageWithoutTextIsRejectedAsNotTextWithItsBytesKept() {
        ApplyStageTest.MemoryOutcomes outcomes = new ApplyStageTest.MemoryOutcomes();
        RecordingContext context = new RecordingContext();
        byte[] latin1 = good("n-1").replace("A-1", "A-\u00e91").getBytes(StandardCharsets.ISO_8859_1);
        new ValidateStage(outcomes, VALIDATED).process(List.of(
                new StreamRecord("n-1", null, null, 1, "m-1", null, new StreamRecord.NotText("a bytes message that is not UTF-8", latin1)),
                new StreamRecord("n-2", null, null, 1, "m-2", null, new StreamRecord.NotText("an object message, not text", null)),
                new StreamRecord(null, null, null, 1, "m-3")), context);
        assertEquals(List.of("n-1:NOT_TEXT", "n-2:NOT_TEXT", "null:NOT_TEXT"), context.rejectedReasons());
        assertEquals("a bytes message that is not UTF-8", context.rejected.get(0).properties().get(MessageProperties.REASON_DETAIL));
        assertEquals(3, outcomes.written.size());
    }

    /** Printable ASCII or the ellipsis only: PostgreSQL refuses a NUL, and nothing else garbles a page or a log. */
    static void assertStorable(String detail) {
        assertTrue(detail != null && !detail.isBlank(), "a detail");
        assertTrue(detail.length() <= 500, detail);
        assertTrue(detail.chars().allMatch(c -> (c >= 0x20 && c < 0x7f) || c == '\u2026'), detail);
    }
}

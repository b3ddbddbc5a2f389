package io.xastream.transfer.control;

import io.xastream.feeder.transfer.entity.TransferRecord;
import io.xastream.stream.control.JsonFactories;
import io.xastream.transfer.entity.Reason;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record grammar has three keepers: the server's parser, docs/transfer.schema.json and the
 * feeder. On generated valid, nearly valid and arbitrary input, they must agree, and every
 * rejection must name its field.
 */
class AmountGrammarTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final JsonObject SCHEMA = schema();
    private static final Pattern SCHEMA_AMOUNT = ecma(SCHEMA.getJsonObject("properties").getJsonObject("amount")
            .getJsonArray("oneOf").getJsonObject(0).getString("pattern"));
    private static final Pattern SCHEMA_EVENT_TIME = ecma(SCHEMA.getJsonObject("properties").getJsonObject("eventTime").getString("pattern"));

    @Example
    void theThreeWriteTheSameGrammar() {
        assertEquals("^(" + TransferParser.AMOUNT_GRAMMAR + ")$", SCHEMA.getJsonObject("properties").getJsonObject("amount")
                .getJsonArray("oneOf").getJsonObject(0).getString("pattern"));
        assertEquals(TransferParser.AMOUNT_GRAMMAR, TransferRecord.AMOUNT_FORMAT.pattern());
    }

    @Property(tries = 2000)
    void parserSchemaAndFeederAgreeOnAnAmountString(@ForAll("amountLike") String amount) {
        boolean schema = SCHEMA_AMOUNT.matcher(amount).find();
        boolean feeder = TransferRecord.isAmount(amount);
        RecordRejected rejection = rejectionOf(body(JsonFactories.BUILDERS.createObjectBuilder().add("amount", amount).build()
                .get("amount").toString()));
        assertEquals(schema, feeder, amount);
        assertEquals(schema, rejection == null, () -> amount + ": " + rejection.detail());
        if (rejection != null) {
            assertEquals(Reason.INVALID_AMOUNT, rejection.reason(), rejection.detail());
            assertTrue(rejection.detail().startsWith("amount "), rejection.detail());
        }
    }

    /** A JSON number is read by the same grammar, applied to its literal text: 1e3 and 7.100 are refused. */
    @Property(tries = 1000)
    void aJsonNumberAmountIsAcceptedExactlyWhenItsTextIs(@ForAll("jsonNumbers") String literal) {
        RecordRejected rejection = rejectionOf(body(literal));
        assertEquals(SCHEMA_AMOUNT.matcher(literal).find(), rejection == null, () -> literal + ": " + rejection.detail());
        if (rejection != null) {
            assertEquals(Reason.INVALID_AMOUNT, rejection.reason(), rejection.detail());
            assertTrue(rejection.detail().startsWith("amount "), rejection.detail());
        }
    }

    /** What the feeder writes for an amount, the parser reads back as the same value, or rejects as the grammar does. */
    @Property(tries = 1000)
    void theFeedersAmountsReadBackAsSent(@ForAll("amounts") BigDecimal amount) throws RecordRejected {
        String text = TransferRecord.amountText(amount);
        boolean valid = amount.signum() > 0 && amount.compareTo(TransferParser.MAX_AMOUNT) <= 0 && amount.stripTrailingZeros().scale() <= 2;
        assertEquals(valid, TransferRecord.isAmount(text), text);
        assertEquals(valid, SCHEMA_AMOUNT.matcher(text).find(), text);
        if (valid) {
            assertEquals(amount.setScale(2), TransferParser.parse(body("\"" + text + "\""), NOW).amount());
        } else {
            assertEquals(Reason.INVALID_AMOUNT, rejectionOf(body("\"" + text + "\"")).reason());
        }
    }

    /** Every event time the feeder writes is read back as that instant and is what the schema's pattern allows. */
    @Property(tries = 1000)
    void theFeedersEventTimesReadBackAsSent(@ForAll("instants") Instant time) throws RecordRejected {
        String text = TransferRecord.eventTimeText(time);
        assertTrue(SCHEMA_EVENT_TIME.matcher(text).find(), text);
        assertEquals(time.truncatedTo(ChronoUnit.MICROS), TransferParser.parse(recordAt(text), NOW).eventTime());
    }

    /** Other ways of writing an instant, which Instant.parse took and converted, are refused by parser and schema. */
    @Property(tries = 1000)
    void anotherFormOfAnInstantIsRejectedByBoth(@ForAll("instants") Instant time, @ForAll("otherForms") int form) {
        String text = otherForm(TransferRecord.eventTimeText(time), form);
        RecordRejected rejection = rejectionOf(recordAt(text));
        assertNotNull(rejection, text);
        assertEquals(Reason.INVALID_EVENT_TIME, rejection.reason(), rejection.detail());
        assertTrue(rejection.detail().startsWith("eventTime "), rejection.detail());
        assertTrue(!SCHEMA_EVENT_TIME.matcher(text).find(), text);
    }

    /** Digits as JSON writes a number's: 0 or no leading zero, up to maxInteger; then maybe a point and fraction digits. */
    private static Arbitrary<String> decimal(int maxInteger, int minFraction, int maxFraction) {
        Arbitrary<String> integer = Arbitraries.oneOf(Arbitraries.just("0"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(maxInteger).filter(s -> s.charAt(0) != '0'));
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().numeric().ofMinLength(minFraction).ofMaxLength(maxFraction).map(f -> "." + f));
        return Combinators.combine(integer, fraction).as(String::concat);
    }

    @Provide
    Arbitrary<String> amountLike() {
        Arbitrary<String> plain = decimal(13, 0, 3);
        Arbitrary<String> spoilt = Combinators.combine(plain, Arbitraries.of("-", "+", " ", "0", "e3", "E-2", "\u0000", "\uFEFF",
                "\u0661", ",", "_", ".", "\n", "\t"), Arbitraries.of(true, false))
                .as((text, extra, before) -> before ? extra + text : text + extra);
        Arbitrary<String> arbitrary = Arbitraries.strings().withChars("0123456789.-+eE ,_\u0660\u0967\uFF10").ofMaxLength(16);
        return Arbitraries.frequencyOf(
                Tuple.of(4, plain), Tuple.of(3, spoilt), Tuple.of(2, arbitrary),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
    }

    @Provide
    Arbitrary<String> jsonNumbers() {
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"), Arbitraries.integers().between(0, 20))
                        .as((e, sign, power) -> e + sign + power));
        return Combinators.combine(Arbitraries.of("", "", "", "-"), decimal(14, 1, 4), exponent).as((sign, digits, power) -> sign + digits + power);
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Combinators.combine(Arbitraries.longs().between(-1_000, 200_000_000_000_000L), Arbitraries.integers().between(-2, 4))
                .as(BigDecimal::valueOf);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, NOW.getEpochSecond() * 1_000_000)
                .map(micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS))
                .edgeCases(edges -> edges.add(Instant.EPOCH));
    }

    @Provide
    Arbitrary<Integer> otherForms() {
        return Arbitraries.integers().between(0, 7);
    }

    private static String otherForm(String text, int form) {
        String withoutZ = text.substring(0, text.length() - 1);
        return switch (form) {
            case 0 -> withoutZ + "z";
            case 1 -> withoutZ + "+00:00";
            case 2 -> withoutZ;
            case 3 -> text.replace('T', 't');
            case 4 -> text.replace('T', ' ');
            case 5 -> (withoutZ.contains(".") ? withoutZ : withoutZ + ".") + "1234567Z";
            case 6 -> " " + text;
            default -> text.replace("-", "/");
        };
    }

    private static String body(String amountJson) {
        return "{\"id\":\"g-1\",\"from\":\"A-1\",\"to\":\"B-1\",\"amount\":" + amountJson + ",\"eventTime\":\"2026-11-27T23:59:00Z\"}";
    }

    private static String recordAt(String eventTime) {
        return JsonFactories.BUILDERS.createObjectBuilder().add("id", "g-2").add("from", "A-1").add("to", "B-1")
                .add("amount", "1.00").add("eventTime", eventTime).build().toString();
    }

    private static RecordRejected rejectionOf(String body) {
        try {
            TransferParser.parse(body, NOW);
            return null;
        } catch (RecordRejected rejection) {
            return rejection;
        }
    }

    /** An ECMA-262 pattern as JSON Schema applies it: found anywhere, and its $ is the very end (Java's \z). */
    private static Pattern ecma(String pattern) {
        return Pattern.compile(pattern.endsWith("$") ? pattern.substring(0, pattern.length() - 1) + "\\z" : pattern);
    }

    private static JsonObject schema() {
        try (JsonReader reader = JsonFactories.READERS.createReader(Files.newBufferedReader(Path.of("..", "docs", "transfer.schema.json")))) {
            return reader.readObject();
        } catch (IOException e) {
            throw new IllegalStateException("docs/transfer.schema.json, read from the ejb module", e);
        }
    }
}

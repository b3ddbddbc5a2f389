package io.xastream.transfer.control;

import io.xastream.contract.TransferFormat;
import io.xastream.feeder.transfer.entity.TransferRecord;
import io.xastream.stream.control.JsonFactories;
import io.xastream.transfer.entity.Reason;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record grammar has three keepers: the server's parser, docs/transfer.schema.json and the
 * feeder. On generated valid, nearly valid and arbitrary input, they must agree, and every
 * rejection must name its field.
 * <p>
 * The inputs come from a {@link Random} with a fixed seed, so every run tries the same ones; a
 * failure names the sample and the seed, and {@code -Dxastream.test.seed=...} tries another set.
 */
class AmountGrammarTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final JsonObject SCHEMA = schema();
    private static final Pattern SCHEMA_AMOUNT = ecma(SCHEMA.getJsonObject("properties").getJsonObject("amount")
            .getJsonArray("oneOf").getJsonObject(0).getString("pattern"));
    private static final Pattern SCHEMA_EVENT_TIME = ecma(SCHEMA.getJsonObject("properties").getJsonObject("eventTime").getString("pattern"));

    @Test
    void theThreeWriteTheSameGrammar() {
        assertEquals("^(" + TransferFormat.AMOUNT_GRAMMAR + ")$", SCHEMA.getJsonObject("properties").getJsonObject("amount")
                .getJsonArray("oneOf").getJsonObject(0).getString("pattern"));
        assertEquals(TransferFormat.AMOUNT_GRAMMAR, TransferRecord.AMOUNT_FORMAT.pattern());
    }

    @Test
    void parserSchemaAndFeederAgreeOnAnAmountString() {
        forAll(2000, List.of(), amountLike(), amount -> {
            boolean schema = SCHEMA_AMOUNT.matcher(amount).find();
            boolean feeder = TransferRecord.isAmount(amount);
            RecordRejected rejection = rejectionOf(body(JsonFactories.BUILDERS.createObjectBuilder().add("amount", amount).build()
                    .get("amount").toString()));
            assertEquals(schema, feeder, amount);
            assertEquals(schema, rejection == null, () -> amount + ": " + rejection.detail());
            assertNamesTheAmount(rejection);
        });
    }

    /** A JSON number is read by the same grammar, applied to its literal text: 1e3 and 7.100 are refused. */
    @Test
    void aJsonNumberAmountIsAcceptedExactlyWhenItsTextIs() {
        forAll(1000, List.of(), jsonNumbers(), literal -> {
            RecordRejected rejection = rejectionOf(body(literal));
            assertEquals(SCHEMA_AMOUNT.matcher(literal).find(), rejection == null, () -> literal + ": " + rejection.detail());
            assertNamesTheAmount(rejection);
        });
    }

    /** A rejected amount (if any) is INVALID_AMOUNT, its reason naming the field. */
    private static void assertNamesTheAmount(RecordRejected rejection) {
        if (rejection != null) {
            assertEquals(Reason.INVALID_AMOUNT, rejection.reason(), rejection.detail());
            assertTrue(rejection.detail().startsWith("amount "), rejection.detail());
        }
    }

    /** What the feeder writes for an amount, the parser reads back as the same value, or rejects as the grammar does. */
    @Test
    void theFeedersAmountsReadBackAsSent() {
        forAll(1000, List.of(), amounts(), amount -> {
            String text = TransferRecord.amountText(amount);
            boolean valid = amount.signum() > 0 && amount.compareTo(TransferParser.MAX_AMOUNT) <= 0 && amount.stripTrailingZeros().scale() <= 2;
            assertEquals(valid, TransferRecord.isAmount(text), text);
            assertEquals(valid, SCHEMA_AMOUNT.matcher(text).find(), text);
            if (valid) {
                assertEquals(amount.setScale(2), TransferParser.parse(body("\"" + text + "\""), NOW).amount());
            } else {
                assertEquals(Reason.INVALID_AMOUNT, rejectionOf(body("\"" + text + "\"")).reason());
            }
        });
    }

    /** Every event time the feeder writes is read back as that instant and is what the schema's pattern allows. */
    @Test
    void theFeedersEventTimesReadBackAsSent() {
        forAll(1000, List.of(Instant.EPOCH), instants(), time -> {
            String text = TransferRecord.eventTimeText(time);
            assertTrue(SCHEMA_EVENT_TIME.matcher(text).find(), text);
            assertEquals(time.truncatedTo(ChronoUnit.MICROS), TransferParser.parse(recordAt(text), NOW).eventTime());
        });
    }

    /** Other ways of writing an instant, which Instant.parse took and converted, are refused by parser and schema. */
    @Test
    void anotherFormOfAnInstantIsRejectedByBoth() {
        record Case(Instant time, int form) {
        }
        Gen<Instant> instants = instants();
        Gen<Integer> otherForms = otherForms();
        forAll(1000, IntStream.rangeClosed(0, 7).mapToObj(form -> new Case(Instant.EPOCH, form)).toList(),
                random -> new Case(instants.next(random), otherForms.next(random)), sample -> {
            String text = otherForm(TransferRecord.eventTimeText(sample.time()), sample.form());
            RecordRejected rejection = rejectionOf(recordAt(text));
            assertNotNull(rejection, text);
            assertEquals(Reason.INVALID_EVENT_TIME, rejection.reason(), rejection.detail());
            assertTrue(rejection.detail().startsWith("eventTime "), rejection.detail());
            assertTrue(!SCHEMA_EVENT_TIME.matcher(text).find(), text);
        });
    }

    // ---- generating: samples from a seeded Random; the same seed gives the same samples

    /** The seed of every property's samples: fixed, so a run is reproducible; {@code -Dxastream.test.seed=...} to try others. */
    private static final long SEED = Long.getLong("xastream.test.seed", 20261204L);

    /** Makes one sample from the random source. */
    @FunctionalInterface
    private interface Gen<T> {
        T next(Random random);

        default <R> Gen<R> map(Function<? super T, ? extends R> function) {
            return random -> function.apply(next(random));
        }
    }

    @FunctionalInterface
    private interface Check<T> {
        void accept(T sample) throws Exception;
    }

    /**
     * Checks {@code tries} samples: the edge cases first, then ones from {@code gen}, all from a Random
     * seeded with {@link #SEED}. The first that fails stops it, named with its number and the seed.
     */
    private static <T> void forAll(int tries, List<T> edgeCases, Gen<T> gen, Check<T> check) {
        Random random = new Random(SEED);
        for (int i = 0; i < tries; i++) {
            T sample = i < edgeCases.size() ? edgeCases.get(i) : gen.next(random);
            try {
                check.accept(sample);
            } catch (Exception | AssertionError failure) {
                throw new AssertionError("sample " + (i + 1) + " of " + tries + " failed: " + shown(sample)
                        + " (seed " + SEED + ", -Dxastream.test.seed=" + SEED + " replays it): " + failure, failure);
            }
        }
    }

    /** A sample as Java would write it: control and non-ASCII characters escaped, so that "\u0661" and "1" differ in the report. */
    private static String shown(Object sample) {
        if (!(sample instanceof String text)) {
            return String.valueOf(sample);
        }
        StringBuilder shown = new StringBuilder("\"");
        text.chars().forEach(c -> shown.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? String.valueOf((char) c)
                : String.format("\\u%04X", c)));
        return shown.append('"').toString();
    }

    /** One of the values, each as likely. */
    @SafeVarargs
    private static <T> Gen<T> oneOf(T... values) {
        return random -> values[random.nextInt(values.length)];
    }

    /**
     * A long in [min, max], small ones as often as large (as a property-testing library biases them):
     * a quarter across the whole range, the rest within ±10^k of zero for a k chosen evenly.
     */
    private static Gen<Long> longs(long min, long max) {
        int magnitudes = String.valueOf(Math.max(Math.abs(min), Math.abs(max))).length();
        return random -> {
            if (random.nextInt(4) == 0) {
                return random.nextLong(min, max + 1);
            }
            long bound = (long) Math.pow(10, random.nextInt(magnitudes));
            return random.nextLong(Math.max(min, -bound), Math.min(max, bound) + 1);
        };
    }

    private static Gen<Integer> ints(int min, int max) {
        return random -> random.nextInt(min, max + 1);
    }

    /** A string of minLength to maxLength characters, each taken evenly from {@code chars}. */
    private static Gen<String> strings(String chars, int minLength, int maxLength) {
        return random -> {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(minLength, maxLength + 1); text.length() < length; ) {
                text.append(chars.charAt(random.nextInt(chars.length())));
            }
            return text.toString();
        };
    }

    /** Any string up to maxLength: each character ASCII half the time, else any of the Basic Multilingual Plane but surrogates. */
    private static Gen<String> anyStrings(int maxLength) {
        return random -> {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(maxLength + 1); text.length() < length; ) {
                char c = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
                if (!Character.isSurrogate(c)) {
                    text.append(c);
                }
            }
            return text.toString();
        };
    }

    /** Digits as JSON writes a number's: 0 or no leading zero, up to maxInteger; then maybe a point and fraction digits. */
    private static Gen<String> decimal(int maxInteger, int minFraction, int maxFraction) {
        Gen<String> leading = strings("123456789", 1, 1);
        Gen<String> rest = strings("0123456789", 0, maxInteger - 1);
        Gen<String> fraction = strings("0123456789", minFraction, maxFraction);
        return random -> (random.nextBoolean() ? "0" : leading.next(random) + rest.next(random))
                + (random.nextBoolean() ? "" : "." + fraction.next(random));
    }

    /** Amount-like strings, in the frequencies 4 plain : 3 spoilt : 2 of amount characters : 1 any string. */
    private static Gen<String> amountLike() {
        Gen<String> plain = decimal(13, 0, 3);
        Gen<String> extras = oneOf("-", "+", " ", "0", "e3", "E-2", "\u0000", "\uFEFF", "\u0661", ",", "_", ".", "\n", "\t");
        Gen<String> spoilt = random -> {
            String text = plain.next(random);
            String extra = extras.next(random);
            return random.nextBoolean() ? extra + text : text + extra;
        };
        Gen<String> arbitrary = strings("0123456789.-+eE ,_\u0660\u0967\uFF10", 0, 16);
        Gen<String> any = anyStrings(20);
        return random -> {
            int pick = random.nextInt(10);
            return (pick < 4 ? plain : pick < 7 ? spoilt : pick < 9 ? arbitrary : any).next(random);
        };
    }

    /** JSON number literals: a quarter negative, a third with an exponent of e or E, an optional sign and 0 to 20. */
    private static Gen<String> jsonNumbers() {
        Gen<String> sign = oneOf("", "", "", "-");
        Gen<String> digits = decimal(14, 1, 4);
        Gen<String> e = oneOf("e", "E");
        Gen<String> exponentSign = oneOf("", "+", "-");
        Gen<Integer> power = ints(0, 20);
        Gen<String> exponent = random -> random.nextInt(3) < 2 ? "" : e.next(random) + exponentSign.next(random) + power.next(random);
        return random -> sign.next(random) + digits.next(random) + exponent.next(random);
    }

    /** Unscaled values from -1000 to 2·10^14 at scales -2 to 4: valid amounts, and ones too small, too large or too precise. */
    private static Gen<BigDecimal> amounts() {
        Gen<Long> unscaled = longs(-1_000, 200_000_000_000_000L);
        Gen<Integer> scale = ints(-2, 4);
        return random -> BigDecimal.valueOf(unscaled.next(random), scale.next(random));
    }

    /** Instants to the microsecond from the epoch (the earliest event time, and a whole second) to NOW. */
    private static Gen<Instant> instants() {
        return longs(0, NOW.getEpochSecond() * 1_000_000).map(micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }

    private static Gen<Integer> otherForms() {
        return ints(0, 7);
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

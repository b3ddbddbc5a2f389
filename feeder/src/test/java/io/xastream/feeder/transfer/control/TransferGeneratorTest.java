package io.xastream.feeder.transfer.control;

import io.xastream.feeder.transfer.entity.GeneratedRecord;
import io.xastream.feeder.transfer.entity.GenerationPlan;
import io.xastream.feeder.transfer.entity.RecordKind;
import io.xastream.feeder.transfer.entity.TransferRecord;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferGeneratorTest {

    private static final int ACCOUNTS = 50;
    private static final GenerationPlan PLAN = GenerationPlan.of(10_000, ACCOUNTS, 42)
            .withCrossLedgerShare(0.3).withInvalidShare(0.1);
    private static final List<String> FIELDS = List.of("id", "from", "to", "amount", "eventTime");
    // Json.createReader looks the provider up on every call: too slow for 100k records.
    private static final JsonReaderFactory READERS = Json.createReaderFactory(null);
    private static final Pattern SEEDED_ACCOUNT = Pattern.compile("([AB])-(\\d{4})");

    @Test
    void sameSeedGivesSameRecords() {
        List<GeneratedRecord> first = new TransferGenerator(PLAN).generate();
        assertEquals(first, new TransferGenerator(PLAN).generate());
        TransferGenerator generator = new TransferGenerator(PLAN);
        assertEquals(first, generator.generate(), "every iteration starts again from the seed");
        assertEquals(first, generator.generate());
    }

    @Test
    void eventTimesAreSpacedAsPlanned() {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        List<GeneratedRecord> records = new TransferGenerator(GenerationPlan.of(3, ACCOUNTS, 1).withInvalidShare(0)
                .withStartTime(start).withEventSpacing(Duration.ofMillis(5))).generate();
        for (int i = 0; i < records.size(); i++) {
            JsonObject json = READERS.createReader(new StringReader(records.get(i).json())).readObject();
            assertEquals(start.plusMillis(5L * i), Instant.parse(json.getString("eventTime")));
        }
        assertEquals(Instant.parse("2026-11-27T00:00:02Z"), GenerationPlan.of(3, ACCOUNTS, 1).eventTime(3),
                "a second apart unless told");
        assertThrows(IllegalArgumentException.class, () -> GenerationPlan.of(3, ACCOUNTS, 1).withEventSpacing(Duration.ofSeconds(-1)));
    }

    @Test
    void otherSeedGivesOtherRecords() {
        assertNotEquals(new TransferGenerator(PLAN).generate(),
                new TransferGenerator(GenerationPlan.of(10_000, ACCOUNTS, 43).withCrossLedgerShare(0.3).withInvalidShare(0.1)).generate());
    }

    /** Shares within four standard deviations of a draw of that size; 0 and 1 exactly (the seeds fix the draw). */
    @Test
    void sharesAreAsAsked() {
        for (double cross : new double[] {0.0, 0.3, 0.5, 1.0}) {
            for (double invalid : new double[] {0.0, 0.05, 0.2}) {
                List<GeneratedRecord> records = new TransferGenerator(
                        GenerationPlan.of(10_000, ACCOUNTS, 7).withCrossLedgerShare(cross).withInvalidShare(invalid)).generate();
                long invalidCount = records.stream().filter(r -> r.kind().invalid()).count();
                List<GeneratedRecord> valid = records.stream().filter(r -> r.kind() == RecordKind.VALID).toList();
                long crossCount = valid.stream().filter(r -> crossesLedgers(parse(r.json()))).count();
                assertEquals(invalid, invalidCount / 10_000.0, fourSigma(invalid, 10_000), "invalid share");
                assertEquals(cross, (double) crossCount / valid.size(), fourSigma(cross, valid.size()), "cross-ledger share");
                assertEquals(crossCount, valid.stream().filter(GeneratedRecord::crossLedger).count());
            }
        }
    }

    private static double fourSigma(double share, long draws) {
        return 4 * Math.sqrt(share * (1 - share) / draws);
    }

    @Test
    void validRecordsFollowTheFormat() {
        Set<String> ids = new HashSet<>();
        for (GeneratedRecord record : new TransferGenerator(PLAN)) {
            assertTrue(ids.add(record.recordId()), "ids are unique: " + record.recordId());
            assertTrue(TransferRecord.ID_FORMAT.matcher(record.recordId()).matches());
            if (record.kind() != RecordKind.VALID) {
                continue;
            }
            JsonObject json = parse(record.json());
            assertEquals(Set.copyOf(FIELDS), json.keySet(), record.json());
            FIELDS.forEach(field -> assertTrue(json.get(field) instanceof JsonString, field + " is a string"));
            assertEquals(record.recordId(), json.getString("id"));
            String amount = json.getString("amount");
            assertTrue(amount.matches("\\d+\\.\\d{2}"), "two decimals: " + amount);
            BigDecimal value = new BigDecimal(amount);
            assertTrue(value.compareTo(new BigDecimal("0.01")) >= 0 && value.compareTo(new BigDecimal("50.00")) <= 0, amount);
            assertNotEquals(json.getString("from"), json.getString("to"));
            assertSeeded(json.getString("from"));
            assertSeeded(json.getString("to"));
            Instant.parse(json.getString("eventTime"));
            assertTrue(json.getString("eventTime").endsWith("Z"));
        }
    }

    @Test
    void idsAreNumberedFromTheOneAfterThePrefix() {
        List<GeneratedRecord> records = new TransferGenerator(GenerationPlan.of(3, 2, 1).withIdPrefix("run7.")).generate();
        assertEquals(List.of("run7.000001", "run7.000002", "run7.000003"), records.stream().map(GeneratedRecord::recordId).toList());
    }

    @Test
    void everyInvalidKindIsPresentAndReallyInvalid() {
        Map<RecordKind, Integer> seen = new EnumMap<>(RecordKind.class);
        for (GeneratedRecord record : new TransferGenerator(PLAN)) {
            if (!record.kind().invalid()) {
                continue;
            }
            seen.merge(record.kind(), 1, Integer::sum);
            assertEquals(record.recordId(), TransferRecord.idIn(record.json()), "traceable: " + record.json());
            switch (record.kind()) {
                case MALFORMED -> assertThrows(JsonException.class, () -> parse(record.json()), record.json());
                case MISSING_FIELD -> {
                    JsonObject json = parse(record.json());
                    assertEquals(FIELDS.size() - 1, json.size(), record.json());
                    assertTrue(json.containsKey("id"));
                }
                case NON_POSITIVE_AMOUNT -> assertTrue(new BigDecimal(parse(record.json()).getString("amount")).signum() <= 0, record.json());
                case OVER_PRECISE_AMOUNT -> {
                    BigDecimal amount = new BigDecimal(parse(record.json()).getString("amount"));
                    assertTrue(amount.signum() > 0 && amount.stripTrailingZeros().scale() == 3, record.json());
                }
                case UNKNOWN_ACCOUNT -> {
                    JsonObject json = parse(record.json());
                    boolean fromUnknown = !SEEDED_ACCOUNT.matcher(json.getString("from")).matches();
                    boolean toUnknown = !SEEDED_ACCOUNT.matcher(json.getString("to")).matches();
                    assertTrue(fromUnknown ^ toUnknown, record.json());
                }
                case SAME_ACCOUNT -> {
                    JsonObject json = parse(record.json());
                    assertEquals(json.getString("from"), json.getString("to"));
                }
                default -> throw new AssertionError(record.kind());
            }
        }
        assertEquals(Set.copyOf(RecordKind.INVALID), seen.keySet());
        // Cycling spreads them evenly.
        int min = seen.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = seen.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(max - min <= 1, seen.toString());
    }

    @Test
    void missingFieldsVary() {
        Set<Set<String>> shapes = new HashSet<>();
        for (GeneratedRecord record : new TransferGenerator(PLAN)) {
            if (record.kind() == RecordKind.MISSING_FIELD) {
                shapes.add(parse(record.json()).keySet());
            }
        }
        assertEquals(4, shapes.size(), "from, to, amount and eventTime each go missing");
    }

    @Test
    void unworkablePlansAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GenerationPlan.of(10, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> GenerationPlan.of(10, 5, 1).withInvalidShare(1.5));
        assertThrows(IllegalArgumentException.class, () -> GenerationPlan.of(10, 5, 1).withIdPrefix("bad prefix"));
    }

    @Test
    void idOfABodyIsFoundEvenWhenMalformed() {
        assertEquals("t-000001", TransferRecord.idIn("{\"id\":\"t-000001\",\"from\":\"A-0001\",\"to\":\"B-0"));
        assertEquals("x", TransferRecord.idIn("{ \"amount\": \"1.00\", \"id\" : \"x\" }"));
        assertEquals(null, TransferRecord.idIn("not json"));
    }

    @Test
    void documentedExampleIsWhatTheRecordWrites() {
        TransferRecord record = new TransferRecord("t-000001", "A-0001", "B-0042", new BigDecimal("12.50"),
                Instant.parse("2026-11-27T23:59:00Z"));
        assertEquals("{\"id\":\"t-000001\",\"from\":\"A-0001\",\"to\":\"B-0042\",\"amount\":\"12.50\",\"eventTime\":\"2026-11-27T23:59:00Z\"}",
                record.toJson());
        assertFalse(record.toJson().contains(" "));
    }

    private static boolean crossesLedgers(JsonObject json) {
        return json.getString("from").charAt(0) != json.getString("to").charAt(0);
    }

    private static void assertSeeded(String account) {
        Matcher matcher = SEEDED_ACCOUNT.matcher(account);
        assertTrue(matcher.matches(), account);
        int number = Integer.parseInt(matcher.group(2));
        assertTrue(number >= 1 && number <= ACCOUNTS, account);
    }

    private static JsonObject parse(String json) {
        try (var reader = READERS.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}

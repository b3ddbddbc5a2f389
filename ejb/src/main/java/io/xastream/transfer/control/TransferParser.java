package io.xastream.transfer.control;

import io.xastream.stream.control.JsonFactories;
import io.xastream.ledger.control.Ledgers;
import io.xastream.transfer.entity.Reason;
import io.xastream.transfer.entity.TransferRecord;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads and checks one transfer record (docs/record-format.md). Everything that can be decided from
 * the record alone is decided here; whether the accounts exist and can pay is the ledgers' business.
 */
public final class TransferParser {

    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[AB]-[A-Za-z0-9_-]{1,30}");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    /**
     * How far ahead of this server's clock an event time may be ({@code
     * xastream.transfers.max-event-time-ahead-seconds}, 300): clocks drift, but a record from the far
     * future would move its account's window clock there, and every later record of the account
     * would arrive late.
     */
    static final Duration MAX_AHEAD = Duration.ofSeconds(Long.getLong("xastream.transfers.max-event-time-ahead-seconds", 300));

    private TransferParser() {
    }

    public static TransferRecord parse(String body) throws RecordRejected {
        return parse(body, Instant.now());
    }

    /** As {@link #parse(String)}, with the server's clock reading {@code now}. */
    static TransferRecord parse(String body, Instant now) throws RecordRejected {
        JsonObject json = readObject(body);
        String id = text(json, "id", null);
        if (!RECORD_ID.matcher(id).matches()) {
            throw new RecordRejected(Reason.INVALID_ID, null,
                    "id must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
        }
        String from = text(json, "from", id);
        String to = text(json, "to", id);
        BigDecimal amount = amount(json, id);
        Instant eventTime = eventTime(json, id);
        if (eventTime.isAfter(now.plus(MAX_AHEAD))) {
            throw new RecordRejected(Reason.FUTURE_EVENT_TIME, id, "eventTime " + eventTime + " is more than "
                    + MAX_AHEAD.toSeconds() + " s ahead of the server's clock (" + now + ")");
        }
        for (String account : new String[]{from, to}) {
            if (!ACCOUNT_ID.matcher(account).matches() || Ledgers.ledgerOf(account) == null) {
                throw new RecordRejected(Reason.UNKNOWN_ACCOUNT, id,
                        "account " + abbreviate(account) + " belongs to no ledger (ids are A-… or B-…)");
            }
        }
        if (from.equals(to)) {
            throw new RecordRejected(Reason.SAME_ACCOUNT, id, "from and to are both " + from);
        }
        return new TransferRecord(id, from, to, amount, eventTime);
    }

    private static JsonObject readObject(String body) throws RecordRejected {
        if (body == null || body.isBlank()) {
            throw new RecordRejected(Reason.MALFORMED, null, "empty body or not a text message");
        }
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new RecordRejected(Reason.MALFORMED, null, "a record is a JSON object, not " + value.getValueType());
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw new RecordRejected(Reason.MALFORMED, null, "not JSON: " + abbreviate(String.valueOf(e.getMessage())));
        }
    }

    private static String text(JsonObject json, String field, String recordId) throws RecordRejected {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new RecordRejected(Reason.MISSING_FIELD, recordId, "missing field: " + field);
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new RecordRejected(Reason.MALFORMED, recordId, field + " must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static BigDecimal amount(JsonObject json, String id) throws RecordRejected {
        JsonValue value = json.get("amount");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new RecordRejected(Reason.MISSING_FIELD, id, "missing field: amount");
        }
        BigDecimal amount;
        try {
            amount = switch (value.getValueType()) {
                case STRING -> new BigDecimal(((JsonString) value).getString().trim());
                case NUMBER -> ((JsonNumber) value).bigDecimalValue();
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException e) {
            throw new RecordRejected(Reason.INVALID_AMOUNT, id, "amount is not a decimal number");
        }
        if (amount.signum() <= 0) {
            throw new RecordRejected(Reason.INVALID_AMOUNT, id, "amount must be positive, was " + amount.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new RecordRejected(Reason.INVALID_AMOUNT, id,
                    "amount has more than two decimal places: " + amount.toPlainString());
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new RecordRejected(Reason.INVALID_AMOUNT, id, "amount exceeds " + MAX_AMOUNT.toPlainString());
        }
        return amount.setScale(2);
    }

    private static Instant eventTime(JsonObject json, String id) throws RecordRejected {
        String text = text(json, "eventTime", id);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new RecordRejected(Reason.INVALID_EVENT_TIME, id,
                    "eventTime is not an ISO-8601 instant such as 2026-11-27T23:59:00Z: " + abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}

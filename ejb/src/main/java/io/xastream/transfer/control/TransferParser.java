package io.xastream.transfer.control;

import io.xastream.contract.TransferFormat;
import io.xastream.ledger.control.Ledgers;
import io.xastream.stream.control.JsonFactories;
import io.xastream.stream.control.StreamRecord;
import io.xastream.transfer.entity.Reason;
import io.xastream.transfer.entity.TransferRecord;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks one transfer record (docs/record-format.md). Everything that can be decided from
 * the record alone is decided here; whether the accounts exist and can pay is the ledgers' business.
 * Whatever the text, the outcome is a record or a {@link RecordRejected} with a reason: never an
 * exception that would roll the transaction back and take the record down the fault path.
 * <p>
 * One pass of a streaming parser: it sees what a tree would hide (a key given twice, data after the
 * object, a number's own text), and nesting costs no stack.
 */
public final class TransferParser {

    private static final String[] FIELDS = TransferFormat.FIELDS.toArray(String[]::new);
    private static final int ID = 0, FROM = 1, TO = 2, AMOUNT = 3, EVENT_TIME = 4;

    private static final Pattern DIGITS_AND_POINT = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    /**
     * The earliest event time: both ledgers store it exactly. MariaDB's DATETIME starts at year 1000,
     * and java.sql.Timestamp, which carries times to PostgreSQL, counts days before 1582 in the Julian
     * calendar (a valid early date was stored days off).
     */
    static final Instant EARLIEST_EVENT_TIME = Instant.EPOCH;
    /** Fractions of a second beyond microseconds: neither ledger stores them (timestamp(6), datetime(6)). */
    static final int MAX_FRACTION_DIGITS = 6;
    /**
     * How far ahead of this server's clock an event time may be ({@code
     * xastream.transfers.max-event-time-ahead-seconds}, 300): clocks drift, but a record from the far
     * future would move its account's window clock there, and every later record of the account
     * would arrive late.
     */
    static final Duration MAX_AHEAD = Duration.ofSeconds(Long.getLong("xastream.transfers.max-event-time-ahead-seconds", 300));
    /** The largest body read, in UTF-8 bytes ({@code xastream.transfers.max-record-bytes}); a record needs a few hundred. */
    static final int MAX_BYTES = Integer.getInteger("xastream.transfers.max-record-bytes", 64 * 1024);
    /** How deep a body may nest ({@code xastream.transfers.max-depth}); a record is one flat object. */
    static final int MAX_DEPTH = Integer.getInteger("xastream.transfers.max-depth", 16);

    private TransferParser() {
    }

    /** The record a stage was delivered: its text parsed, or rejected as NOT_TEXT when the message had none. */
    public static TransferRecord parse(StreamRecord record) throws RecordRejected {
        if (record.body() == null) {
            throw new RecordRejected(Reason.NOT_TEXT, null, record.notText() != null ? record.notText().why()
                    : "the message has no text: a record is a TextMessage holding one JSON object");
        }
        return parse(record.body());
    }

    public static TransferRecord parse(String body) throws RecordRejected {
        return parse(body, Instant.now());
    }

    /** As {@link #parse(String)}, with the server's clock reading {@code now}. */
    static TransferRecord parse(String body, Instant now) throws RecordRejected {
        Fields fields = read(body);
        String id = fields.traceableId();
        if (fields.problem != null) {
            throw new RecordRejected(fields.problem, id, fields.problemDetail);
        }
        Value idValue = fields.values[ID];
        if (idValue == null || idValue.event == Event.VALUE_NULL) {
            throw missing(TransferFormat.ID, null);
        }
        if (idValue.event != Event.VALUE_STRING) {
            throw new RecordRejected(Reason.INVALID_ID, null, "id must be a string, not " + idValue.described());
        }
        if (id == null) {
            throw new RecordRejected(Reason.INVALID_ID, null,
                    "id must be 1 to 64 characters of A-Z a-z 0-9 . _ : -, was " + RecordRejected.shown(idValue.text));
        }
        if (fields.unknown != null) {
            throw new RecordRejected(Reason.UNKNOWN_FIELD, id, "unknown field " + RecordRejected.shown(fields.unknown)
                    + ": a record has exactly the fields id, from, to, amount and eventTime");
        }
        String from = account(fields, FROM, id);
        String to = account(fields, TO, id);
        BigDecimal amount = amount(fields.values[AMOUNT], id);
        Instant eventTime = eventTime(fields.values[EVENT_TIME], id);
        if (eventTime.isAfter(now.plus(MAX_AHEAD))) {
            throw new RecordRejected(Reason.FUTURE_EVENT_TIME, id, "eventTime " + eventTime + " is more than "
                    + MAX_AHEAD.toSeconds() + " s ahead of the server's clock (" + now + ")");
        }
        for (String account : new String[]{from, to}) {
            if (!TransferFormat.ACCOUNT_ID.matcher(account).matches() || Ledgers.ledgerOf(account) == null) {
                throw new RecordRejected(Reason.UNKNOWN_ACCOUNT, id, "account " + RecordRejected.shown(account)
                        + " belongs to no ledger (ids are A-… or B-… and 1 to 30 of A-Z a-z 0-9 _ -)");
            }
        }
        if (from.equals(to)) {
            throw new RecordRejected(Reason.SAME_ACCOUNT, id, "from and to are both " + from);
        }
        return new TransferRecord(id, from, to, amount, eventTime);
    }

    /** The id to trace a record by, if {@code candidate} (a sender's value) is a well-formed record id; else null. */
    public static String traceableId(String candidate) {
        return candidate != null && TransferFormat.RECORD_ID.matcher(candidate).matches() ? candidate : null;
    }

    /** Whether the text is an amount of the one grammar ({@link TransferFormat#AMOUNT_GRAMMAR}; it can be at most {@link #MAX_AMOUNT}). */
    static boolean isAmount(String text) {
        return TransferFormat.AMOUNT_FORMAT.matcher(text).matches();
    }

    // ---- reading: the body's structure, each field's raw value, the first structural problem

    /** A field's value as sent: its kind, and its text for a string or a number (the number's literal). */
    private record Value(Event event, String text) {

        String described() {
            return switch (event) {
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER -> "a number";
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> event.toString();
            };
        }
    }

    private static final class Fields {
        final Value[] values = new Value[FIELDS.length];
        String unknown;
        Set<String> unknownSeen;
        Reason problem;
        String problemDetail;

        void problem(Reason reason, String detail) {
            if (problem == null) {
                problem = reason;
                problemDetail = detail;
            }
        }

        /** The body's id, best effort: also of a record rejected for another reason, if it was read before that. */
        String traceableId() {
            Value id = values[ID];
            return id != null && id.event == Event.VALUE_STRING ? TransferParser.traceableId(id.text) : null;
        }
    }

    private static Fields read(String body) throws RecordRejected {
        if (body.isBlank()) {
            throw new RecordRejected(Reason.MALFORMED, null, "empty body: a record is one JSON object");
        }
        int bytes = utf8Length(body);
        if (bytes > MAX_BYTES) {
            throw new RecordRejected(Reason.TOO_LARGE, null, "the body has " + bytes + " bytes, more than the "
                    + MAX_BYTES + " a record may have (xastream.transfers.max-record-bytes)");
        }
        if (body.charAt(0) == '\uFEFF') {
            throw new RecordRejected(Reason.MALFORMED, null, "the body starts with a byte-order mark (U+FEFF): send the JSON without one");
        }
        Fields fields = new Fields();
        boolean objectRead = false;
        try (JsonParser parser = JsonFactories.PARSERS.createParser(new StringReader(body))) {
            Event first = parser.next();
            if (first != Event.START_OBJECT) {
                fields.problem(Reason.MALFORMED, "a record is a JSON object, not " + new Value(first, null).described());
                return fields;
            }
            for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
                String key = parser.getString();
                Value value = value(parser, parser.next(), fields);
                if (value == null) {
                    return fields;
                }
                int field = indexOf(key);
                if (field < 0) {
                    unknown(fields, key);
                } else if (fields.values[field] != null) {
                    fields.problem(Reason.DUPLICATE_KEY, "field " + key + " is given twice: a record names each field once");
                } else {
                    fields.values[field] = value;
                }
            }
            objectRead = true;
            if (parser.hasNext()) {
                fields.problem(Reason.MALFORMED, "data after the record's object: a message holds exactly one JSON object");
            }
        } catch (RuntimeException e) {
            // JsonParsingException mostly; whatever else the parser throws on some input is still a bad
            // record, not a fault (an exception here would cost the record five deliveries).
            fields.problem(Reason.MALFORMED, objectRead
                    ? "data after the record's object: a message holds exactly one JSON object"
                    : "not JSON: " + RecordRejected.printable(String.valueOf(e.getMessage()), 200));
        }
        return fields;
    }

    private static int indexOf(String key) {
        for (int i = 0; i < FIELDS.length; i++) {
            if (FIELDS[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static void unknown(Fields fields, String key) {
        if (fields.unknown == null) {
            fields.unknown = key;
            fields.unknownSeen = new HashSet<>();
        }
        if (!fields.unknownSeen.add(key)) {
            fields.problem(Reason.DUPLICATE_KEY, "field " + RecordRejected.shown(key) + " is given twice: a record names each field once");
        }
    }

    /** The value starting at {@code event}; an object or array is skipped, counting depth. Null when too deep. */
    private static Value value(JsonParser parser, Event event, Fields fields) {
        if (event != Event.START_OBJECT && event != Event.START_ARRAY) {
            return new Value(event, event == Event.VALUE_STRING || event == Event.VALUE_NUMBER ? parser.getString() : null);
        }
        int depth = 2;
        while (depth > 1) {
            if (depth > MAX_DEPTH) {
                fields.problem(Reason.TOO_DEEP, "the body nests deeper than " + MAX_DEPTH
                        + " levels (xastream.transfers.max-depth); a record is one flat object");
                return null;
            }
            Event next = parser.next();
            if (next == Event.START_OBJECT || next == Event.START_ARRAY) {
                depth++;
            } else if (next == Event.END_OBJECT || next == Event.END_ARRAY) {
                depth--;
            }
        }
        return new Value(event, null);
    }

    /** UTF-8 bytes of the text, counted only when its length alone cannot settle the size check. */
    private static int utf8Length(String text) {
        int length = text.length();
        if (length > MAX_BYTES || (long) length * 3 <= MAX_BYTES) {
            return length;
        }
        int bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    // ---- the fields

    private static RecordRejected missing(String field, String id) {
        return new RecordRejected(Reason.MISSING_FIELD, id, "missing field: " + field);
    }

    private static String account(Fields fields, int field, String id) throws RecordRejected {
        Value value = fields.values[field];
        if (value == null || value.event == Event.VALUE_NULL) {
            throw missing(FIELDS[field], id);
        }
        if (value.event != Event.VALUE_STRING) {
            throw new RecordRejected(Reason.UNKNOWN_ACCOUNT, id, FIELDS[field] + " must be a string naming an account, not " + value.described());
        }
        return value.text;
    }

    private static BigDecimal amount(Value value, String id) throws RecordRejected {
        if (value == null || value.event == Event.VALUE_NULL) {
            throw missing(TransferFormat.AMOUNT, id);
        }
        if (value.event != Event.VALUE_STRING && value.event != Event.VALUE_NUMBER) {
            throw new RecordRejected(Reason.INVALID_AMOUNT, id, "amount must be a decimal string such as \"12.50\", not " + value.described());
        }
        if (!isAmount(value.text)) {
            throw new RecordRejected(Reason.INVALID_AMOUNT, id, "amount " + (value.event == Event.VALUE_NUMBER ? value.text
                    : RecordRejected.shown(value.text)) + " " + amountProblem(value.text)
                    + " (a plain decimal above 0 such as \"12.50\", at most two decimal places and " + MAX_AMOUNT.toPlainString() + ")");
        }
        return new BigDecimal(value.text).setScale(2);
    }

    /** Why a text is not an amount, in words; only for the detail of a rejection. */
    static String amountProblem(String text) {
        if (text.isEmpty()) {
            return "is empty";
        }
        if (!text.equals(text.strip()) || text.chars().anyMatch(Character::isWhitespace)) {
            return "has spaces in it";
        }
        if (text.startsWith("-")) {
            return "is negative";
        }
        if (text.startsWith("+")) {
            return "has a sign";
        }
        if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            return "has an exponent";
        }
        if (!DIGITS_AND_POINT.matcher(text).matches()) {
            return "is not a plain decimal in ASCII digits";
        }
        int point = text.indexOf('.');
        String integer = point < 0 ? text : text.substring(0, point);
        if (point >= 0 && text.length() - point - 1 > 2) {
            return "has more than two decimal places";
        }
        if (new BigDecimal(text).signum() == 0) {
            return "is zero";
        }
        if (integer.length() > 1 && integer.charAt(0) == '0') {
            return "has a leading zero";
        }
        return "exceeds " + MAX_AMOUNT.toPlainString();
    }

    private static Instant eventTime(Value value, String id) throws RecordRejected {
        if (value == null || value.event == Event.VALUE_NULL) {
            throw missing(TransferFormat.EVENT_TIME, id);
        }
        if (value.event != Event.VALUE_STRING) {
            throw new RecordRejected(Reason.INVALID_EVENT_TIME, id,
                    "eventTime must be a string such as \"2026-11-27T23:59:00Z\", not " + value.described());
        }
        Instant time = utcInstant(value.text);
        if (time == null) {
            throw new RecordRejected(Reason.INVALID_EVENT_TIME, id, "eventTime " + RecordRejected.shown(value.text)
                    + " is not an instant of the form YYYY-MM-DDThh:mm:ss[.ffffff]Z in UTC, such as \"2026-11-27T23:59:00Z\"");
        }
        if (time.isBefore(EARLIEST_EVENT_TIME)) {
            throw new RecordRejected(Reason.INVALID_EVENT_TIME, id, "eventTime " + value.text + " is before "
                    + EARLIEST_EVENT_TIME + ", the earliest time both ledgers store exactly");
        }
        return time;
    }

    /**
     * {@code YYYY-MM-DDThh:mm:ss[.f]Z} with 1 to {@link #MAX_FRACTION_DIGITS} fractional digits, a real
     * date, hours to 23 and seconds to 59; null for anything else. {@code Instant.parse} also takes
     * offsets, lower case, leap seconds and nanoseconds, and converts them silently.
     */
    static Instant utcInstant(String text) {
        int length = text.length();
        if (length < 20 || length > 21 + MAX_FRACTION_DIGITS || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4), month = digits(text, 5, 7), day = digits(text, 8, 10);
        int hour = digits(text, 11, 13), minute = digits(text, 14, 16), second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.' || length == 21) {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = length - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The ASCII digits from..to as a number, or -1 if any is not one. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

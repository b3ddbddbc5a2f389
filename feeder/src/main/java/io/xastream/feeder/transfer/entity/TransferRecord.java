package io.xastream.feeder.transfer.entity;

import io.xastream.contract.TransferFormat;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A transfer as the record format describes it (docs/record-format.md). Holds any values, valid or not. */
public record TransferRecord(String id, String from, String to, BigDecimal amount, Instant eventTime) {

    public static final Pattern ID_FORMAT = TransferFormat.RECORD_ID;
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    /** The format's one amount grammar ({@link TransferFormat#AMOUNT_GRAMMAR}), at most {@link #MAX_AMOUNT}. */
    public static final Pattern AMOUNT_FORMAT = TransferFormat.AMOUNT_FORMAT;

    // Looking up the provider on every Json.createObjectBuilder() call is slow for 100k records.
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(null);
    private static final Pattern ID_IN_TEXT = Pattern.compile("\"id\"\\s*:\\s*\"([^\"\\\\]{1,64})\"");
    private static final Pattern FROM_IN_TEXT = Pattern.compile("\"from\"\\s*:\\s*\"([^\"\\\\]{1,64})\"");

    /** Field order as in the documentation; the amount as a string so no decimal is lost. */
    public JsonObjectBuilder toJsonBuilder() {
        return JSON.createObjectBuilder()
                .add(TransferFormat.ID, id)
                .add(TransferFormat.FROM, from)
                .add(TransferFormat.TO, to)
                .add(TransferFormat.AMOUNT, amountText(amount))
                .add(TransferFormat.EVENT_TIME, eventTimeText(eventTime));
    }

    /** Whether the text is an amount of the format ({@link #AMOUNT_FORMAT}). */
    public static boolean isAmount(String text) {
        return AMOUNT_FORMAT.matcher(text).matches();
    }

    /**
     * An amount as the format writes it: plain digits with two decimals ({@code 12.5} as "12.50",
     * never "1.25E+1"). One with more decimals than two keeps them all, to be rejected as sent.
     */
    public static String amountText(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 2 ? amount.setScale(2).toPlainString() : amount.toPlainString();
    }

    /** An event time as the format writes it: {@code YYYY-MM-DDThh:mm:ss[.ffffff]Z}, microseconds at most (what the ledgers keep). */
    public static String eventTimeText(Instant eventTime) {
        return eventTime.truncatedTo(ChronoUnit.MICROS).toString();
    }

    public String toJson() {
        return toJsonBuilder().build().toString();
    }

    /** The id of a message body, found without parsing so that malformed bodies can be traced too; null if none. */
    public static String idIn(String body) {
        Matcher matcher = ID_IN_TEXT.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The paying account of a message body, its ordering key, found without parsing; null if none. */
    public static String keyIn(String body) {
        Matcher matcher = FROM_IN_TEXT.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }
}

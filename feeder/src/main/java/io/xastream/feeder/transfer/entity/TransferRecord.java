package io.xastream.feeder.transfer.entity;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A transfer as the record format describes it (docs/record-format.md). Holds any values, valid or not. */
public record TransferRecord(String id, String from, String to, BigDecimal amount, Instant eventTime) {

    public static final Pattern ID_FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    // Looking up the provider on every Json.createObjectBuilder() call is slow for 100k records.
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(null);
    private static final Pattern ID_IN_TEXT = Pattern.compile("\"id\"\\s*:\\s*\"([^\"\\\\]{1,64})\"");
    private static final Pattern FROM_IN_TEXT = Pattern.compile("\"from\"\\s*:\\s*\"([^\"\\\\]{1,64})\"");

    /** Field order as in the documentation; the amount as a string so no decimal is lost. */
    public JsonObjectBuilder toJsonBuilder() {
        return JSON.createObjectBuilder()
                .add("id", id)
                .add("from", from)
                .add("to", to)
                .add("amount", amount.toPlainString())
                .add("eventTime", eventTime.toString());
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

package io.xastream.monitoring.entity;

import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes money as a string with two decimals ("1234.50"): a JSON number would reach
 * JavaScript as a double and lose cents on large totals.
 */
public class AmountSerializer implements JsonbSerializer<BigDecimal> {

    public static String format(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    @Override
    public void serialize(BigDecimal amount, JsonGenerator generator, SerializationContext context) {
        generator.write(format(amount));
    }
}

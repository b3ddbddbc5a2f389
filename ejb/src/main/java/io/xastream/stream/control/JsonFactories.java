package io.xastream.stream.control;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonReaderFactory;
import jakarta.json.stream.JsonParserFactory;

/**
 * JSON-P factories made once. {@code Json.createReader} and {@code Json.createObjectBuilder} look the
 * provider up on every call, through the module class loader's jar index: in a flight recording of
 * epoch mode that lookup was the largest single cost after Artemis.
 */
public final class JsonFactories {

    public static final JsonReaderFactory READERS = Json.createReaderFactory(null);
    /** For records from outside: a streaming parser sees duplicate keys, trailing data and a number's own text. */
    public static final JsonParserFactory PARSERS = Json.createParserFactory(null);
    public static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(null);

    private JsonFactories() {
    }
}

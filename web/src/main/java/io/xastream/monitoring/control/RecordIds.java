package io.xastream.monitoring.control;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the record ids (property xastream_record_id) in the broker's JSON descriptions of messages,
 * whatever their layout ("name": "value" or name=value).
 */
final class RecordIds {

    private static final Pattern PROPERTY = Pattern.compile("xastream_record_id\\W{1,6}([A-Za-z0-9._:-]{1,64})");

    private RecordIds() {
    }

    static Set<String> in(String text) {
        Set<String> ids = new TreeSet<>();
        Matcher m = PROPERTY.matcher(text);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}

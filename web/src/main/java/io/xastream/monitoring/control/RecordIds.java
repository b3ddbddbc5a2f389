package io.xastream.monitoring.control;

import io.xastream.contract.MessageProperties;
import io.xastream.contract.TransferFormat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the record ids (property xastream_record_id) in the broker's JSON descriptions of messages,
 * whatever their layout ("name": "value" or name=value).
 */
final class RecordIds {

    private static final Pattern PROPERTY = Pattern.compile(
            Pattern.quote(MessageProperties.RECORD_ID) + "\\W{1,6}(" + TransferFormat.RECORD_ID_GRAMMAR + ")");

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

package io.xastream.stream.control;

/**
 * Text a sender chose (a record id, a field's value) made safe to put into a log line, a stored
 * detail or a message property: printable ASCII as is, a quote or backslash escaped, anything else
 * as a {@code \}{@code uXXXX} escape. A newline in a record id must not start a forged log line.
 */
public final class SenderText {

    private SenderText() {
    }

    /** At most {@code limit} characters of {@code value}, escaped; the length is named when cut. */
    public static String printable(String value, int limit) {
        int end = Math.min(value.length(), limit);
        StringBuilder printable = new StringBuilder(end + 8);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                printable.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                printable.append(c);
            } else {
                printable.append(String.format("\\u%04x", (int) c));
            }
        }
        return end < value.length() ? printable.append("… (").append(value.length()).append(" characters)").toString() : printable.toString();
    }

    /** For a log line: the escaped id in double quotes, or {@code none}. */
    public static String id(String recordId) {
        return recordId == null ? "none" : '"' + printable(recordId, 100) + '"';
    }
}

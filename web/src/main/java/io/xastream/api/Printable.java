package io.xastream.api;

import java.util.Optional;

/**
 * What a client sends may hold any character; PostgreSQL refuses NUL in text, a log line or a
 * page may be forged with a line break. Values are refused when they are not printable, and kept
 * escaped ({@code \\u0000}) where they must be kept anyway, as the audit log keeps refused values.
 */
public final class Printable {

    /** Longer than any id, name or branch the API takes (an Artemis description is the longest, about 600). */
    public static final int MAX_LENGTH = 2048;

    private Printable() {
    }

    /** Why a value cannot be taken as it is, or empty when it can. */
    public static Optional<String> refusal(String value) {
        if (value.length() > MAX_LENGTH) {
            return Optional.of("longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!printable(value.charAt(i))) {
                return Optional.of(String.format("non-printable character U+%04X at position %d", (int) value.charAt(i), i));
            }
        }
        return Optional.empty();
    }

    /**
     * Every non-printable character as {@code \\uXXXX}, and the backslash doubled so that an escape
     * in the stored value is always ours; null stays null.
     */
    public static String escape(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                escaped.append("\\\\");
            } else if (printable(c)) {
                escaped.append(c);
            } else {
                escaped.append(String.format("\\u%04X", (int) c));
            }
        }
        return escaped.toString();
    }

    /**
     * Control and format characters, line and paragraph separators, surrogates (lone or paired: an
     * id never needs one) and unassigned code points are not printable.
     */
    static boolean printable(char c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}

package io.xastream.stream.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SenderTextTest {

    @Test
    void aRecordIdCannotForgeALogLine() {
        String forged = "t-1\n2026-12-04 10:00:00,000 INFO  [x] (main) all is well";
        String shown = SenderText.id(forged);
        assertFalse(shown.contains("\n"), shown);
        assertEquals("\"t-1\\u000a2026-12-04 10:00:00,000 INFO  [x] (main) all is well\"", shown);
    }

    @Test
    void quotesBackslashesAndNonAsciiAreEscapedAndLongIdsCut() {
        assertEquals("\"a\\\"b\\\\c\\u00e9\\u0000\"", SenderText.id("a\"b\\cé\u0000"));
        assertEquals("none", SenderText.id(null));
        assertEquals("\"" + "x".repeat(100) + "… (150 characters)\"", SenderText.id("x".repeat(150)));
    }
}

package io.xastream.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrintableTest {

    @Test
    void idsAndBranchNamesArePrintable() {
        for (String value : List.of("ID:1f2e-33", "131077_AAAA/+==_BBBB", "X'00ff',X'01',131077", "t-42 ü €")) {
            assertTrue(Printable.refusal(value).isEmpty(), value);
        }
    }

    @Test
    void controlFormatSeparatorAndSurrogateCharactersAreRefusedWithTheirPosition() {
        assertEquals("non-printable character U+0000 at position 3", Printable.refusal("ID:\u0000x").orElseThrow());
        for (String value : List.of("a\nb", "a\rb", "\u001b[31m", "a\u007fb", "a\u0085b", "a\u200eb", "a\u2028b",
                "a\ud800b", "\ufeffid", "a\ue000b")) {
            assertTrue(Printable.refusal(value).isPresent(), value);
        }
    }

    @Test
    void overLongValuesAreRefused() {
        assertTrue(Printable.refusal("a".repeat(Printable.MAX_LENGTH)).isEmpty());
        assertEquals("longer than 2048 characters", Printable.refusal("a".repeat(Printable.MAX_LENGTH + 1)).orElseThrow());
    }

    @Test
    void escapingKeepsEverythingReadableAndUnambiguous() {
        assertEquals("ID:\\u0000x\\u000A", Printable.escape("ID:\u0000x\n"));
        assertEquals("a\\\\u0000", Printable.escape("a\\u0000"), "a literal backslash is doubled");
        assertEquals("x' OR '1'='1; -- ü", Printable.escape("x' OR '1'='1; -- ü"), "printable text stays as it is");
        assertNull(Printable.escape(null));
        String escaped = Printable.escape("\u0000".repeat(100));
        assertFalse(escaped.chars().anyMatch(c -> c < 0x20));
    }
}

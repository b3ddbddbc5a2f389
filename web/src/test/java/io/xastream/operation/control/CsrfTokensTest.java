package io.xastream.operation.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsrfTokensTest {

    final CsrfTokens tokens = new CsrfTokens("a fixed test key of 32 bytes....".getBytes(StandardCharsets.US_ASCII));

    @Test
    void acceptsTheTokenOfTheSameUser() {
        assertTrue(tokens.isValid("operator", tokens.tokenFor("operator")));
        assertEquals(tokens.tokenFor("operator"), tokens.tokenFor("operator"));
    }

    @Test
    void refusesAnotherUsersTokenAndMissingOnes() {
        assertFalse(tokens.isValid("operator", tokens.tokenFor("monitor")));
        assertFalse(tokens.isValid("operator", null));
        assertFalse(tokens.isValid("operator", ""));
        assertFalse(tokens.isValid(null, tokens.tokenFor("operator")));
    }

    @Test
    void aNewKeyInvalidatesOldTokens() {
        String old = tokens.tokenFor("operator");
        CsrfTokens redeployed = new CsrfTokens();

        assertNotEquals(old, redeployed.tokenFor("operator"));
        assertFalse(redeployed.isValid("operator", old));
    }
}

package io.xastream.operation.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsrfTokensTest {

    private static final byte[] KEY = "a fixed test key of 32 bytes....".getBytes(StandardCharsets.US_ASCII);

    /** A clock the test moves. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final StepClock clock = new StepClock();
    final CsrfTokens tokens = new CsrfTokens(KEY, clock, Duration.ofMinutes(15));

    @Test
    void acceptsTheTokenOfTheSameUserAndIssuesANewOneEachTime() {
        String first = tokens.tokenFor("operator");
        assertTrue(tokens.isValid("operator", first));
        String second = tokens.tokenFor("operator");
        assertNotEquals(first, second);
        assertTrue(tokens.isValid("operator", second));
        assertTrue(tokens.isValid("operator", first), "an earlier token of the same login still works until it expires");
    }

    @Test
    void refusesAnotherUsersTokenAndMissingOnes() {
        assertFalse(tokens.isValid("operator", tokens.tokenFor("monitor")));
        assertFalse(tokens.isValid("operator", tokens.tokenFor("operator2")));
        assertFalse(tokens.isValid("operator2", tokens.tokenFor("operator")));
        assertFalse(tokens.isValid("operator", null));
        assertFalse(tokens.isValid("operator", ""));
        assertFalse(tokens.isValid(null, tokens.tokenFor("operator")));
    }

    @Test
    void expiresAfterItsLifetime() {
        String token = tokens.tokenFor("operator");
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertTrue(tokens.isValid("operator", token), "valid for the whole lifetime");
        clock.now = clock.now.plusMillis(1);
        assertFalse(tokens.isValid("operator", token));
        assertTrue(tokens.isValid("operator", tokens.tokenFor("operator")), "a new token works");
    }

    @Test
    void logoutVoidsEveryTokenIssuedBeforeIt() {
        String first = tokens.tokenFor("operator");
        clock.now = clock.now.plusSeconds(1);
        String second = tokens.tokenFor("operator");
        String monitors = tokens.tokenFor("monitor");
        clock.now = clock.now.plusSeconds(1);
        tokens.revoke("operator");
        assertFalse(tokens.isValid("operator", first));
        assertFalse(tokens.isValid("operator", second));
        assertTrue(tokens.isValid("monitor", monitors), "another user's logout changes nothing for them");
        clock.now = clock.now.plusMillis(1);
        assertTrue(tokens.isValid("operator", tokens.tokenFor("operator")), "a token issued after the logout works");
    }

    @Test
    void aTokenFromTheFutureOrEditedIsRefused() {
        String token = tokens.tokenFor("operator");
        String[] parts = token.split("\\.");
        long issued = Long.parseLong(parts[0]);
        for (String edited : List.of((issued + 1) + "." + parts[1] + "." + parts[2],
                (issued + 60_000) + "." + parts[1] + "." + parts[2],
                parts[0] + "." + parts[1] + "x." + parts[2],
                parts[0] + "." + parts[1] + "." + parts[2].substring(1),
                token + ".",
                "-" + token)) {
            assertFalse(tokens.isValid("operator", edited), edited);
        }
        clock.now = clock.now.minusSeconds(60);
        assertFalse(tokens.isValid("operator", token), "issued more than the clock skew ahead of the clock");
    }

    @Test
    void malformedTokensAreRefusedWithoutAnError() {
        for (String token : List.of("a.b", "x.y.z", "..", "1..", "99999999999999999999.a.b", "9999999999999999999.a.b", "1.a.b.c",
                "\u0000.\u0000.\u0000", "1." + "a".repeat(500) + ".b", "١٢٣.a.b")) {
            assertFalse(tokens.isValid("operator", token), token);
        }
    }

    @Test
    void aNewKeyInvalidatesOldTokens() {
        String old = tokens.tokenFor("operator");
        CsrfTokens redeployed = new CsrfTokens();

        assertNotEquals(old, redeployed.tokenFor("operator"));
        assertFalse(redeployed.isValid("operator", old));
    }
}

package io.xastream.operation.control;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens that a page must echo in a header on every action. The browser sends BASIC credentials
 * by itself, also for a form another site makes it post; it never adds a header on its own, and
 * no other origin can read the token.
 * <p>
 * A token is bound to one user and to the moment it was issued: {@code issued.nonce.mac}, the MAC
 * (HMAC-SHA256 under a key drawn at deploy time) over all three. It works for that user only, for
 * {@code xastream.csrf.token-ttl-seconds} (900) after it was issued, and not after the user logged
 * out ({@link #revoke}): every token issued to them until then is void. Every GET /api/session
 * issues a new one, and the pages take a fresh one before each action. Nothing is stored but the
 * time of each user's last logout; a redeploy voids every token.
 */
@ApplicationScoped
public class CsrfTokens {

    public static final String HEADER = "X-CSRF-Token";
    /** Longer than any token this class writes: what is longer is refused unread. */
    private static final int MAX_LENGTH = 128;
    /** How far a token's issue time may lie ahead of the clock (none is issued there; clocks step). */
    private static final long SKEW_MILLIS = 5_000;

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> loggedOutAt = new ConcurrentHashMap<>();

    public CsrfTokens() {
        this(new SecureRandom().generateSeed(32), Clock.systemUTC(),
                Duration.ofSeconds(Long.getLong("xastream.csrf.token-ttl-seconds", 900)));
    }

    CsrfTokens(byte[] key, Clock clock, Duration lifetime) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new token for the user, valid from now for the token lifetime. */
    public String tokenFor(String user) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String issued = Long.toString(clock.millis());
        String nonceText = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        return issued + "." + nonceText + "." + mac(user, issued, nonceText);
    }

    /** Whether the token was issued to this user, has not expired and was issued after their last logout. */
    public boolean isValid(String user, String token) {
        if (user == null || token == null || token.length() > MAX_LENGTH) {
            return false;
        }
        String[] parts = token.split("\\.", -1);
        // Milliseconds since 1970 in ASCII digits: 15 of them last until the year 33658, and cannot overflow.
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 15
                || !parts[0].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        long issued = Long.parseLong(parts[0]);
        long now = clock.millis();
        if (issued > now + SKEW_MILLIS || now - issued > lifetime.toMillis() || issued <= loggedOutAt.getOrDefault(user, -1L)) {
            return false;
        }
        // Constant time, so the comparison leaks nothing about the expected MAC.
        return MessageDigest.isEqual(mac(user, parts[0], parts[1]).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
    }

    /** Logout: every token issued to the user until now stops working. */
    public void revoke(String user) {
        loggedOutAt.merge(user, clock.millis(), Math::max);
    }

    public Duration lifetime() {
        return lifetime;
    }

    private String mac(String user, String issued, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // The user name comes last and whole: no other split of the same bytes gives the same MAC.
            byte[] signed = (issued + "." + nonce + "." + user).getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

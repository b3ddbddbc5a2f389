package io.xastream.login.control;

import io.xastream.login.entity.LoginEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityEventLogTest {

    /**
     * Written by WildFly 39.0.1 (login-lockout.cli, max-failed-attempts 3, lockout-interval 1, zone
     * UTC) to curl as user probe: two logins, three wrong passwords, then the right one (locked),
     * an unknown user, more attempts while locked, a login after the lockout, and so on.
     */
    static final String CAPTURED = "captured-events.log";

    static List<String> captured() throws IOException {
        try (InputStream in = SecurityEventLogTest.class.getResourceAsStream(CAPTURED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    static List<LoginEvent> capturedEvents() throws IOException {
        return captured().stream().map(line -> SecurityEventLog.parse(line, ZoneOffset.UTC)).flatMap(Optional::stream).toList();
    }

    @Test
    void readsLoginsAndFailuresOfKnownUsersOnly() throws IOException {
        List<String> lines = captured();
        assertEquals(27, lines.size());
        assertEquals(Optional.empty(), SecurityEventLog.parse(lines.get(0), ZoneOffset.UTC), "a permission check");
        assertEquals(Optional.of(new LoginEvent(Instant.parse("2026-12-04T16:13:10Z"), "probe", true)),
                SecurityEventLog.parse(lines.get(1), ZoneOffset.UTC));
        assertEquals(Optional.of(new LoginEvent(Instant.parse("2026-12-04T16:13:10Z"), "probe", false)),
                SecurityEventLog.parse(lines.get(4), ZoneOffset.UTC));
        assertEquals(Optional.empty(), SecurityEventLog.parse(lines.get(8), ZoneOffset.UTC), "an unknown user: principal null");

        List<LoginEvent> events = capturedEvents();
        assertEquals(4, events.stream().filter(LoginEvent::success).count());
        assertEquals(18, events.stream().filter(event -> !event.success()).count());
    }

    @Test
    void eventTimesAreInTheServersZone() throws IOException {
        String line = captured().get(1);
        assertEquals(Instant.parse("2026-12-04T15:13:10Z"), SecurityEventLog.parse(line, ZoneOffset.ofHours(1)).orElseThrow().at());
    }

    @Test
    void skipsWhatIsNotALoginEvent() {
        for (String line : List.of("", "garbage", "{", "2026-12-04 16:13:10,WARNING,{\"event\":\"SecurityAuthenticationFailedEvent\"",
                "x,{\"event\":\"SecurityAuthenticationFailedEvent\",\"event-time\":\"yesterday\",\"principal\":\"a\"}",
                "x,{\"event\":\"SecurityAuthenticationFailedEvent\",\"event-time\":\"2026-12-04 16:13:10\",\"principal\":7}",
                "x,{\"event\":\"SecurityAuthenticationSuccessfulEvent\",\"event-time\":\"2026-12-04 16:13:10\",\"security-identity\":\"a\"}",
                "x,{\"event\":\"SecurityAuthenticationFailedEvent\",\"principal\":\"a\"}",
                "x,[\"SecurityAuthenticationFailedEvent\"]")) {
            assertEquals(Optional.empty(), SecurityEventLog.parse(line, ZoneOffset.UTC), line);
        }
    }

    @Test
    void readsOnlyTheTailFromALineBreak(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("xastream-logins.json");
        List<String> lines = captured();
        Files.write(log, lines);
        int lastFive = lines.subList(22, 27).stream().mapToInt(line -> line.length() + 1).sum();

        assertEquals(lines.subList(22, 27), SecurityEventLog.tail(log, lastFive + 10), "the cut line is dropped");
        assertEquals(lines, SecurityEventLog.tail(log, Integer.MAX_VALUE / 2));
        assertEquals(List.of(), SecurityEventLog.tail(log, 10), "no complete line");
        assertEquals(5, SecurityEventLog.events(log, lastFive, ZoneOffset.UTC).size());
    }

    @Test
    void continuesIntoTheRotatedFileAndToleratesAHalfWrittenLine(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("xastream-logins.json");
        List<String> lines = captured();
        Files.write(dir.resolve("xastream-logins.json.1"), lines.subList(0, 20));
        Files.writeString(log, String.join("\n", lines.subList(20, 27)) + "\n" + lines.get(4).substring(0, 60));

        List<String> read = SecurityEventLog.tail(log, 1 << 20);
        assertEquals(lines, read.subList(0, 27));
        assertEquals(capturedEvents(), SecurityEventLog.events(log, 1 << 20, ZoneOffset.UTC));
    }

    @Test
    void noLogIsNoEvents(@TempDir Path dir) throws IOException {
        assertTrue(SecurityEventLog.events(dir.resolve("absent.json"), 1 << 20, ZoneOffset.UTC).isEmpty());
    }
}

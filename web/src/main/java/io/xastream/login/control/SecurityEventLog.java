package io.xastream.login.control;

import io.xastream.login.entity.LoginEvent;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the authentication events of Elytron's JSON security event log (login-lockout.cli), whose
 * lines look like {@code 2026-12-04 16:13:10,WARNING,{"event":"SecurityAuthenticationFailedEvent",
 * "event-time":"2026-12-04 16:13:10",...,"principal":"probe"}}. Only the file's tail is read, so
 * a huge or hostile file costs at most {@link #MAX_BYTES}; a line that is not such an event is skipped.
 */
public final class SecurityEventLog {

    /** About 3,000 requests of the dashboard, each logged as a login and a permission check. */
    public static final int MAX_BYTES = 1 << 20;
    static final String FAILED = "SecurityAuthenticationFailedEvent";
    static final String SUCCEEDED = "SecurityAuthenticationSuccessfulEvent";
    /** Elytron writes event times to the second, without a zone: the server's default zone. */
    static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SecurityEventLog() {
    }

    /** The login events of the last {@code maxBytes} of the log, oldest first; none when there is no log. */
    public static List<LoginEvent> events(Path current, int maxBytes, ZoneId zone) throws IOException {
        List<LoginEvent> events = new ArrayList<>();
        for (String line : tail(current, maxBytes)) {
            parse(line, zone).ifPresent(events::add);
        }
        return events;
    }

    /**
     * The complete lines among the last {@code maxBytes} of the log: when the current file is
     * shorter, the rest from the end of its backup {@code <name>.1}, which the size-rotating log
     * fills when it starts a new file.
     */
    static List<String> tail(Path current, int maxBytes) throws IOException {
        byte[] now = last(current, maxBytes);
        byte[] before = now.length < maxBytes ? last(current.resolveSibling(current.getFileName() + ".1"), maxBytes - now.length) : new byte[0];
        List<String> lines = new ArrayList<>(lines(before));
        lines.addAll(lines(now));
        return lines;
    }

    /** The last bytes of a file, starting after a line break unless the whole file fits; empty when there is no file. */
    static byte[] last(Path file, int maxBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            // One byte more than asked: whether the cut falls just after a line break.
            long start = size <= maxBytes ? 0 : size - maxBytes - 1;
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, start + buffer.position()) < 0) {
                    break; // rotated meanwhile: what was read
                }
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            if (start == 0) {
                return bytes;
            }
            int firstBreak = indexOf(bytes, (byte) '\n');
            return firstBreak < 0 ? new byte[0] : Arrays.copyOfRange(bytes, firstBreak + 1, bytes.length);
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> lines(byte[] bytes) {
        return bytes.length == 0 ? List.of() : new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }

    /** A login event, or empty for any other event and for what is not an event at all. */
    static Optional<LoginEvent> parse(String line, ZoneId zone) {
        int json = line.indexOf('{');
        if (json < 0 || !line.contains("\"SecurityAuthentication")) { // most lines are permission checks: not parsed
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(line.substring(json)))) {
            JsonObject event = reader.readObject();
            String type = event.getString("event", "");
            if (!type.equals(FAILED) && !type.equals(SUCCEEDED)) {
                return Optional.empty();
            }
            // A failure names the user tried (null when there is no such user); a success the identity it made.
            String user = type.equals(FAILED) ? string(event, "principal") : string(identity(event), "name");
            if (user == null || user.isEmpty()) {
                return Optional.empty();
            }
            LocalDateTime at = LocalDateTime.parse(event.getString("event-time"), EVENT_TIME);
            return Optional.of(new LoginEvent(at.atZone(zone).toInstant(), user, type.equals(SUCCEEDED)));
        } catch (JsonException | ClassCastException | NullPointerException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static JsonObject identity(JsonObject event) {
        JsonValue identity = event.get("security-identity");
        return identity instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value != null && value.getValueType() == JsonValue.ValueType.STRING ? object.getString(name) : null;
    }
}

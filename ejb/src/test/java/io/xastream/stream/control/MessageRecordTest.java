package io.xastream.stream.control;

import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a delivered JMS message becomes for a stage: text, or a record without text that says why. */
class MessageRecordTest {

    /** A delivered message of the given type: the sender's id, a first delivery, and this body. */
    private static <T extends Message> T message(Class<T> type, Object body) {
        Map<String, Object> answers = Map.of("getStringProperty", "r-1", "getIntProperty", 1, "getJMSMessageID", "ID:1");
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "getText":
                    return body;
                case "getBodyLength":
                    return (long) ((byte[]) body).length;
                case "readBytes":
                    byte[] bytes = (byte[]) body;
                    System.arraycopy(bytes, 0, args[0], 0, bytes.length);
                    return bytes.length;
                case "reset":
                    return null;
                default:
                    if (answers.containsKey(method.getName())) {
                        return answers.get(method.getName());
                    }
                    throw new UnsupportedOperationException(method.getName());
            }
        }));
    }

    @Test
    void aTextMessageIsItsText() {
        StreamRecord record = StageRunner.record(message(TextMessage.class, "{}"));
        assertEquals("{}", record.body());
        assertEquals("r-1", record.recordId());
        assertNull(record.notText());
    }

    @Test
    void utf8BytesAreText() {
        StreamRecord record = StageRunner.record(message(BytesMessage.class, "{\"to\":\"B-\u20ac\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{\"to\":\"B-\u20ac\"}", record.body());
        assertNull(record.notText());
    }

    @Test
    void bytesThatAreNotUtf8AreNoTextAndKeptAsTheyCame() {
        byte[] latin1 = "{\"to\":\"B-\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        StreamRecord record = StageRunner.record(message(BytesMessage.class, latin1));
        assertNull(record.body(), "not decoded with replacement characters");
        assertArrayEquals(latin1, record.notText().bytes());
        assertTrue(record.notText().why().contains("not UTF-8") && record.notText().why().contains("byte 9: 0xe9"), record.notText().why());
    }

    @Test
    void otherMessagesAreNoTextAndSayWhatTheyAre() {
        assertTrue(StageRunner.record(message(ObjectMessage.class, null)).notText().why().startsWith("an object message"));
        assertTrue(StageRunner.record(message(MapMessage.class, null)).notText().why().startsWith("a map message"));
        assertTrue(StageRunner.record(message(TextMessage.class, null)).notText().why().startsWith("a text message without text"));
        assertTrue(StageRunner.record(message(Message.class, null)).notText().why().startsWith("a message without a body"));
    }
}

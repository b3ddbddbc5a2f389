package io.xastream.contract;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamsTest {

    @Test
    void everyJndiNameIsTheQueueNameUnderJmsQueue() {
        Map<String, String> queues = Map.of(Streams.TRANSFERS, Streams.TRANSFERS_JNDI, Streams.VALIDATED, Streams.VALIDATED_JNDI,
                Streams.APPLIED, Streams.APPLIED_JNDI, Streams.WINDOWS, Streams.WINDOWS_JNDI, Streams.SETTLED, Streams.SETTLED_JNDI,
                Streams.REJECTED, Streams.REJECTED_JNDI, Streams.DEADLETTER, Streams.DEADLETTER_JNDI);
        queues.forEach((queue, jndi) -> assertEquals(jndi, Streams.jndiName(queue), queue));
    }
}

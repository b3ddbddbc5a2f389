package io.xastream.feeder.transfer.control;

import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.transfer.entity.RecordIdTally;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real Artemis broker in this JVM: what a repeated send queues. */
class TransferSenderTest {

    private static EmbeddedActiveMQ broker;
    private static BrokerEndpoint endpoint;

    @BeforeAll
    static void startBroker() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
        broker.start();
        endpoint = new BrokerEndpoint("tcp://127.0.0.1:" + port, null, null);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
    }

    @Test
    void sendsRepeatedAfterAnUnconfirmedCommitQueueEachRecordOnce() throws Exception {
        String queue = "repeated-with-ids";
        try (TransferSender batches = TransferSender.withDuplicateIds(endpoint, queue, 10)) {
            for (int i = 0; i < 25; i++) {
                batches.send(body(i), id(i));
            }
            assertEquals(20, batches.confirmed(), "two batches committed, five records pending");
        }
        // As after a kill that left the commit of records 15 to 24 unconfirmed: those again, then the rest.
        try (TransferSender once = TransferSender.withDuplicateIds(endpoint, queue, 0)) {
            for (int i = 15; i < 30; i++) {
                once.send(body(i), id(i));
                assertEquals(i - 14, once.confirmed(), "outside a transaction each send is confirmed on its own");
            }
        }
        RecordIdTally ids = drain(queue);
        assertEquals(30, ids.distinct(), ids.describe());
        assertEquals(0, ids.duplicates(), ids.describe());
    }

    @Test
    void aCopyInATransactionFailsItsCommit() throws Exception {
        String queue = "copy-in-a-transaction";
        try (TransferSender first = TransferSender.withDuplicateIds(endpoint, queue, 5)) {
            for (int i = 0; i < 5; i++) {
                first.send(body(i), id(i));
            }
        }
        TransferSender again = TransferSender.withDuplicateIds(endpoint, queue, 5);
        for (int i = 0; i < 4; i++) {
            again.send(body(i), id(i));
        }
        JMSException rejected = assertThrows(JMSException.class, () -> again.send(body(4), id(4)));
        assertTrue(rejected.getMessage().startsWith("Duplicate message detected"), rejected.getMessage());
        again.close();
        assertEquals(5, drain(queue).distinct());
    }

    @Test
    void withoutDuplicateIdsARepeatIsQueuedAgain() throws Exception {
        String queue = "repeated-without-ids";
        for (int round = 0; round < 2; round++) {
            try (TransferSender plain = new TransferSender(endpoint, queue, 10)) {
                for (int i = 0; i < 10; i++) {
                    plain.send(body(i), id(i));
                }
            }
        }
        RecordIdTally ids = drain(queue);
        assertEquals(10, ids.distinct(), ids.describe());
        assertEquals(10, ids.duplicates(), "the server's duplicate check is then what keeps them apart: " + ids.describe());
    }

    private static RecordIdTally drain(String queue) throws Exception {
        RecordIdTally ids = new RecordIdTally();
        try (QueueInspector inspector = new QueueInspector(endpoint)) {
            inspector.drain(queue, Long.MAX_VALUE, Duration.ofMillis(500), ids);
        }
        return ids;
    }

    private static String id(int i) {
        return "dup-" + i;
    }

    private static String body(int i) {
        return "{\"id\":\"" + id(i) + "\"}";
    }
}

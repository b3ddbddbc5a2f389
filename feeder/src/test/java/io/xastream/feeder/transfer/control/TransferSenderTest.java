package io.xastream.feeder.transfer.control;

import io.xastream.feeder.connection.entity.BrokerEndpoint;
import io.xastream.feeder.transfer.entity.RecordIdTally;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real Artemis broker in this JVM: what a repeated send queues. */
class TransferSenderTest {

    private static EmbeddedActiveMQ broker;
    private static BrokerEndpoint endpoint;

    @BeforeAll
    static void startBroker() throws Exception {
        int port = freePort();
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

    /**
     * The broker stops in the middle of a feed (two batches committed, five records in the open one)
     * and comes back on the same journal once the sender has noticed: the sender waits for it, sends the
     * open batch again and goes on. Every record is queued once, and a record repeated on purpose in
     * the input is queued as often as it was given.
     */
    @Test
    void aResendingSenderRidesOverABrokerThatGoesAwayAndComesBack(@TempDir Path journal) throws Exception {
        int port = freePort();
        String queue = "resent";
        EmbeddedActiveMQ first = persistentBroker(journal, port);
        first.start();
        BrokerEndpoint restarted = new BrokerEndpoint("tcp://127.0.0.1:" + port, null, null);
        List<String> said = new CopyOnWriteArrayList<>();
        CountDownLatch wentAway = new CountDownLatch(1);
        EmbeddedActiveMQ[] second = new EmbeddedActiveMQ[1];
        try (TransferSender sender = TransferSender.resending(restarted, queue, 10, Duration.ofSeconds(30), line -> {
            said.add(line);
            wentAway.countDown();
        })) {
            for (int i = 0; i < 25; i++) {
                sender.send(body(i), id(i));
            }
            assertEquals(20, sender.confirmed());
            first.stop();
            CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
                try {
                    // Back only once the sender has met the outage and is waiting for it to end.
                    assertTrue(wentAway.await(30, TimeUnit.SECONDS), "the sender never noticed the broker gone");
                    second[0] = persistentBroker(journal, port);
                    second[0].start();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 25; i < 50; i++) {
                sender.send(body(i), id(i));
            }
            sender.send(body(7), id(7)); // repeated on purpose: the server, not the broker, tells it apart
            sender.commit();
            back.get();
            assertEquals(1, sender.outages(), String.join("\n", said));
            assertTrue(sender.resent() >= 5, "the open batch at least: " + sender.resent());
            assertEquals(51, sender.confirmed());
        }
        try {
            RecordIdTally ids = new RecordIdTally();
            try (QueueInspector inspector = new QueueInspector(restarted)) {
                inspector.drain(queue, Long.MAX_VALUE, Duration.ofMillis(500), ids);
            }
            assertEquals(50, ids.distinct(), ids.describe());
            assertEquals(1, ids.duplicates(), "only the repeat given on purpose: " + ids.describe());
            assertTrue(said.get(0).startsWith("the broker went away after 20 of "), said.get(0));
            assertTrue(said.get(1).startsWith("the broker is back after "), said.get(1));
        } finally {
            second[0].stop();
        }
    }

    @Test
    void aResendingSenderGivesUpWithTheRecordsItCouldNotConfirm() throws Exception {
        int port = freePort();
        EmbeddedActiveMQ gone = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
        gone.start();
        TransferSender sender = TransferSender.resending(new BrokerEndpoint("tcp://127.0.0.1:" + port, null, null),
                "never-back", 10, Duration.ofSeconds(1), line -> { });
        sender.send(body(0), id(0));
        gone.stop();
        JMSException gaveUp = assertThrows(JMSException.class, () -> {
            for (int i = 1; i < 10; i++) {
                sender.send(body(i), id(i));
            }
        });
        assertTrue(gaveUp.getMessage().startsWith("the broker did not come back within PT1S: "), gaveUp.getMessage());
        assertTrue(gaveUp.getMessage().contains("the first dup-0 "), gaveUp.getMessage());
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static EmbeddedActiveMQ persistentBroker(Path journal, int port) throws Exception {
        return new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalType(org.apache.activemq.artemis.core.server.JournalType.NIO)
                .setJournalDirectory(journal.resolve("journal").toString())
                .setBindingsDirectory(journal.resolve("bindings").toString())
                .setLargeMessagesDirectory(journal.resolve("large").toString())
                .setPagingDirectory(journal.resolve("paging").toString())
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
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

package io.xastream.it.crash;

import io.xastream.broker.HeldGroups;
import io.xastream.broker.RemoteBroker;
import io.xastream.contract.MessageProperties;
import io.xastream.contract.Streams;
import io.xastream.harness.ArtemisBroker;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.apache.activemq.artemis.core.transaction.impl.XidImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.xastream.it.crash.OwnBroker.Identity.ADMIN;
import static io.xastream.it.crash.OwnBroker.Identity.FEEDER;
import static io.xastream.it.crash.OwnBroker.Identity.NODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the key fence of a cluster's nodes (stream.control.KeyFence, docs/scale-out.md "Per-key order
 * across nodes") takes from the standalone broker, on the broker alone: a stage queue marks the
 * first record of a key it hands a consumer, before and after a restart; the broker's description
 * of its prepared transactions names the keys of the records they consumed ({@link HeldGroups}, as a
 * node reads it over management messages); and a held record given back by a rollback goes ahead of
 * its key's later record that a consumer had and rolled back too. So a node that holds back a key
 * until the prepared transaction is resolved, then rolls back once more, applies the key in order.
 */
class HeldKeyIT {

    private static final String KEY = "A-HK001";

    @Test
    void theBrokerMarksNewKeysNamesHeldOnesAndGivesThemBackInOrder() throws Exception {
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "held-key");
        try (ArtemisBroker broker = OwnBroker.start(dir.resolve("broker"), ADMIN, NODE, FEEDER)) {
            send(broker, "hk-1", "hk-2", "hk-3");
            Xid held = new XidImpl("branch".getBytes(StandardCharsets.US_ASCII), 131077, "held-key".getBytes(StandardCharsets.US_ASCII));
            XAConnection dead = new ActiveMQXAConnectionFactory(broker.url(), NODE.user, NODE.password).createXAConnection();
            try {
                dead.start();
                XASession session = dead.createXASession();
                MessageConsumer consumer = session.createConsumer(session.createQueue(Streams.TRANSFERS));
                session.getXAResource().start(held, XAResource.TMNOFLAGS);
                Message first = consumer.receive(10_000);
                assertEquals("hk-1", first.getStringProperty(MessageProperties.RECORD_ID));
                assertTrue(first.getBooleanProperty("JMSXGroupFirstForConsumer"), "the key's first record to this consumer is marked");
                session.getXAResource().end(held, XAResource.TMSUCCESS);
                session.getXAResource().prepare(held);
            } finally {
                dead.close(); // as a node's death: its consumer goes, the prepared branch stays
            }

            // Restarted, the broker still holds the branch, names its key, and still marks first records.
            broker.kill();
            broker.start(Duration.ofMinutes(1));
            try (RemoteBroker management = new RemoteBroker("127.0.0.1", broker.port(), NODE.user, NODE.password)) {
                assertEquals(Set.of(KEY), HeldGroups.in(management.preparedTransactionDetailsJson()), "the key held by the prepared branch");

                Connection other = new ActiveMQConnectionFactory(broker.url(), NODE.user, NODE.password).createConnection();
                try {
                    other.start();
                    Session session = other.createSession(true, Session.SESSION_TRANSACTED);
                    MessageConsumer consumer = session.createConsumer(session.createQueue(Streams.TRANSFERS));
                    Message later = consumer.receive(10_000);
                    assertEquals("hk-2", later.getStringProperty(MessageProperties.RECORD_ID), "the key's later record, while the first is held");
                    assertTrue(later.getBooleanProperty("JMSXGroupFirstForConsumer"), "marked after the restart too: the queue's own setting");

                    // The fence's way: the held branch resolved (rolled back here), then this record rolled back once more.
                    management.finishPrepared(XidImpl.toBase64String(held), false);
                    assertEquals(Set.of(), HeldGroups.in(management.preparedTransactionDetailsJson()));
                    session.rollback();
                    List<String> order = new ArrayList<>();
                    for (Message next = consumer.receive(10_000); next != null; next = consumer.receive(1_000)) {
                        order.add(next.getStringProperty(MessageProperties.RECORD_ID));
                        if (order.size() == 3) {
                            break;
                        }
                    }
                    session.commit();
                    assertEquals(List.of("hk-1", "hk-2", "hk-3"), order, "the held record first, in send order");
                } finally {
                    other.close();
                }
            }
        }
    }

    private static void send(ArtemisBroker broker, String... ids) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(broker.url(), FEEDER.user, FEEDER.password).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(Streams.TRANSFERS));
            for (String id : ids) {
                TextMessage message = session.createTextMessage("{}");
                message.setStringProperty(MessageProperties.KEY, KEY);
                message.setStringProperty(MessageProperties.RECORD_ID, id);
                producer.send(message);
            }
        }
    }
}

package io.xastream.it.crash;

import io.xastream.contract.MessageProperties;
import io.xastream.contract.Streams;
import io.xastream.harness.ArtemisBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.xastream.it.crash.OwnBroker.Identity.ADMIN;
import static io.xastream.it.crash.OwnBroker.Identity.DOWNSTREAM;
import static io.xastream.it.crash.OwnBroker.Identity.FEEDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The standalone broker several nodes will share (issue 20): made from the distribution by
 * {@link ArtemisBroker}, it refuses anonymous clients, holds each role to what broker.xml grants, and
 * keeps every committed record, in each key's order, through a SIGKILL and a restart on its journal.
 */
class ExternalBrokerIT {

    private static final int RECORDS = 300;
    private static final int KEYS = 10;

    @Test
    void keepsCommittedRecordsInKeyOrderThroughAKillAndHoldsEachRoleToItsRights() throws Exception {
        Path instance = Path.of(System.getProperty("xastream.it.dir"), "external-broker", "broker");
        try (ArtemisBroker broker = OwnBroker.start(instance, ADMIN, FEEDER, DOWNSTREAM)) {
            assertThrows(JMSSecurityException.class, () -> new ActiveMQConnectionFactory(broker.url()).createConnection().close(),
                    "an anonymous client");
            try (Connection feeder = new ActiveMQConnectionFactory(broker.url(), FEEDER.user, FEEDER.password).createConnection()) {
                Session session = feeder.createSession(true, Session.SESSION_TRANSACTED);
                Queue transfers = session.createQueue(Streams.TRANSFERS);
                MessageProducer producer = session.createProducer(transfers);
                for (int i = 0; i < RECORDS; i++) {
                    TextMessage record = session.createTextMessage(String.valueOf(i));
                    record.setStringProperty(MessageProperties.KEY, "A-" + (i % KEYS));
                    producer.send(record);
                    if (i % 50 == 49) {
                        session.commit();
                    }
                }
                session.commit();
                assertThrows(JMSSecurityException.class, () -> session.createConsumer(transfers), "the feeder may only send");
                // Not transacted: a transacted send is checked only at the commit.
                Session plain = feeder.createSession(false, Session.AUTO_ACKNOWLEDGE);
                assertThrows(JMSSecurityException.class,
                        () -> plain.createProducer(plain.createQueue(Streams.SETTLED)).send(plain.createTextMessage("x")),
                        "the feeder may not write an output stream");
            }

            broker.kill();
            broker.start(Duration.ofMinutes(1));

            Map<String, List<Integer>> byKey = new LinkedHashMap<>();
            try (Connection admin = new ActiveMQConnectionFactory(broker.url(), ADMIN.user, ADMIN.password).createConnection()) {
                admin.start();
                Session session = admin.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(Streams.TRANSFERS));
                for (Message message = consumer.receive(5_000); message != null; message = consumer.receive(1_000)) {
                    byKey.computeIfAbsent(message.getStringProperty(MessageProperties.KEY), k -> new ArrayList<>())
                            .add(Integer.parseInt(((TextMessage) message).getText()));
                }
            }
            assertEquals(RECORDS, byKey.values().stream().mapToInt(List::size).sum(), "records kept through the kill");
            for (Map.Entry<String, List<Integer>> key : byKey.entrySet()) {
                List<Integer> sorted = new ArrayList<>(key.getValue());
                sorted.sort(null);
                assertEquals(sorted, key.getValue(), "order of " + key.getKey());
            }
            assertEquals(KEYS, byKey.size());
            assertDownstreamReadsOnlyOutputs(broker);
        }
    }

    private static void assertDownstreamReadsOnlyOutputs(ArtemisBroker broker) throws JMSException {
        try (Connection downstream = new ActiveMQConnectionFactory(broker.url(), DOWNSTREAM.user, DOWNSTREAM.password).createConnection()) {
            Session session = downstream.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue(Streams.SETTLED)).close();
            assertThrows(JMSSecurityException.class, () -> session.createConsumer(session.createQueue(Streams.TRANSFERS)),
                    "downstream may not take the input");
        }
    }
}

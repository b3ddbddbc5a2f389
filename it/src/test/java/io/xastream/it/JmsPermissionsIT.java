package io.xastream.it;

import io.xastream.contract.MessageProperties;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each broker identity may do (server-config jms-security.cli), asked of the broker itself:
 * the feeder sends transfers and nothing else, downstream reads the outputs and writes nothing, an
 * anonymous or wrongly authenticated client does nothing at all.
 */
@SystemTest
class JmsPermissionsIT {

    private static final List<String> INTERNAL = List.of(Broker.VALIDATED, Broker.APPLIED, Broker.WINDOWS,
            Broker.SETTLED, Broker.REJECTED, Broker.DEAD_LETTER);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void theFeederSendsTransfersAndDownstreamReadsWhatSettled() throws Exception {
        Books.seed(List.of("A-P1"), new BigDecimal("100.00"));
        Books.seed(List.of("B-P1"), new BigDecimal("100.00"));
        try (Broker feeder = new Broker(Deployments.httpPort(), "feeder", "feeder-pw-1");
             Broker downstream = new Broker(Deployments.httpPort(), "downstream", "downstream-pw-1")) {
            feeder.send(List.of(Transfers.record("perm-ok", "A-P1", "B-P1", "1.00"),
                    Map.entry("perm-bad", "{\"id\":\"perm-bad\"")));
            List<Message> settled = downstream.await(Broker.SETTLED, "xastream_record_id = 'perm-ok'", 1, Duration.ofSeconds(60));
            assertEquals(1, settled.size(), "settled event read as downstream");
            List<Message> rejected = downstream.await(Broker.REJECTED, "xastream_record_id = 'perm-bad'", 1, Duration.ofSeconds(60));
            assertEquals(1, rejected.size(), "rejected record read as downstream");
            assertTrue(((TextMessage) rejected.get(0)).getText().contains("perm-bad"), "the record's body kept");
        }
        assertEquals(new BigDecimal("99.00"), Books.balance("A-P1"));
        assertEquals(new BigDecimal("101.00"), Books.balance("B-P1"));
    }

    @Test
    void theFeederCannotReadOutputsNorWriteInternalQueuesNorCreateAddresses() throws Exception {
        try (Connection connection = connect("feeder", "feeder-pw-1")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : List.of(Broker.SETTLED, Broker.REJECTED, Broker.WINDOWS, Broker.DEAD_LETTER, Broker.TRANSFERS)) {
                refused(() -> session.createConsumer(session.createQueue(queue)).close(), "consume " + queue);
                refused(() -> session.createBrowser(session.createQueue(queue)).getEnumeration(), "browse " + queue);
            }
            for (String queue : INTERNAL) {
                refused(() -> send(session, queue), "send to " + queue);
            }
            // The JMS client asks whether a queue exists before it sends, and the broker does not
            // create queues on demand; the core API below asks for the creation itself.
            assertThrows(JMSException.class, () -> send(session, "xastream.created-by-feeder"), "send to a new queue");
            refused(() -> session.createTemporaryQueue(), "create a temporary queue");
        }
        try (ServerLocator locator = ActiveMQClient.createServerLocator(Broker.url(Deployments.httpPort()));
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession core = factory.createSession("feeder", "feeder-pw-1", false, true, true, false, 0)) {
            for (String address : List.of("jms.queue.xastream.created-by-feeder", "elsewhere")) {
                assertThrows(ActiveMQSecurityException.class,
                        () -> core.createAddress(SimpleString.of(address), RoutingType.ANYCAST, false), "create address " + address);
                assertThrows(ActiveMQSecurityException.class,
                        () -> core.createQueue(QueueConfiguration.of(address).setRoutingType(RoutingType.ANYCAST)),
                        "create queue " + address);
            }
        }
        try (Broker app = new Broker(Deployments.httpPort())) {
            assertEquals(0, app.count(Broker.SETTLED, "xastream_record_id = 'perm-probe'"), "nothing reached settled");
            assertEquals(0, app.count(Broker.VALIDATED, "xastream_record_id = 'perm-probe'"), "nothing reached a stage");
        }
    }

    @Test
    void downstreamCannotWriteAnywhere() throws Exception {
        try (Connection connection = connect("downstream", "downstream-pw-1")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            refused(() -> send(session, Broker.TRANSFERS), "send a transfer");
            for (String queue : INTERNAL) {
                refused(() -> send(session, queue), "send to " + queue);
            }
            refused(() -> session.createConsumer(session.createQueue(Broker.VALIDATED)).close(), "consume a stage's queue");
            // Every output is downstream's to read, the closed windows too: a queue nobody may read
            // grows for ever, and each boot reads the broker's journal whole.
            for (String output : List.of(Broker.SETTLED, Broker.REJECTED, Broker.WINDOWS, Broker.DEAD_LETTER)) {
                session.createConsumer(session.createQueue(output)).close();
            }
        }
    }

    @Test
    void anonymousAndWrongPasswordsAreRefused() throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(Broker.url(Deployments.httpPort())).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            refused(() -> send(session, Broker.TRANSFERS), "anonymous send");
            refused(() -> session.createConsumer(session.createQueue(Broker.SETTLED)).close(), "anonymous consume");
        } catch (JMSSecurityException refusedAtConnect) {
            // also a refusal
        }
        assertThrows(JMSSecurityException.class, () -> connect("feeder", "not-the-password").close(), "wrong password");
        assertThrows(JMSSecurityException.class, () -> connect("nobody", "feeder-pw-1").close(), "unknown user");
    }

    private static Connection connect(String user, String password) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory(Broker.url(Deployments.httpPort()), user, password).createConnection();
        connection.start();
        return connection;
    }

    /** A persistent message is sent blocking, so a refusal comes back from this call. */
    private static void send(Session session, String queue) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            TextMessage message = session.createTextMessage("{\"id\":\"perm-probe\"}");
            message.setStringProperty(MessageProperties.RECORD_ID, "perm-probe");
            producer.send(message);
        }
    }

    private static void refused(Executable action, String what) {
        assertThrows(JMSSecurityException.class, action, what + " must be refused");
    }
}

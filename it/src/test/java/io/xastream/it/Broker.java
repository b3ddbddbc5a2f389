package io.xastream.it;

import io.xastream.contract.MessageProperties;
import io.xastream.contract.Streams;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test server's Artemis broker, reached the way the feeder reaches it, as the tests' own user
 * it-admin (role xastream-admin, added by the it module's build): tests also park records and read
 * the stages' queues, which the feeder's identity may not (JmsPermissionsIT checks what each
 * identity may do).
 */
public final class Broker implements AutoCloseable {

    public static final String TRANSFERS = Streams.TRANSFERS;
    public static final String SETTLED = Streams.SETTLED;
    public static final String REJECTED = Streams.REJECTED;
    public static final String DEAD_LETTER = Streams.DEADLETTER;

    public static final String VALIDATED = Streams.VALIDATED;
    public static final String APPLIED = Streams.APPLIED;
    public static final String WINDOWS = Streams.WINDOWS;
    private static final Pattern FROM = Pattern.compile("\"from\"\\s*:\\s*\"([^\"]{1,64})\"");

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;

    Broker() throws JMSException {
        this(Deployments.httpPort());
    }

    public Broker(int httpPort) throws JMSException {
        this(httpPort, "it-admin", "it-admin-pw-1");
    }

    public Broker(int httpPort, String user, String password) throws JMSException {
        this(url(httpPort), user, password);
    }

    /** A broker at a core URL of its own: a standalone one (issue 20). */
    public Broker(String url, String user, String password) throws JMSException {
        factory = new ActiveMQConnectionFactory(url, user, password);
        connection = factory.createConnection();
        connection.start();
    }

    static String url(int httpPort) {
        return "tcp://127.0.0.1:" + httpPort
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true";
    }

    /**
     * Sends each record as a text message, carrying its id (when given) as xastream_record_id and, as the
     * feeder does, its paying account as the ordering key (JMSXGroupID).
     */
    public void send(List<Map.Entry<String, String>> idAndBody) throws JMSException {
        sendTo(TRANSFERS, idAndBody);
    }

    /**
     * As {@link #send}, each message sent and confirmed on its own, carrying its record id as the
     * broker's duplicate id: sent again after its send failed (the broker went away), a record the
     * broker had stored after all is dropped by the broker, so none is sent twice. (Not in a
     * transaction: the broker rolls back a whole transaction that holds a duplicate.)
     */
    public void sendOnce(List<Map.Entry<String, String>> idAndBody) throws JMSException {
        sendTo(TRANSFERS, idAndBody, true);
    }

    /** As {@link #send}, to any queue: a test parks a record in the dead-letter queue this way. */
    public void sendTo(String queue, List<Map.Entry<String, String>> idAndBody) throws JMSException {
        sendTo(queue, idAndBody, false);
    }

    private void sendTo(String queue, List<Map.Entry<String, String>> idAndBody, boolean once) throws JMSException {
        try (Session session = once ? connection.createSession(false, Session.AUTO_ACKNOWLEDGE)
                : connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            int inBatch = 0;
            for (Map.Entry<String, String> record : idAndBody) {
                Message message = record(session, record, once);
                producer.send(message);
                if (session.getTransacted() && ++inBatch == 200) {
                    session.commit();
                    inBatch = 0;
                }
            }
            if (session.getTransacted()) {
                session.commit();
            }
        }
    }

    /**
     * A record as {@link #send} sends it: its id as xastream_record_id and, with {@code once}, as the
     * broker's duplicate id; its paying account as the ordering key.
     */
    public static Message record(Session session, Map.Entry<String, String> record, boolean once) throws JMSException {
        TextMessage message = session.createTextMessage(record.getValue());
        if (record.getKey() != null) {
            message.setStringProperty(MessageProperties.RECORD_ID, record.getKey());
            if (once) {
                message.setStringProperty(org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString(),
                        record.getKey());
            }
        }
        Matcher from = FROM.matcher(record.getValue());
        if (from.find()) {
            message.setStringProperty(MessageProperties.KEY, from.group(1));
        }
        return message;
    }

    /** A session of its own on this connection (not transacted), for a test that needs JMS as it is. */
    public Session session() throws JMSException {
        return connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Makes one message in the sender's session: for messages other than a record's text. */
    @FunctionalInterface
    public interface MessageMaker {
        Message make(Session session) throws JMSException;
    }

    /** Sends the messages as made, in one transaction, to the transfers queue. */
    public void sendMade(List<MessageMaker> makers) throws JMSException {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(session.createQueue(TRANSFERS))) {
            for (MessageMaker maker : makers) {
                producer.send(maker.make(session));
            }
            session.commit();
        }
    }

    /** How many messages of a queue match the selector, browsing (nothing is consumed). */
    public int count(String queue, String selector) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(queue), selector)) {
            int count = 0;
            for (var messages = browser.getEnumeration(); messages.hasMoreElements(); messages.nextElement()) {
                count++;
            }
            return count;
        }
    }

    /**
     * Consumes the messages of a queue that match the selector until {@code quiet} passes without
     * one, or {@code timeout} in all. Other tests' messages stay where they are.
     */
    public List<Message> drain(String queue, String selector, Duration quiet, Duration timeout) throws JMSException {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            while (System.nanoTime() < deadline) {
                Message message = consumer.receive(quiet.toMillis());
                if (message == null) {
                    break;
                }
                messages.add(message);
            }
        }
        return messages;
    }

    /** Waits for {@code count} matching messages (or the timeout), then also for any extra ones. */
    public List<Message> await(String queue, String selector, int count, Duration timeout) throws JMSException {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            while (messages.size() < count && System.nanoTime() < deadline) {
                Message message = consumer.receive(500);
                if (message != null) {
                    messages.add(message);
                }
            }
            for (Message extra; (extra = consumer.receive(1_000)) != null; ) {
                messages.add(extra);
            }
        }
        return messages;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
        factory.close();
    }
}

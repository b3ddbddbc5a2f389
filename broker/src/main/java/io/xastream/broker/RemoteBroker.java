package io.xastream.broker;

import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

import javax.management.JMException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A broker outside this server (a node of a cluster, docs/scale-out.md), managed with Artemis
 * management messages over the core protocol: a request to {@code activemq.management}, the
 * answer on a temporary queue. The node logs in as its broker identity, which broker.xml lets
 * manage; the addresses keep WildFly's 1.x prefix. One session, opened on first use and again
 * after a failure, so a broker restart costs one failed read.
 */
public class RemoteBroker implements BrokerControl, AutoCloseable {

    static final String HOST = "xastream.broker.host";
    static final String PORT = "xastream.broker.port";
    static final String USER = "xastream.broker.user";
    static final String PASSWORD = "xastream.broker.password";
    private static final String QUEUE_PREFIX = "jms.queue.";
    private static final long ANSWER_MILLIS = 5_000;

    private final String url;
    private final String user;
    private final String password;
    private ServerLocator locator;
    private ClientSessionFactory factory;
    private ClientSession session;
    private ClientRequestor requestor;

    public RemoteBroker(String host, int port, String user, String password) {
        this.url = "tcp://" + host + ":" + port;
        this.user = user;
        this.password = password;
    }

    /** The broker this node is configured for (remote-broker.cli's settings), if it has one. */
    public static Optional<RemoteBroker> configured() {
        String host = System.getProperty(HOST);
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new RemoteBroker(host.trim(), Integer.parseInt(System.getProperty(PORT, "61616").trim()),
                System.getProperty(USER), System.getProperty(PASSWORD)));
    }

    @Override
    public Map<String, Long> queueCounters(String queue, String... attributes) throws JMException {
        Map<String, Long> values = new HashMap<>();
        for (String attribute : attributes) {
            values.put(attribute, ManagementAttributes.toLong(
                    ask(message -> ManagementHelper.putAttribute(message, queueResource(queue), attribute))));
        }
        return values;
    }

    @Override
    public String deliveringMessagesJson(String queue) throws JMException {
        return text(operation(queueResource(queue), "listDeliveringMessagesAsJSON"));
    }

    @Override
    public String brokerAttribute(String attribute) throws JMException {
        return String.valueOf(ask(message -> ManagementHelper.putAttribute(message, ResourceNames.BROKER, attribute)));
    }

    @Override
    public List<String> preparedTransactions() throws JMException {
        Object result = operation(ResourceNames.BROKER, "listPreparedTransactions");
        return result instanceof Object[] list ? Arrays.stream(list).map(String::valueOf).toList() : List.of();
    }

    @Override
    public String preparedTransactionDetailsJson() throws JMException {
        return text(operation(ResourceNames.BROKER, "listPreparedTransactionDetailsAsJSON"));
    }

    @Override
    public void finishPrepared(String base64Xid, boolean commit) throws JMException {
        Object done = operation(ResourceNames.BROKER, commit ? "commitPreparedTransaction" : "rollbackPreparedTransaction", base64Xid);
        if (Boolean.FALSE.equals(done)) {
            throw new JMException("the broker has no prepared transaction " + base64Xid);
        }
    }

    private static String queueResource(String queue) {
        return ResourceNames.QUEUE + QUEUE_PREFIX + queue;
    }

    private Object operation(String resource, String operation, Object... parameters) throws JMException {
        return ask(message -> {
            try {
                ManagementHelper.putOperationInvocation(message, resource, operation, parameters);
            } catch (Exception e) {
                throw new IllegalArgumentException(operation + " with " + List.of(parameters), e);
            }
        });
    }

    /** One management request and its answer; the broker's refusal or silence as a JMException. */
    private synchronized Object ask(Consumer<ClientMessage> request) throws JMException {
        try {
            if (session == null || session.isClosed()) {
                open();
            }
            ClientMessage message = session.createMessage(false);
            request.accept(message);
            ClientMessage reply = requestor.request(message, ANSWER_MILLIS);
            if (reply == null) {
                throw new ActiveMQException("no answer from the broker at " + url + " within " + ANSWER_MILLIS + " ms");
            }
            Object result = ManagementHelper.getResult(reply);
            if (!ManagementHelper.hasOperationSucceeded(reply)) {
                throw new JMException("the broker at " + url + " refused: " + result);
            }
            return result;
        } catch (JMException refused) {
            throw refused;
        } catch (Exception e) {
            close();
            JMException failed = new JMException("broker management at " + url + " failed: " + e);
            failed.initCause(e);
            throw failed;
        }
    }

    private void open() throws Exception {
        close();
        locator = ActiveMQClient.createServerLocator(url);
        locator.setReconnectAttempts(0);
        locator.setCallTimeout(ANSWER_MILLIS);
        // No producer flow control: a request must never wait for credits a restarted broker never sends.
        locator.setProducerWindowSize(-1);
        factory = locator.createSessionFactory();
        session = factory.createSession(user, password, false, true, true, false, 1);
        requestor = new ClientRequestor(session, ActiveMQDefaultConfiguration.getDefaultManagementAddress());
        session.start();
    }

    @Override
    public synchronized void close() {
        try {
            if (requestor != null) {
                requestor.close();
            }
        } catch (Exception ignored) {
            // the session goes below either way
        }
        if (factory != null) {
            factory.close();
        }
        if (locator != null) {
            locator.close();
        }
        requestor = null;
        session = null;
        factory = null;
        locator = null;
    }

    private static String text(Object result) {
        return result == null ? "" : result.toString();
    }
}

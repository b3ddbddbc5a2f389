package io.xastream.broker;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.util.List;
import java.util.Map;

/** The broker inside this WildFly, read through WildFly's management model (JMX, in-process). */
public class EmbeddedBroker implements BrokerControl {

    public static final ObjectName SERVER = ManagementAttributes.objectName("jboss.as:subsystem=messaging-activemq,server=default");

    private final MBeanServer server;
    private final ManagementAttributes attributes;

    public EmbeddedBroker(MBeanServer server) {
        this.server = server;
        this.attributes = new ManagementAttributes(server);
    }

    public static ObjectName queue(String name) {
        return ManagementAttributes.objectName(SERVER + ",jms-queue=" + name);
    }

    @Override
    public Map<String, Long> queueCounters(String queue, String... names) throws JMException {
        return attributes.longs(queue(queue), names);
    }

    @Override
    public String deliveringMessagesJson(String queue) throws JMException {
        return text(server.invoke(queue(queue), "listDeliveringMessagesAsJson", new Object[0], new String[0]));
    }

    @Override
    public String brokerAttribute(String attribute) throws JMException {
        return String.valueOf(server.getAttribute(SERVER, attribute));
    }

    @Override
    public List<String> preparedTransactions() throws JMException {
        Object result = server.invoke(SERVER, "listPreparedTransactions", new Object[0], new String[0]);
        return result instanceof String[] list ? List.of(list) : List.of();
    }

    @Override
    public String preparedTransactionDetailsJson() throws JMException {
        return text(server.invoke(SERVER, "listPreparedTransactionJmsDetailsAsJson", new Object[0], new String[0]));
    }

    @Override
    public void finishPrepared(String base64Xid, boolean commit) throws JMException {
        server.invoke(SERVER, commit ? "commitPreparedTransaction" : "rollbackPreparedTransaction",
                new Object[]{base64Xid}, new String[]{String.class.getName()});
    }

    private static String text(Object result) {
        return result == null ? "" : result.toString();
    }
}

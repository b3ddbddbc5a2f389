package io.xastream.monitoring.control;

import jakarta.enterprise.context.ApplicationScoped;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.List;

/** The embedded Artemis broker's prepared transactions, through WildFly's management model over JMX. */
@ApplicationScoped
public class BrokerTransactions {

    static final ObjectName BROKER = ManagementAttributes.objectName("jboss.as:subsystem=messaging-activemq,server=default");

    private final MBeanServer server;

    public BrokerTransactions() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    BrokerTransactions(MBeanServer server) {
        this.server = server;
    }

    /** The broker's own description of each prepared transaction (its xid, encoded). */
    public List<String> prepared() throws JMException {
        Object result = server.invoke(BROKER, "listPreparedTransactions", new Object[0], new String[0]);
        return result instanceof String[] list ? List.of(list) : List.of();
    }
}

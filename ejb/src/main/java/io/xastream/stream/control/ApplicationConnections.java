package io.xastream.stream.control;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;

import java.util.logging.Logger;

/**
 * A connection factory that connects as the stages' own broker identity. The XA pooled factory
 * (java:/JmsXA) carries that user in its configuration; the plain in-VM factory of at-least-once
 * mode (java:/ConnectionFactory) has none, and the broker lets an anonymous connection do nothing
 * (server-config jms-security.cli). The password is the server's system property
 * {@value #PASSWORD_PROPERTY}, which the configure script sets.
 */
public final class ApplicationConnections implements ConnectionFactory {

    static final String USER = "xastream";
    static final String PASSWORD_PROPERTY = "xastream.jms.app-password";
    private static final Logger LOG = Logger.getLogger(ApplicationConnections.class.getName());

    private final ConnectionFactory factory;
    private final String password;

    private ApplicationConnections(ConnectionFactory factory, String password) {
        this.factory = factory;
        this.password = password;
    }

    /** The factory as the stages' identity; as it is on a server configured without one. */
    public static ConnectionFactory of(ConnectionFactory factory) {
        String password = System.getProperty(PASSWORD_PROPERTY);
        if (password == null) {
            LOG.warning(() -> PASSWORD_PROPERTY + " is not set: in-VM JMS connections are anonymous");
            return factory;
        }
        return new ApplicationConnections(factory, password);
    }

    @Override
    public Connection createConnection() throws JMSException {
        return factory.createConnection(USER, password);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return factory.createConnection(userName, password);
    }

    @Override
    public JMSContext createContext() {
        return factory.createContext(USER, password);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return factory.createContext(userName, password);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return factory.createContext(userName, password, sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return factory.createContext(USER, password, sessionMode);
    }
}

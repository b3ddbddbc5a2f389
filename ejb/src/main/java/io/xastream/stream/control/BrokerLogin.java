package io.xastream.stream.control;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;

/**
 * How the stages' own sessions log in to the broker. The embedded broker takes the server's sessions
 * without a login. A node whose broker is outside the server (issue 20, server-config
 * remote-broker.cli) is given its broker identity as {@code xastream.broker.user} and
 * {@code xastream.broker.password}: the pooled factory reads them from its configuration, but a plain
 * connection factory (the epoch consumers', the local mode's) takes no credentials, so these sessions
 * pass them.
 */
public final class BrokerLogin {

    static final String USER = "xastream.broker.user";
    static final String PASSWORD = "xastream.broker.password";

    private BrokerLogin() {
    }

    public static XAJMSContext xaContext(XAConnectionFactory factory) {
        String user = System.getProperty(USER);
        return user == null ? factory.createXAContext() : factory.createXAContext(user, System.getProperty(PASSWORD));
    }

    public static JMSContext context(ConnectionFactory factory, int sessionMode) {
        String user = System.getProperty(USER);
        return user == null ? factory.createContext(sessionMode) : factory.createContext(user, System.getProperty(PASSWORD), sessionMode);
    }
}

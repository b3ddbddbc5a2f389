package io.xastream.feeder.connection.entity;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The Artemis broker embedded in WildFly, reached as a remote client without JNDI. */
public record BrokerEndpoint(String url, String user, String password) {

    /**
     * WildFly has no separate messaging port: the client upgrades an HTTP connection on the
     * web port. enable1xPrefixes makes {@code createQueue} with a queue name ({@code xastream.transfers}) name the
     * address {@code jms.queue.xastream.transfers} that WildFly's jms-queue resources use.
     */
    public static String urlForHttpPort(String host, int httpPort) {
        return "tcp://" + host + ":" + httpPort
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true";
    }

    public ConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory(url, user, password);
    }

    @Override
    public String toString() {
        return url + " as " + user;
    }
}

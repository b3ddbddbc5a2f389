package io.xastream.broker;

import javax.management.JMException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * The broker management the dashboard and the stages use, wherever the broker runs: inside this
 * server ({@link EmbeddedBroker}, WildFly's management model over JMX) or outside it on a node of a
 * cluster ({@link RemoteBroker}, Artemis management messages over the core protocol). Queue names
 * are the JMS names ({@code xastream.transfers}); attribute and operation names are Artemis' own.
 */
public interface BrokerControl {

    /** Numeric attributes of one queue ({@code messageCount}, {@code consumerCount}, …). */
    Map<String, Long> queueCounters(String queue, String... attributes) throws JMException;

    /** The messages the queue's consumers hold right now, uncommitted, as the broker's JSON. */
    String deliveringMessagesJson(String queue) throws JMException;

    /** One attribute of the broker itself ({@code version}, {@code journalType}, …), as text. */
    String brokerAttribute(String attribute) throws JMException;

    /** The broker's description of each prepared transaction, with its xid in base64. */
    List<String> preparedTransactions() throws JMException;

    /** The prepared transactions with the messages they consumed or sent, as the broker's JSON. */
    String preparedTransactionDetailsJson() throws JMException;

    /** Commits or rolls back one prepared transaction, by its base64 xid. */
    void finishPrepared(String base64Xid, boolean commit) throws JMException;

    /** This server's broker: the remote one its configuration names (a node of a cluster), else the embedded one. */
    static BrokerControl ofThisServer() {
        return RemoteBroker.configured().<BrokerControl>map(remote -> remote)
                .orElseGet(() -> new EmbeddedBroker(ManagementFactory.getPlatformMBeanServer()));
    }
}

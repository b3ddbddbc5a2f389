package io.xastream.stream.control;

import org.apache.activemq.artemis.core.client.impl.ClientSessionInternal;
import org.jboss.tm.XAResourceWrapper;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The broker's branch of an epoch consumer's transaction: the XA resource of the consumer's own
 * session, enlisted by hand in each epoch, under the name of the broker's recovery resource.
 * <p>
 * After a crash Narayana finishes a logged transaction whose broker branch had already committed
 * only if a recovery resource answers under the name the branch was logged with: then the branch's
 * absence means it is done. WildFly registers one per pooled connection factory, named after its
 * JNDI name and the broker's node id ({@code java:/JmsXA NodeId:…}), and it covers every branch on
 * that broker, whichever session made it. So a branch of the same broker says the same name; under
 * any other (a second pooled factory's, or none) such a transaction stays in the log store for good
 * (docs/recovery.md).
 */
public final class BrokerBranch implements XAResourceWrapper {

    /** The pooled connection factory whose recovery registration covers the broker. */
    static final String RECOVERY_JNDI_NAME = "java:/JmsXA";

    private final XAResource session;
    private final String name;

    private BrokerBranch(XAResource session, String name) {
        this.session = session;
        this.name = name;
    }

    /** The branch of an Artemis XA session, named after the broker it is connected to. */
    public static BrokerBranch of(XAResource session) {
        if (!(session instanceof ClientSessionInternal artemis)) {
            throw new IllegalArgumentException("not an Artemis session: " + session.getClass().getName());
        }
        return new BrokerBranch(session, RECOVERY_JNDI_NAME + " NodeId:" + artemis.getNodeId());
    }

    @Override
    public XAResource getResource() {
        return session;
    }

    @Override
    public String getProductName() {
        return "ActiveMQ Artemis";
    }

    @Override
    public String getProductVersion() {
        String version = ClientSessionInternal.class.getPackage().getImplementationVersion();
        return version == null ? "" : version;
    }

    @Override
    public String getJndiName() {
        return name;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        session.start(xid, flags);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        session.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return session.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        session.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        session.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        session.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return session.recover(flag);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return session.isSameRM(other instanceof BrokerBranch branch ? branch.session : other);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return session.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return session.setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return "BrokerBranch[" + name + "]";
    }
}

package io.xastream.stream.control;

import org.apache.activemq.artemis.core.client.impl.ClientSessionInternal;
import org.jboss.tm.XAResourceWrapper;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

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
 * <p>
 * The session does not refuse work outside a transaction: once the coordinator has ended and rolled
 * back the branch on its own (a transaction timeout, from the reaper's thread), Artemis routes what
 * the session sends at once and commits what it acknowledges at once. So every use of the session
 * by the loop goes through {@link #inTransaction}, which runs it only while the branch is in its
 * transaction, and the coordinator's calls take the same lock: work done before the reaper's end
 * is rolled back with the branch, and work after it fails instead of leaking.
 */
public final class BrokerBranch implements XAResourceWrapper {

    /** The pooled connection factory whose recovery registration covers the broker. */
    static final String RECOVERY_JNDI_NAME = "java:/JmsXA";

    private final XAResource session;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    /** The transaction the branch is doing work in, between start and end; guarded by {@link #lock}. */
    private Xid associated;

    BrokerBranch(XAResource session, String name) {
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

    /**
     * Runs work on the session while the branch is in a transaction, and fails (with
     * {@link Ended}) instead once it is not. A coordinator's call meanwhile waits for the work;
     * a receive that waits holds it that long (the loop's waits are a fraction of the timeout).
     */
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            if (associated == null) {
                throw new Ended();
            }
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** The same, for work without a result. */
    public void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        lock.lock();
        try {
            session.start(xid, flags);
            associated = xid;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        lock.lock();
        try {
            associated = null;
            session.end(xid, flags);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        lock.lock();
        try {
            return session.prepare(xid);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        lock.lock();
        try {
            session.commit(xid, onePhase);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        lock.lock();
        try {
            // A rollback without an end (allowed to a coordinator) ends the branch's work too.
            if (xid.equals(associated)) {
                associated = null;
            }
            session.rollback(xid);
        } finally {
            lock.unlock();
        }
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

    /** The branch's transaction ended (rolled back by the coordinator, as on a timeout) before the work. */
    public static final class Ended extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        Ended() {
            super("the broker branch is no longer in a transaction (the coordinator rolled it back, a timeout?):"
                    + " nothing is sent or acknowledged outside it");
        }
    }
}

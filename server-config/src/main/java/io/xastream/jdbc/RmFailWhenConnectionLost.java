package io.xastream.jdbc;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Predicate;

/**
 * An XAResource that reports a lost connection as XAER_RMFAIL, the code XA gives "the resource
 * manager is unavailable". Drivers report it otherwise (MariaDB with no code, PostgreSQL as
 * XAER_RMERR), and Narayana reads those as heuristic outcomes: a failed COMMIT becomes a
 * HEURISTIC_ROLLBACK although the branch is still prepared, a failed ROLLBACK a HEURISTIC_HAZARD. The
 * transaction then sits in the log store and its prepared branches keep their locks until an
 * operator acts. With XAER_RMFAIL Narayana retries a commit in recovery, and a rollback it could not
 * deliver is finished by the orphan filters once the database is back.
 */
final class RmFailWhenConnectionLost implements XAResource {

    private final XAResource resource;
    private final Predicate<XAException> connectionLost;

    RmFailWhenConnectionLost(XAResource resource, Predicate<XAException> connectionLost) {
        this.resource = resource;
        this.connectionLost = connectionLost;
    }

    /** The driver's XA connection, handing out this resource instead of its own. */
    static XAConnection wrap(XAConnection connection, Predicate<XAException> connectionLost) {
        return (XAConnection) Proxy.newProxyInstance(RmFailWhenConnectionLost.class.getClassLoader(),
                new Class<?>[]{XAConnection.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(connection, args);
                        return method.getName().equals("getXAResource")
                                ? new RmFailWhenConnectionLost((XAResource) result, connectionLost)
                                : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private interface XaCall<T> {
        T run() throws XAException;
    }

    private <T> T told(XaCall<T> call) throws XAException {
        try {
            return call.run();
        } catch (XAException e) {
            if (e.errorCode == XAException.XAER_RMFAIL || !connectionLost.test(e)) {
                throw e;
            }
            XAException failed = new XAException(XAException.XAER_RMFAIL);
            failed.initCause(e);
            throw failed;
        }
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        told(() -> {
            resource.commit(xid, onePhase);
            return null;
        });
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        told(() -> {
            resource.end(xid, flags);
            return null;
        });
    }

    @Override
    public void forget(Xid xid) throws XAException {
        told(() -> {
            resource.forget(xid);
            return null;
        });
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return told(resource::getTransactionTimeout);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        XAResource unwrapped = other instanceof RmFailWhenConnectionLost wrapper ? wrapper.resource : other;
        return told(() -> resource.isSameRM(unwrapped));
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return told(() -> resource.prepare(xid));
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return told(() -> resource.recover(flag));
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        told(() -> {
            resource.rollback(xid);
            return null;
        });
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return told(() -> resource.setTransactionTimeout(seconds));
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        told(() -> {
            resource.start(xid, flags);
            return null;
        });
    }
}

package io.xastream.jdbc;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/** An XAResource whose XAExceptions without an XA error code become XAER_RMFAIL; see {@link MariaDbXaDataSource}. */
final class RmFailOnUnknownError implements XAResource {

    private final XAResource resource;

    RmFailOnUnknownError(XAResource resource) {
        this.resource = resource;
    }

    private interface XaCall<T> {
        T run() throws XAException;
    }

    private static <T> T told(XaCall<T> call) throws XAException {
        try {
            return call.run();
        } catch (XAException e) {
            if (e.errorCode != 0) {
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
        XAResource unwrapped = other instanceof RmFailOnUnknownError wrapper ? wrapper.resource : other;
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

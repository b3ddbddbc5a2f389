package io.xastream.jdbc;

import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RmFailOnUnknownErrorTest {

    /** An XAResource whose every call fails with the given XA error code. */
    private static XAResource failingWith(int errorCode) {
        return (XAResource) Proxy.newProxyInstance(XAResource.class.getClassLoader(), new Class<?>[]{XAResource.class},
                (proxy, method, args) -> {
                    throw new XAException(errorCode);
                });
    }

    @Test
    void aFailureWithoutErrorCodeBecomesResourceManagerFailure() {
        XAException e = assertThrows(XAException.class, () -> new RmFailOnUnknownError(failingWith(0)).prepare(null));
        assertEquals(XAException.XAER_RMFAIL, e.errorCode);
        assertEquals(0, ((XAException) e.getCause()).errorCode);
        assertEquals(XAException.XAER_RMFAIL, assertThrows(XAException.class,
                () -> new RmFailOnUnknownError(failingWith(0)).commit(null, false)).errorCode);
    }

    @Test
    void realErrorCodesPassUnchanged() {
        for (int code : new int[]{XAException.XA_RBROLLBACK, XAException.XAER_NOTA, XAException.XA_HEURRB, XAException.XAER_RMERR}) {
            assertEquals(code, assertThrows(XAException.class, () -> new RmFailOnUnknownError(failingWith(code)).prepare(null)).errorCode);
        }
    }

    @Test
    void resultsPassThrough() throws XAException {
        Xid[] none = new Xid[0];
        XAResource answering = (XAResource) Proxy.newProxyInstance(XAResource.class.getClassLoader(),
                new Class<?>[]{XAResource.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "prepare" -> XAResource.XA_RDONLY;
                    case "recover" -> none;
                    default -> null;
                });
        RmFailOnUnknownError wrapped = new RmFailOnUnknownError(answering);
        assertEquals(XAResource.XA_RDONLY, wrapped.prepare(null));
        assertSame(none, wrapped.recover(XAResource.TMSTARTRSCAN));
    }
}

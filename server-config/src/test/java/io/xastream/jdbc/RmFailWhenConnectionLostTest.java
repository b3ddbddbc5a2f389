package io.xastream.jdbc;

import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.io.EOFException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RmFailWhenConnectionLostTest {

    /** An XAResource whose every call fails with the given exception. */
    private static XAResource failingWith(XAException failure) {
        return (XAResource) Proxy.newProxyInstance(XAResource.class.getClassLoader(), new Class<?>[]{XAResource.class},
                (proxy, method, args) -> {
                    throw failure;
                });
    }

    private static XAException xa(int errorCode, Throwable cause) {
        XAException e = new XAException(errorCode);
        e.initCause(cause);
        return e;
    }

    private static int codeOfPrepare(XAException failure, Predicate<XAException> connectionLost) {
        return assertThrows(XAException.class,
                () -> new RmFailWhenConnectionLost(failingWith(failure), connectionLost).prepare(null)).errorCode;
    }

    @Test
    void mariaDbFailureWithoutErrorCodeBecomesResourceManagerFailure() {
        XAException original = new XAException(0);
        XAException e = assertThrows(XAException.class,
                () -> new RmFailWhenConnectionLost(failingWith(original), MariaDbXaDataSource::connectionLost).commit(null, false));
        assertEquals(XAException.XAER_RMFAIL, e.errorCode);
        assertSame(original, e.getCause());
    }

    @Test
    void mariaDbRealErrorCodesPassUnchanged() {
        for (int code : new int[]{XAException.XA_RBROLLBACK, XAException.XAER_NOTA, XAException.XA_HEURRB, XAException.XAER_RMERR}) {
            assertEquals(code, codeOfPrepare(new XAException(code), MariaDbXaDataSource::connectionLost));
        }
    }

    @Test
    void postgresLostConnectionBecomesResourceManagerFailure() {
        Predicate<XAException> lost = PostgresXaDataSource::connectionLost;
        assertEquals(XAException.XAER_RMFAIL, codeOfPrepare(xa(XAException.XAER_RMERR,
                new SQLException("An I/O error occurred while sending to the backend.", "08006")), lost));
        assertEquals(XAException.XAER_RMFAIL, codeOfPrepare(xa(XAException.XAER_RMERR,
                new SQLException("terminating connection due to administrator command", "57P01")), lost));
        assertEquals(XAException.XAER_RMFAIL, codeOfPrepare(xa(XAException.XAER_RMERR,
                new SQLException("wrapped", null, new EOFException())), lost));
    }

    @Test
    void postgresOtherErrorsPassUnchanged() {
        Predicate<XAException> lost = PostgresXaDataSource::connectionLost;
        assertEquals(XAException.XAER_RMERR, codeOfPrepare(xa(XAException.XAER_RMERR,
                new SQLException("could not serialize access", "40001")), lost));
        assertEquals(XAException.XAER_RMERR, codeOfPrepare(new XAException(XAException.XAER_RMERR), lost));
        assertEquals(XAException.XAER_NOTA, codeOfPrepare(xa(XAException.XAER_NOTA,
                new SQLException("prepared transaction does not exist", "42704")), lost));
    }

    @Test
    void resultsPassThrough() throws XAException {
        Xid[] none = new Xid[0];
        XAResource answering = (XAResource) Proxy.newProxyInstance(XAResource.class.getClassLoader(),
                new Class<?>[]{XAResource.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "prepare" -> XAResource.XA_RDONLY;
                    case "recover" -> none;
                    case "isSameRM" -> args[0] == proxy;
                    default -> null;
                });
        RmFailWhenConnectionLost wrapped = new RmFailWhenConnectionLost(answering, e -> true);
        assertEquals(XAResource.XA_RDONLY, wrapped.prepare(null));
        assertSame(none, wrapped.recover(XAResource.TMSTARTRSCAN));
        assertEquals(true, wrapped.isSameRM(new RmFailWhenConnectionLost(answering, e -> true)));
    }
}

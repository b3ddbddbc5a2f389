package io.xastream.stream.control;

import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerBranchTest {

    /** What the session's XA resource was asked, in order (start, end, commit, rollback, and the work). */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final XAResource session = (XAResource) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {XAResource.class}, (proxy, method, arguments) -> {
                calls.add(method.getName());
                return method.getReturnType() == int.class ? XAResource.XA_OK : null;
            });
    private final BrokerBranch branch = new BrokerBranch(session, "test");

    private record TestXid(int id) implements Xid {
        @Override
        public int getFormatId() {
            return 1;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return new byte[] {(byte) id};
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }

    @Test
    void sessionWorkRunsOnlyBetweenStartAndEnd() throws Exception {
        assertThrows(BrokerBranch.Ended.class, () -> branch.inTransaction(() -> calls.add("send")));
        branch.start(new TestXid(1), XAResource.TMNOFLAGS);
        assertEquals("received", branch.inTransaction(() -> "received"));
        branch.end(new TestXid(1), XAResource.TMSUCCESS);
        assertThrows(BrokerBranch.Ended.class, () -> branch.inTransaction(() -> calls.add("send")));
        branch.commit(new TestXid(1), true);
        assertEquals(List.of("start", "end", "commit"), calls, "nothing sent outside the transaction");
    }

    @Test
    void aRollbackWithoutEndEndsTheWorkToo() throws Exception {
        branch.start(new TestXid(1), XAResource.TMNOFLAGS);
        branch.rollback(new TestXid(2));
        branch.inTransaction(() -> calls.add("send"));
        branch.rollback(new TestXid(1));
        assertThrows(BrokerBranch.Ended.class, () -> branch.inTransaction(() -> calls.add("late send")));
        assertEquals(List.of("start", "rollback", "send", "rollback"), calls);
    }

    /** The reaper's end waits for a send under way, so the send is in the branch it rolls back. */
    @Test
    void theCoordinatorsEndWaitsForWorkUnderWay() throws Exception {
        branch.start(new TestXid(1), XAResource.TMNOFLAGS);
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> branch.inTransaction(() -> {
            sending.countDown();
            await(release);
            calls.add("send");
        }));
        assertTrue(sending.await(5, TimeUnit.SECONDS));
        Thread timeout = new Thread(() -> {
            try {
                branch.end(new TestXid(1), XAResource.TMFAIL);
                branch.rollback(new TestXid(1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        timeout.start();
        // The coordinator's thread parks on the branch's lock while the send holds it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (timeout.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, timeout.getState(), "the end did not wait for the send under way");
        assertEquals(List.of("start"), calls, "nothing ended while the send was under way");
        release.countDown();
        send.get(5, TimeUnit.SECONDS);
        timeout.join(5_000);
        assertEquals(List.of("start", "send", "end", "rollback"), calls);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

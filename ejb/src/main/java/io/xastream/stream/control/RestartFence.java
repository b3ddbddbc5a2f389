package io.xastream.stream.control;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.coordinator.TxControl;
import com.arjuna.ats.jta.xa.XATxConverter;
import com.arjuna.ats.jta.xa.XidImple;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Per-key order across a crash. When the server dies after the broker prepared its branch of a
 * transaction, the broker keeps the records that transaction consumed out of delivery until recovery
 * resolves it, and binds message groups afresh when it restarts. Consumers starting at once would be
 * handed those keys' later records first, and the held ones, rolled back by recovery seconds later,
 * would be applied after them: exactly once still, out of order. So after a restart the stages start
 * consuming only once the broker holds no branch that an earlier run of this node prepared (told by
 * Narayana's ids: the node identifier, and the coordinator run in the transaction's Uid). Recovery
 * is Narayana's (its periodic passes); this only waits for it.
 * <p>
 * The wait is bounded ({@code xastream.recovery.order-wait}, seconds): a branch recovery cannot
 * resolve (a heuristic outcome, a resource it cannot reach) must not stop the stream for good. Past
 * the bound the stages start with a warning and the dashboard shows the branch in doubt; what it
 * holds keeps exactly once and loses its place in its key's order.
 */
public final class RestartFence {

    private static final Logger LOG = Logger.getLogger(RestartFence.class.getName());
    private static final long POLL_MILLIS = 250;

    private RestartFence() {
    }

    /** How long the stages wait for recovery after a restart; 0 starts them at once. */
    public static Duration limit() {
        return Duration.ofSeconds(Long.getLong("xastream.recovery.order-wait", 120));
    }

    /**
     * Waits until the broker holds no branch prepared by an earlier run of this node, the limit
     * passed, or {@code stopped} says so; true when nothing was left held.
     */
    public static boolean await(XAConnectionFactory broker, Duration limit, BooleanSupplier stopped) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        String node = TxControl.getXANodeName();
        String thisRun = run(new Uid());
        List<Xid> held = List.of();
        int seenAtFirst = -1;
        XAJMSContext session = null;
        try {
            while (!stopped.getAsBoolean()) {
                try {
                    if (session == null) {
                        session = BrokerLogin.xaContext(broker);
                    }
                    XAResource resource = session.getXAResource();
                    held = heldByEarlierRuns(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN), node, thisRun);
                    if (seenAtFirst < 0) {
                        seenAtFirst = held.size();
                    }
                    if (held.isEmpty()) {
                        if (seenAtFirst > 0) {
                            String resolved = plural(seenAtFirst);
                            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                            LOG.info(() -> "stages start: recovery resolved the " + resolved + " an earlier run left prepared on the broker, after "
                                    + millis + " ms (their records keep their place in each key's order)");
                        }
                        return true;
                    }
                } catch (Exception unreachable) {
                    // The broker refused or is not there yet: ask again until the limit.
                    LOG.fine(() -> "broker branches unreadable before the stages start: " + unreachable);
                    if (session != null) {
                        session.close();
                        session = null;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    break;
                }
                // Recovery's passes stay Narayana's, at their period: an operator who holds them off
                // (xastream.recovery.period) keeps the stages waiting too, up to the limit.
                Thread.sleep(POLL_MILLIS);
            }
        } finally {
            if (session != null) {
                session.close();
            }
        }
        if (!stopped.getAsBoolean()) {
            List<Xid> left = held;
            LOG.warning(() -> "stages start after " + limit.toSeconds() + " s (xastream.recovery.order-wait) although the broker still holds "
                    + (left.isEmpty() ? "branches it could not list" : plural(left.size()) + " an earlier run of this node prepared (" + left
                    + ")") + ": their records stay exactly once but will be applied after later records of their keys");
        }
        return false;
    }

    /** Of the broker's prepared branches, those made by this node's coordinator in an earlier run. */
    static List<Xid> heldByEarlierRuns(Xid[] prepared, String node, String thisRun) {
        List<Xid> held = new ArrayList<>();
        if (prepared == null) {
            return held;
        }
        for (Xid xid : prepared) {
            if (xid == null || xid.getFormatId() != XATxConverter.FORMAT_ID) {
                continue;
            }
            XidImple narayana = new XidImple(xid);
            if (node.equals(XATxConverter.getNodeName(narayana.getXID())) && !thisRun.equals(run(narayana.getTransactionUid()))) {
                held.add(xid);
            }
        }
        return held;
    }

    /** A Uid without its counter: what names the coordinator's run (host, process, start). */
    static String run(Uid uid) {
        String id = uid.stringForm();
        int counter = id.lastIndexOf(':');
        return counter < 0 ? id : id.substring(0, counter);
    }

    private static String plural(int branches) {
        return branches == 1 ? "1 branch" : branches + " branches";
    }
}

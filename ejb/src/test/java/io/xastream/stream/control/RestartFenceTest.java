package io.xastream.stream.control;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.coordinator.TxControl;
import com.arjuna.ats.jta.xa.XATxConverter;
import com.arjuna.ats.jta.xa.XidImple;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.Xid;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RestartFenceTest {

    private static final String NODE = TxControl.getXANodeName();

    /** A branch as this node's coordinator names it, of the transaction {@code uid}. */
    private static XidImple branch(Uid uid) {
        return new XidImple(XATxConverter.getXid(uid, true, XATxConverter.FORMAT_ID));
    }

    /** A Uid of another coordinator run: the same host, another process started at another time. */
    private static Uid ofAnEarlierRun(int counter) {
        return new Uid(new long[]{0, 0x7f000001L}, 4242, 1_700_000_000, counter);
    }

    private static Xid foreign() {
        return new Xid() {
            @Override
            public int getFormatId() {
                return 4660;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return new byte[]{1, 2, 3};
            }

            @Override
            public byte[] getBranchQualifier() {
                return new byte[]{4};
            }
        };
    }

    @Test
    void onlyBranchesOfThisNodesEarlierRunsHoldTheStagesBack() {
        String thisRun = RestartFence.run(new Uid());
        XidImple earlier = branch(ofAnEarlierRun(7));
        XidImple current = branch(new Uid());
        XidImple otherNode = branch(ofAnEarlierRun(8));
        XATxConverter.setNodeName(otherNode.getXID(), NODE + "-other");

        List<Xid> held = RestartFence.heldByEarlierRuns(new Xid[]{current, earlier, otherNode, foreign(), null}, NODE, thisRun);

        assertEquals(List.of(earlier), held);
        assertEquals(List.of(), RestartFence.heldByEarlierRuns(null, NODE, thisRun));
        assertEquals(List.of(), RestartFence.heldByEarlierRuns(new Xid[0], NODE, thisRun));
    }

    @Test
    void aRunIsNamedByAllOfTheUidButItsCounter() {
        Uid first = new Uid();
        Uid second = new Uid();
        assertNotEquals(first, second);
        assertEquals(RestartFence.run(first), RestartFence.run(second));
        assertNotEquals(RestartFence.run(first), RestartFence.run(ofAnEarlierRun(1)));
        assertEquals(RestartFence.run(ofAnEarlierRun(1)), RestartFence.run(ofAnEarlierRun(2)));
    }
}

package io.xastream.broker;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HeldGroupsTest {

    /** Laid out as Artemis 2.40's listPreparedTransactionDetailsAsJSON (core) and its JMS variant. */
    private static final String PREPARED = """
            [{"creation_time":"12/7/26, 3:01:02 PM","xid_as_base64":"AAAA","xid_format_id":131077,
              "tx_related_messages":[
                {"message_operation_type":"(-) receive","message_type":"TEXT",
                 "message_properties":{"_AMQ_GROUP_ID":"A-0001","xastream_record_id":"t-1","address":"jms.queue.xastream.transfers"}},
                {"message_operation_type":"(+) send","message_type":"TEXT",
                 "message_properties":{"_AMQ_GROUP_ID":"A-0009","xastream_record_id":"t-1"}}]},
             {"creation_time":"12/7/26, 3:01:03 PM","xid_as_base64":"BBBB","xid_format_id":131077,
              "tx_related_messages":[
                {"message_operation_type":"(-) receive","message_type":"TEXT",
                 "message_properties":{"JMSXGroupID":"B-0002","xastream_record_id":"t-2"}},
                {"message_operation_type":"(-) receive","message_type":"TEXT",
                 "message_properties":{"xastream_record_id":"t-3"}}]},
             {"creation_time":"12/7/26, 3:01:04 PM","xid_as_base64":"CCCC","xid_format_id":131077}]""";

    @Test
    void theGroupsOfConsumedMessagesAreHeldNotThoseOfSentOnes() {
        assertEquals(Set.of("A-0001", "B-0002"), HeldGroups.in(PREPARED));
    }

    @Test
    void eachTransactionByItsXid() {
        assertEquals(Map.of("AAAA", Set.of("A-0001"), "BBBB", Set.of("B-0002")), HeldGroups.byTransaction(PREPARED));
    }

    @Test
    void nothingPreparedHoldsNothing() {
        assertEquals(Set.of(), HeldGroups.in("[]"));
        assertEquals(Set.of(), HeldGroups.in(""));
        assertEquals(Set.of(), HeldGroups.in(null));
    }

    @Test
    void otherTextIsRefusedNotReadAsNothingHeld() {
        assertThrows(IllegalArgumentException.class, () -> HeldGroups.in("the broker refused"));
        assertThrows(IllegalArgumentException.class, () -> HeldGroups.in("{\"a\":1}"));
    }
}

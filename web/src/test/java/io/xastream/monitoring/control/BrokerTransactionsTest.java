package io.xastream.monitoring.control;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading record ids out of the broker's JSON, whichever way it spells message properties. */
class BrokerTransactionsTest {

    @Test
    void findsTheRecordsOfEachPreparedTransaction() {
        String json = """
                [{"creation_time":"11/28/26, 12:29:10 PM","xid_as_base64":"AAAA_1","xid_format_id":131077,
                  "tx_related_messages":[{"message_operation_type":"(-receive)","message_type":"TextMessage",
                    "message_properties":{"xastream_record_id":"rs-1","JMSXDeliveryCount":1}}]},
                 {"creation_time":"11/28/26, 12:29:10 PM","xid_as_base64":"AAAA_2",
                  "tx_related_messages":[{"message_properties":"xastream_record_id=t-7, xastream_transaction_id=0:ffff:1"}]}]""";

        assertEquals(Map.of("AAAA_1", Set.of("rs-1"), "AAAA_2", Set.of("t-7")), BrokerTransactions.recordsByXid(json));
    }

    @Test
    void understandsNothingElse() {
        assertEquals(Map.of(), BrokerTransactions.recordsByXid("not json"));
        assertEquals(Map.of(), BrokerTransactions.recordsByXid("{\"an\":\"object\"}"));
    }

    @Test
    void readsTheBase64XidOfADescription() {
        assertEquals(Optional.of("AAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAJgAAAAEAAAAAAAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAIHhhc3RyZWFtLTEHAgIA"),
                BrokerTransactions.base64Xid("11/28/26, 12:29:10 PM base64: AAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAJgAAAAEAAAAAAAAAAAAAAAAAAP__fwAAAQDrlfdrCsj0AAAAIHhhc3RyZWFtLTEHAgIA XidImpl (1777704299 bq:0.0"));
        assertEquals(Optional.empty(), BrokerTransactions.base64Xid("no xid here"));
    }
}

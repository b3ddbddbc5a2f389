package io.xastream.it;

import io.xastream.contract.MessageProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every validation rule: the record goes to the rejected stream, untouched, with its reason; no balance moves. */
@SystemTest
class ValidationIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void eachInvalidRecordIsRejectedWithItsReasonAndNothingIsApplied() throws Exception {
        Books.seed(List.of("A-V1", "A-V2"), new BigDecimal("100.00"));
        Books.seed(List.of("B-V1"), new BigDecimal("100.00"));
        String badTime = "{\"id\":\"v-time\",\"from\":\"A-V1\",\"to\":\"B-V1\",\"amount\":\"1.00\",\"eventTime\":\"yesterday\"}";
        String noAmount = "{\"id\":\"v-missing\",\"from\":\"A-V1\",\"to\":\"B-V1\",\"eventTime\":\"2026-11-27T12:00:00Z\"}";
        String malformed = "{\"id\":\"v-malformed\",\"from\":\"A-V1\",";
        // Record → the reason it must be rejected with.
        Map<Map.Entry<String, String>, String> cases = new HashMap<>();
        cases.put(raw(null, malformed), "MALFORMED");
        cases.put(raw("v-missing", noAmount), "MISSING_FIELD");
        cases.put(Transfers.record("v-zero", "A-V1", "B-V1", "0.00"), "INVALID_AMOUNT");
        cases.put(Transfers.record("v-negative", "A-V1", "B-V1", "-5.00"), "INVALID_AMOUNT");
        cases.put(Transfers.record("v-precise", "A-V1", "B-V1", "1.005"), "INVALID_AMOUNT");
        cases.put(Transfers.record("v-unknown", "A-V1", "B-V404", "1.00"), "UNKNOWN_ACCOUNT");
        cases.put(Transfers.record("v-noledger", "C-V1", "B-V1", "1.00"), "UNKNOWN_ACCOUNT");
        cases.put(Transfers.record("v-same", "A-V1", "A-V1", "1.00"), "SAME_ACCOUNT");
        cases.put(Transfers.record("v-funds", "A-V2", "B-V1", "100.01"), "INSUFFICIENT_FUNDS");
        cases.put(raw("v-time", badTime), "INVALID_EVENT_TIME");
        cases.put(Transfers.record("v bad id!", "A-V1", "B-V1", "1.00"), "INVALID_ID");

        try (Broker broker = new Broker()) {
            broker.send(List.copyOf(cases.keySet()));
            // One valid record behind them: rejections must not hold the stream up.
            broker.send(List.of(Transfers.record("v-ok", "A-V2", "B-V1", "100.00")));
            assertTrue(Books.awaitOutcomes("v-ok", 1, Duration.ofMinutes(1)) == 1, "v-ok settled");

            // Its own rejections only: ids of this test (the invalid one included), or none where the
            // record's id could not be read; other tests' rejections stay on the queue.
            String own = "xastream_record_id IS NULL OR xastream_record_id LIKE 'v-%' OR xastream_record_id = 'v bad id!'";
            List<Message> rejected = broker.await(Broker.REJECTED, own, cases.size(), Duration.ofSeconds(60));
            Map<String, Message> byBody = new HashMap<>();
            for (Message m : rejected) {
                byBody.put(((TextMessage) m).getText(), m);
            }
            for (Map.Entry<Map.Entry<String, String>, String> c : cases.entrySet()) {
                Message m = byBody.get(c.getKey().getValue());
                assertNotNull(m, "no rejected message with the original body of " + c.getKey().getValue());
                assertEquals(c.getValue(), m.getStringProperty(MessageProperties.REASON), c.getKey().getValue());
                assertTrue(!m.getStringProperty(MessageProperties.REASON_DETAIL).isBlank());
            }
        }

        // The outcome log says the same, with the record id where it could be read.
        Map<String, List<String>> outcomes = Books.outcomes("v-");
        assertEquals(List.of("REJECTED:INSUFFICIENT_FUNDS"), outcomes.get("v-funds"));
        assertEquals(List.of("REJECTED:MISSING_FIELD"), outcomes.get("v-missing"));
        assertEquals(List.of("REJECTED:SAME_ACCOUNT"), outcomes.get("v-same"));
        assertEquals(List.of("SETTLED"), outcomes.get("v-ok"));

        // Only v-ok moved money.
        assertEquals(List.of("v-ok"), List.copyOf(Books.entriesByRecord("v-").keySet()));
        assertEquals(new BigDecimal("100.00"), Books.balance("A-V1"));
        assertEquals(new BigDecimal("0.00"), Books.balance("A-V2"));
        assertEquals(new BigDecimal("200.00"), Books.balance("B-V1"));
    }

    /**
     * A transfer dated 9999-12-31 once moved its account's window clock there, and every later record
     * of the account was rejected as late. Now it is rejected with its own reason, and the account's
     * ordinary records after it settle and count in their windows.
     */
    @Test
    void aRecordFromTheFarFutureIsRejectedAndItsAccountsLaterRecordsStillCount() throws Exception {
        Books.seed(List.of("A-VF1"), new BigDecimal("100.00"));
        Books.seed(List.of("B-VF1"), new BigDecimal("100.00"));
        List<Map.Entry<String, String>> records = new ArrayList<>();
        records.add(raw("vf-future", Transfers.json("vf-future", "A-VF1", "B-VF1", "1.00", "9999-12-31T23:59:59Z")));
        for (int i = 1; i <= 3; i++) {
            records.add(raw("vf-ok" + i, Transfers.json("vf-ok" + i, "A-VF1", "B-VF1", "1.00", "2026-11-27T12:0" + i + ":00Z")));
        }
        try (Broker broker = new Broker()) {
            broker.send(records);
            assertEquals(4, Books.awaitOutcomes("vf-", 4, Duration.ofMinutes(1)), "every record has its outcome");
            List<Message> future = broker.await(Broker.REJECTED, "xastream_record_id = 'vf-future'", 1, Duration.ofSeconds(60));
            assertEquals("FUTURE_EVENT_TIME", future.get(0).getStringProperty(MessageProperties.REASON));
            Books.awaitAggregated("vf-ok", 3);
            assertTrue(broker.drain(Broker.REJECTED, "xastream_record_id LIKE 'vf-ok%'", Duration.ofSeconds(2), Duration.ofSeconds(5))
                    .isEmpty(), "no later record of the account rejected (as late)");
        }
        Map<String, List<String>> outcomes = Books.outcomes("vf-");
        assertEquals(List.of("REJECTED:FUTURE_EVENT_TIME"), outcomes.get("vf-future"));
        for (int i = 1; i <= 3; i++) {
            assertEquals(List.of("SETTLED"), outcomes.get("vf-ok" + i));
        }
        assertEquals(3, Books.count(LedgerStack.ledgerA(),
                "SELECT COALESCE(SUM(record_count), 0) FROM account_window WHERE account_id = 'A-VF1'"), "counted in their windows");
        assertEquals(new BigDecimal("97.00"), Books.balance("A-VF1"));
    }

    /**
     * Bad records of every kind, all paid by one account and each sent with its id as
     * xastream_record_id, then good records of that account: each bad one is rejected on its first
     * delivery with its reason and traceable by the sender's id (also when the body has no readable
     * id), none is dead-lettered, and the account's good records behind them settle without the
     * delay of a fault (five deliveries, about 15 s each).
     */
    @Test
    void aCorpusOfBadRecordsIsRejectedTheFirstTimeEachTraceableWhileTheAccountsRecordsSettle() throws Exception {
        Books.seed(List.of("A-VC1"), new BigDecimal("100.00"));
        Books.seed(List.of("B-VC1"), new BigDecimal("100.00"));
        String time = "\"eventTime\":\"2026-11-27T12:00:00Z\"";
        Map<String, String[]> corpus = new java.util.LinkedHashMap<>();
        corpus.put("vc-01", new String[]{"{\"id\":\"vc-01\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1e3\"," + time + "}", "INVALID_AMOUNT"});
        corpus.put("vc-02", new String[]{"{\"id\":\"vc-02\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\" 1.00\"," + time + "}", "INVALID_AMOUNT"});
        corpus.put("vc-03", new String[]{"{\"id\":\"vc-03\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"01.00\"," + time + "}", "INVALID_AMOUNT"});
        corpus.put("vc-04", new String[]{"{\"id\":\"vc-04\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\",\"amount\":\"90.00\"," + time + "}", "DUPLICATE_KEY"});
        corpus.put("vc-05", new String[]{"{\"id\":\"vc-05\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\"," + time + "} {}", "MALFORMED"});
        corpus.put("vc-06", new String[]{"{\"id\":\"vc-06\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\",\"eventTime\":\"2026-11-27T13:00:00+01:00\"}", "INVALID_EVENT_TIME"});
        corpus.put("vc-07", new String[]{"{\"id\":\"vc-07\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\",\"eventTime\":\"1000-01-01T00:00:00Z\"}", "INVALID_EVENT_TIME"});
        corpus.put("vc-08", new String[]{"{\"id\":\"vc-08\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\",\"eventTime\":\"0001-01-01T00:00:00Z\"}", "INVALID_EVENT_TIME"});
        corpus.put("vc-09", new String[]{"{\"id\":\"vc-09\",\"from\":\"A-VC1\",\"to\":\"B-VC1\\u0000\",\"amount\":\"1.00\"," + time + "}", "UNKNOWN_ACCOUNT"});
        corpus.put("vc-10", new String[]{"{\"id\":\"vc-10\\u0000\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\"," + time + "}", "INVALID_ID"});
        corpus.put("vc-11", new String[]{"{\"id\":11,\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\"," + time + "}", "INVALID_ID"});
        corpus.put("vc-12", new String[]{"{\"id\":\"vc-12\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\",\"currency\":\"XYZ\"," + time + "}", "UNKNOWN_FIELD"});
        corpus.put("vc-13", new String[]{"{\"id\":\"vc-13\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\"," + time + ",\"junk\":" + "[".repeat(5_000) + "}", "TOO_DEEP"});
        corpus.put("vc-14", new String[]{"{\"id\":\"vc-14\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\"," + time + ",\"pad\":\"" + "x".repeat(200_000) + "\"}", "TOO_LARGE"});
        corpus.put("vc-15", new String[]{"\uFEFF{\"id\":\"vc-15\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\"," + time + "}", "MALFORMED"});
        corpus.put("vc-16", new String[]{"{\"id\":\"vc-16\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":true," + time + "}", "INVALID_AMOUNT"});
        corpus.put("vc-17", new String[]{"{\"id\":\"vc-17\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\",\"eventTime\":1764244800000}", "INVALID_EVENT_TIME"});
        corpus.put("vc-18", new String[]{"{\"id\":\"vc-18\",\"from\":\"A-VC1\",\"to\":\"A-VC1\",\"amount\":\"1.00\"," + time + "}", "SAME_ACCOUNT"});
        corpus.put("vc-19", new String[]{"{\"id\":\"vc-19\",\"from\":\"A-VC1\",\"to\":\"B-vc1\",\"amount\":\"1.00\"," + time + "}", "UNKNOWN_ACCOUNT"});
        corpus.put("vc-20", new String[]{"{\"id\":\"vc-20\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\",\"eventTime\":\"2026-11-27T12:00:00.123456789Z\"}", "INVALID_EVENT_TIME"});
        corpus.put("vc-21", new String[]{"{\"id\":\"vc-21\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\",\"eventTime\":\"2026-12-31T23:59:60Z\"}", "INVALID_EVENT_TIME"});
        corpus.put("vc-22", new String[]{"{\"id\":\"vc-22\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":null," + time + "}", "MISSING_FIELD"});
        corpus.put("vc-23", new String[]{"[{\"id\":\"vc-23\"}]", "MALFORMED"});
        corpus.put("vc-24", new String[]{"{\"id\":\"vc-24\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\\ud800\"," + time + "}", "INVALID_AMOUNT"});
        corpus.put("vc-25", new String[]{"{\"id\":\"vc-25\",\"from\":\"A-VC1\",\"to\":\"B-VC1\",\"amount\":\"1.00\",\"eventTime\":\"2026-11-27T12:00:00Z\\u0000\"}", "INVALID_EVENT_TIME"});
        List<Map.Entry<String, String>> records = new ArrayList<>();
        corpus.forEach((id, c) -> records.add(raw(id, c[0])));
        for (int i = 1; i <= 3; i++) {
            records.add(Transfers.record("vc-ok" + i, "A-VC1", "B-VC1", "1.00"));
        }
        try (Broker broker = new Broker()) {
            broker.send(records);
            assertEquals(3, Books.awaitOutcomes("vc-ok", 3, Duration.ofSeconds(30)), "the account's good records settle behind the bad ones");
            Map<String, Message> byId = byRecordId(broker.await(Broker.REJECTED, "xastream_record_id LIKE 'vc-%'", corpus.size(), Duration.ofSeconds(60)));
            for (Map.Entry<String, String[]> c : corpus.entrySet()) {
                Message m = byId.get(c.getKey());
                assertNotNull(m, "no rejected message traced by " + c.getKey());
                assertEquals(c.getValue()[1], m.getStringProperty(MessageProperties.REASON), c.getKey() + ": " + m.getStringProperty(MessageProperties.REASON_DETAIL));
                assertEquals(c.getValue()[0], ((TextMessage) m).getText(), "the original body");
            }
            assertEquals(0, broker.count(Broker.DEAD_LETTER, "xastream_record_id LIKE 'vc-%'"), "nothing dead-lettered");
        }
        Map<String, List<String>> outcomes = Books.outcomes("vc-");
        for (Map.Entry<String, String[]> c : corpus.entrySet()) {
            assertEquals(List.of("REJECTED:" + c.getValue()[1]), outcomes.get(c.getKey()), c.getKey());
        }
        assertEquals(0, Books.count(LedgerStack.ledgerA(),
                "SELECT COUNT(*) FROM record_outcome WHERE record_id LIKE 'vc-%' AND delivery_attempt <> 1"), "each on its first delivery");
        assertEquals(new BigDecimal("97.00"), Books.balance("A-VC1"));
        assertEquals(new BigDecimal("103.00"), Books.balance("B-VC1"));
    }

    /**
     * Messages that are not a record's text: bytes that are not UTF-8 (passed on to the rejected
     * stream as they came), an object and a map message. Each is rejected as NOT_TEXT, traced by
     * its sender's id; a record sent as UTF-8 bytes settles, as does the account's text record after them.
     */
    @Test
    void messagesWithoutTextAreRejectedAsNotTextAndUtf8BytesAreARecord() throws Exception {
        Books.seed(List.of("A-VN1"), new BigDecimal("100.00"));
        Books.seed(List.of("B-VN1"), new BigDecimal("100.00"));
        byte[] latin1 = Transfers.json("vn-latin1", "A-VN1", "B-VN\u00e9", "1.00").getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf8 = Transfers.json("vn-bytes", "A-VN1", "B-VN1", "1.00").getBytes(StandardCharsets.UTF_8);
        try (Broker broker = new Broker()) {
            broker.sendMade(List.of(
                    session -> grouped(bytes(session, latin1), "vn-latin1"),
                    session -> grouped(session.createObjectMessage("{\"id\":\"vn-object\"}"), "vn-object"),
                    session -> {
                        MapMessage map = session.createMapMessage();
                        map.setString("id", "vn-map");
                        return grouped(map, "vn-map");
                    },
                    session -> grouped(bytes(session, utf8), "vn-bytes")));
            broker.send(List.of(Transfers.record("vn-text", "A-VN1", "B-VN1", "1.00")));
            assertEquals(2, Books.awaitOutcomes("vn-text", 1, Duration.ofSeconds(30)) + Books.awaitOutcomes("vn-bytes", 1, Duration.ofSeconds(30)));

            Map<String, Message> byId = byRecordId(broker.await(Broker.REJECTED, "xastream_record_id LIKE 'vn-%'", 3, Duration.ofSeconds(60)));
            assertEquals(java.util.Set.of("vn-latin1", "vn-object", "vn-map"), byId.keySet());
            for (Message m : byId.values()) {
                assertEquals("NOT_TEXT", m.getStringProperty(MessageProperties.REASON), m.getStringProperty(MessageProperties.REASON_DETAIL));
            }
            BytesMessage passedOn = (BytesMessage) byId.get("vn-latin1");
            byte[] body = new byte[(int) passedOn.getBodyLength()];
            passedOn.readBytes(body);
            assertArrayEquals(latin1, body, "the bytes as they came");
        }
        Map<String, List<String>> outcomes = Books.outcomes("vn-");
        assertEquals(List.of("REJECTED:NOT_TEXT"), outcomes.get("vn-latin1"));
        assertEquals(List.of("REJECTED:NOT_TEXT"), outcomes.get("vn-object"));
        assertEquals(List.of("SETTLED"), outcomes.get("vn-bytes"));
        assertEquals(List.of("SETTLED"), outcomes.get("vn-text"));
        assertEquals(new BigDecimal("98.00"), Books.balance("A-VN1"));
    }

    /** The earliest event time and one to the microsecond are stored as sent, in both ledgers. */
    @Test
    void anEventTimeIsStoredExactlyAsSentInBothLedgers() throws Exception {
        Books.seed(List.of("A-VT1"), new BigDecimal("100.00"));
        Books.seed(List.of("B-VT1"), new BigDecimal("100.00"));
        List<String> times = List.of("1970-01-01T00:00:00.000001Z", "2026-11-27T12:00:00.123456Z");
        try (Broker broker = new Broker()) {
            broker.send(List.of(
                    raw("vt-1", Transfers.json("vt-1", "A-VT1", "B-VT1", "1.00", times.get(0))),
                    raw("vt-2", Transfers.json("vt-2", "A-VT1", "B-VT1", "1.00", times.get(1)))));
            assertEquals(2, Books.awaitOutcomes("vt-", 2, Duration.ofMinutes(1)));
        }
        assertEquals(List.of("SETTLED"), Books.outcomes("vt-").get("vt-1"));
        for (int i = 0; i < times.size(); i++) {
            String id = "vt-" + (i + 1);
            assertEquals(times.get(i), Books.rows(LedgerStack.ledgerA(), "SELECT to_char(event_time AT TIME ZONE 'UTC', "
                    + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM ledger_entry WHERE record_id = ?", id).get(0).get("1"), "ledger A, " + id);
            assertEquals(times.get(i), Books.rows(LedgerStack.ledgerB(), "SELECT DATE_FORMAT(event_time, '%Y-%m-%dT%H:%i:%s.%fZ') "
                    + "FROM ledger_entry WHERE record_id = ?", id).get(0).get("1"), "ledger B, " + id);
        }
    }

    private static Map<String, Message> byRecordId(List<Message> messages) throws JMSException {
        Map<String, Message> byId = new HashMap<>();
        for (Message m : messages) {
            byId.put(m.getStringProperty(MessageProperties.RECORD_ID), m);
        }
        return byId;
    }

    private static BytesMessage bytes(Session session, byte[] content) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(content);
        return message;
    }

    /** With the sender's id and the paying account's group, as the feeder sends a record. */
    private static Message grouped(Message message, String id) throws JMSException {
        message.setStringProperty(MessageProperties.RECORD_ID, id);
        message.setStringProperty(MessageProperties.KEY, "A-VN1");
        return message;
    }

    private static Map.Entry<String, String> raw(String id, String body) {
        return new AbstractMap.SimpleImmutableEntry<>(id, body);
    }
}

package io.xastream.it;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

            List<Message> rejected = broker.await(Broker.REJECTED, null, cases.size(), Duration.ofSeconds(60));
            Map<String, Message> byBody = new HashMap<>();
            for (Message m : rejected) {
                byBody.put(((TextMessage) m).getText(), m);
            }
            for (Map.Entry<Map.Entry<String, String>, String> c : cases.entrySet()) {
                Message m = byBody.get(c.getKey().getValue());
                assertNotNull(m, "no rejected message with the original body of " + c.getKey().getValue());
                assertEquals(c.getValue(), m.getStringProperty("xastream_reason"), c.getKey().getValue());
                assertTrue(!m.getStringProperty("xastream_reason_detail").isBlank());
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
            assertEquals("FUTURE_EVENT_TIME", future.get(0).getStringProperty("xastream_reason"));
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

    private static Map.Entry<String, String> raw(String id, String body) {
        return new AbstractMap.SimpleImmutableEntry<>(id, body);
    }
}

package io.xastream.it.crash;

import io.xastream.contract.MessageProperties;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import jakarta.jms.Message;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every failure test demands of a batch of valid transfers once the dust has settled. */
final class ExactlyOnce {

    private ExactlyOnce() {
    }

    /**
     * One SETTLED outcome per record and no other, two ledger entries each, every balance its
     * opening plus its entries with Σ unchanged, each account's debits booked in the order their
     * records were sent, and exactly one settled event per record.
     */
    static void assertApplied(String prefix, List<Map.Entry<String, String>> records, List<String> accountsA,
                              List<String> accountsB, BigDecimal opening, int httpPort) throws Exception {
        try (Broker broker = new Broker(httpPort)) {
            assertApplied(prefix, records, accountsA, accountsB, opening, broker);
        }
    }

    /** As above, with the settled events read from the given broker. */
    static void assertApplied(String prefix, List<Map.Entry<String, String>> records, List<String> accountsA,
                              List<String> accountsB, BigDecimal opening, Broker broker) throws Exception {
        assertAppliedOnce(prefix, records, accountsA, accountsB, opening, broker);
        List<String> accounts = new ArrayList<>(accountsA);
        accounts.addAll(accountsB);
        Books.assertDebitsInSendOrder(accounts, records);
    }

    /** All of {@link #assertApplied} but the order of each account's debits. */
    static void assertAppliedOnce(String prefix, List<Map.Entry<String, String>> records, List<String> accountsA,
                                  List<String> accountsB, BigDecimal opening, Broker broker) throws Exception {
        Map<String, List<String>> outcomes = Books.outcomes(prefix);
        Map<String, List<String>> entries = Books.entriesByRecord(prefix);
        assertEquals(records.size(), outcomes.size(), "records with an outcome");
        for (Map.Entry<String, String> record : records) {
            assertEquals(List.of("SETTLED"), outcomes.get(record.getKey()), record.getKey());
            assertEquals(2, entries.get(record.getKey()).size(), record.getKey());
        }
        List<String> accounts = new ArrayList<>(accountsA);
        accounts.addAll(accountsB);
        Books.assertBalanced(accounts, opening, prefix);
        List<Message> settled = broker.await(Broker.SETTLED, "xastream_record_id LIKE '" + prefix + "%'",
                records.size(), Duration.ofSeconds(60));
        Set<String> ids = new HashSet<>();
        for (Message m : settled) {
            ids.add(m.getStringProperty(MessageProperties.RECORD_ID));
        }
        assertEquals(records.size(), settled.size(), "settled events");
        assertEquals(records.size(), ids.size(), "distinct settled events");
    }
}

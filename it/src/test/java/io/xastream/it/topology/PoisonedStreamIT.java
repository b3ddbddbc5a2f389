package io.xastream.it.topology;

import io.xastream.contract.MessageProperties;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.Deployments;
import io.xastream.it.SystemTest;
import io.xastream.it.Transfers;
import jakarta.jms.Message;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many poisoned records spread through a stream. In epochs every poison rolls back the records that
 * share its epoch, and their redeliveries can land, again and again, in other epochs that hold a
 * poison: the broker counts each of those rollbacks as an attempt. Only the poisoned records may run
 * out of attempts (DeliveryAttempts charges a record only the failures that may have been its own):
 * every healthy record settles exactly once, in its account's order, and the dead-letter queue holds
 * the poisons and nothing else.
 */
@SystemTest
class PoisonedStreamIT {

    private static final BigDecimal OPENING = new BigDecimal("10000.00");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void onlyThePoisonedRecordsAreDeadLetteredAndEveryHealthyOneSettlesOnce() throws Exception {
        List<String> a = Transfers.accounts("A", "PS", 8);
        List<String> b = Transfers.accounts("B", "PS", 8);
        Books.seed(a, OPENING);
        Books.seed(b, OPENING);
        List<String> payers = new ArrayList<>(a);
        payers.addAll(b);
        // Round robin over 16 payers, 12 records each; every seventh record is a poison
        // (xastream.fault.fail-after-writes matches "fault-": arquillian.xml), one or two per payer.
        // Each poison takes its five attempts with the retry pauses between them (16.5 s) while its
        // payer's later records wait behind it.
        List<Map.Entry<String, String>> healthy = new ArrayList<>();
        List<Map.Entry<String, String>> stream = new ArrayList<>();
        TreeSet<String> poisons = new TreeSet<>();
        int n = 0;
        for (int round = 1; round <= 12; round++) {
            for (int p = 0; p < payers.size(); p++) {
                String payer = payers.get(p);
                String payee = payers.get((p + round) % payers.size());
                n++;
                if (n % 7 == 0) {
                    String id = String.format("fault-psn-%03d", n);
                    poisons.add(id);
                    stream.add(Transfers.record(id, payer, payee, "1.00"));
                } else {
                    Map.Entry<String, String> record = Transfers.record(String.format("psn-%03d", n), payer, payee, "1.00");
                    healthy.add(record);
                    stream.add(record);
                }
            }
        }

        try (Broker broker = new Broker(Deployments.httpPort())) {
            long started = System.nanoTime();
            broker.send(stream);
            List<Message> parked = broker.await(Broker.DEAD_LETTER, "xastream_record_id LIKE 'fault-psn-%'", poisons.size(),
                    Duration.ofMinutes(5));
            TreeSet<String> parkedIds = new TreeSet<>();
            for (Message message : parked) {
                parkedIds.add(message.getStringProperty(MessageProperties.RECORD_ID));
            }
            assertEquals(poisons, parkedIds, "the dead-lettered records: the poisons, each once");
            assertEquals(healthy.size(), Books.awaitOutcomes("psn-", healthy.size(), Duration.ofMinutes(2)), "healthy records settled");
            System.out.printf("poisoned stream: %d healthy records settled and %d poisons parked in %.1f s%n",
                    healthy.size(), poisons.size(), (System.nanoTime() - started) / 1e9);
            assertEquals(0, broker.count(Broker.DEAD_LETTER, "xastream_record_id LIKE 'psn-%'"), "healthy records dead-lettered");
        }
        Map<String, List<String>> outcomes = Books.outcomes("psn-");
        Map<String, List<String>> entries = Books.entriesByRecord("psn-");
        for (Map.Entry<String, String> record : healthy) {
            assertEquals(List.of("SETTLED"), outcomes.get(record.getKey()), "outcomes of " + record.getKey());
            assertEquals(2, entries.get(record.getKey()).size(), "entries of " + record.getKey());
        }
        Books.assertBalanced(payers, OPENING, "psn-");
        Books.assertDebitsInSendOrder(payers, healthy);
    }
}

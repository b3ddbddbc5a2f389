package io.xastream.it;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Transfer records for the tests, built as JSON text the way any producer would send them. */
public final class Transfers {

    private Transfers() {
    }

    public static String json(String id, String from, String to, String amount) {
        return json(id, from, to, amount, "2026-11-27T12:00:00Z");
    }

    public static String json(String id, String from, String to, String amount, String eventTime) {
        return "{\"id\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"amount\":\"" + amount + "\",\"eventTime\":\"" + eventTime + "\"}";
    }

    public static Map.Entry<String, String> record(String id, String from, String to, String amount) {
        return new AbstractMap.SimpleImmutableEntry<>(id, json(id, from, to, amount));
    }

    public static List<String> accounts(String ledger, String tag, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(String.format("%s-%s%03d", ledger, tag, i));
        }
        return ids;
    }

    /**
     * {@code count} valid transfers between the given accounts: every even one crosses ledgers,
     * every odd one stays inside ledger A or B. Amounts 0.01 to 20.00, reproducible from the seed.
     */
    public static List<Map.Entry<String, String>> generate(String idPrefix, int count, List<String> ledgerA,
                                                    List<String> ledgerB, long seed) {
        Random random = new Random(seed);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> fromLedger = random.nextBoolean() ? ledgerA : ledgerB;
            List<String> toLedger = i % 2 == 0 ? (fromLedger == ledgerA ? ledgerB : ledgerA) : fromLedger;
            String from = fromLedger.get(random.nextInt(fromLedger.size()));
            String to;
            do {
                to = toLedger.get(random.nextInt(toLedger.size()));
            } while (to.equals(from));
            String amount = BigDecimal.valueOf(1 + random.nextInt(2000), 2).toPlainString();
            records.add(record(String.format("%s%05d", idPrefix, i), from, to, amount));
        }
        return records;
    }

    /**
     * {@code count} transfers among the accounts, either ledger to either, one every 3 s of event
     * time (windows close as the stream goes); ids {@code prefix0000}…, reproducible.
     */
    public static List<Map.Entry<String, String>> timed(String prefix, List<String> a, List<String> b, int count) {
        Random random = new Random(11);
        Instant base = Instant.parse("2026-04-01T09:00:00Z");
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> fromLedger = random.nextBoolean() ? a : b;
            List<String> toLedger = random.nextBoolean() ? a : b;
            String from = fromLedger.get(random.nextInt(fromLedger.size()));
            String to;
            do {
                to = toLedger.get(random.nextInt(toLedger.size()));
            } while (to.equals(from));
            String id = String.format("%s%04d", prefix, i);
            String amount = BigDecimal.valueOf(1 + random.nextInt(5000), 2).toPlainString();
            records.add(new AbstractMap.SimpleImmutableEntry<>(id, json(id, from, to, amount, base.plusSeconds(3L * i).toString())));
        }
        return records;
    }
}

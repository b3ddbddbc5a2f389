package io.xastream.monitoring.control;

import io.xastream.broker.BrokerControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import javax.management.JMException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The broker's prepared transactions, through its management ({@link BrokerControl}). */
@ApplicationScoped
public class BrokerTransactions {

    /** Artemis describes a prepared transaction as "date base64: XID …"; its operations take that base64. */
    private static final Pattern BASE64 = Pattern.compile("base64: ?([A-Za-z0-9_=+/-]+)");
    private static final Pattern DETAILS_XID = Pattern.compile("\"xid_as_base64\"\\s*:\\s*\"([A-Za-z0-9_=+/-]+)\"");
    private static final Logger LOG = Logger.getLogger(BrokerTransactions.class.getName());

    @Inject
    BrokerControl broker;

    /** The broker's own description of each prepared transaction (its xid, encoded). */
    public List<String> prepared() throws JMException {
        return broker.preparedTransactions();
    }

    /**
     * The record ids in the messages the given prepared transactions (the broker's descriptions)
     * consumed or sent, by Narayana transaction id, or by the broker's base64 xid when the xid is not
     * Narayana's. Empty when the broker cannot say.
     */
    public Map<String, Set<String>> recordsByTransaction(List<String> descriptions) {
        if (descriptions.isEmpty()) {
            return Map.of();
        }
        Map<String, Set<String>> byXid = recordsByXid();
        Map<String, Set<String>> records = new HashMap<>();
        for (String description : descriptions) {
            base64Xid(description).ifPresent(xid -> records
                    .computeIfAbsent(Optional.ofNullable(Xids.narayanaTransaction(Xids.fromArtemisDescription(description))).orElse(xid),
                            k -> new TreeSet<>())
                    .addAll(byXid.getOrDefault(xid, Set.of())));
        }
        return records;
    }

    private Map<String, Set<String>> recordsByXid() {
        try {
            String json = broker.preparedTransactionDetailsJson();
            return json.isBlank() ? Map.of() : recordsByXid(json);
        } catch (JMException | RuntimeException e) {
            LOG.fine(() -> "prepared transaction details unreadable: " + e);
            return Map.of();
        }
    }

    static Map<String, Set<String>> recordsByXid(String json) {
        Map<String, Set<String>> records = new HashMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            for (JsonValue transaction : reader.readArray()) {
                String text = transaction.toString();
                Matcher xid = DETAILS_XID.matcher(text);
                if (xid.find()) {
                    records.put(xid.group(1), RecordIds.in(text));
                }
            }
        } catch (JsonException | IllegalStateException notAnArray) {
            LOG.fine(() -> "prepared transaction details not understood: " + notAnArray);
        }
        return records;
    }

    /** The base64 xid in the broker's description of a prepared transaction. */
    static Optional<String> base64Xid(String description) {
        Matcher m = BASE64.matcher(description);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Commits or rolls back one prepared transaction, named by the broker's own description. */
    public void finish(String description, boolean commit) throws JMException {
        String xid = base64Xid(description).orElseThrow(() ->
                new IllegalArgumentException("no base64 xid in the broker's description " + description));
        broker.finishPrepared(xid, commit);
    }
}

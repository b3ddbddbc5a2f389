package io.xastream.broker;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The message groups (ordering keys) of the messages the broker's prepared transactions consumed,
 * read from its description of them ({@link BrokerControl#preparedTransactionDetailsJson}). Such a
 * message is out of delivery until its transaction is resolved, and its group's later messages are
 * not: the broker hands them to whichever consumer the group is bound to. Messages a prepared
 * transaction sent hold nothing back: they are not on their queue yet.
 */
public final class HeldGroups {

    /** The group's property in the core description ({@code _AMQ_GROUP_ID}) and in the JMS one. */
    private static final Set<String> GROUP_PROPERTIES = Set.of("_AMQ_GROUP_ID", "JMSXGroupID");
    private static final String RECEIVE = "receive";

    private HeldGroups() {
    }

    /** The groups held, in order; none for an empty description. Unreadable text is an IllegalArgumentException. */
    public static Set<String> in(String preparedTransactionDetailsJson) {
        Set<String> groups = new TreeSet<>();
        byTransaction(preparedTransactionDetailsJson).values().forEach(groups::addAll);
        return groups;
    }

    /** The groups each prepared transaction holds, by its xid (base64); those that hold none are left out. */
    public static Map<String, Set<String>> byTransaction(String preparedTransactionDetailsJson) {
        Map<String, Set<String>> held = new TreeMap<>();
        if (preparedTransactionDetailsJson == null || preparedTransactionDetailsJson.isBlank()) {
            return held;
        }
        JsonArray transactions;
        try (var reader = Json.createReader(new StringReader(preparedTransactionDetailsJson))) {
            transactions = reader.readArray();
        } catch (JsonParsingException | ClassCastException | IllegalStateException e) {
            throw new IllegalArgumentException("not the broker's list of prepared transactions: " + e.getMessage(), e);
        }
        for (JsonValue transaction : transactions) {
            if (!(transaction instanceof JsonObject described)
                    || !(described.get("tx_related_messages") instanceof JsonArray messages)) {
                continue;
            }
            Set<String> groups = new TreeSet<>();
            for (JsonValue message : messages) {
                if (message instanceof JsonObject m && m.getString("message_operation_type", "").contains(RECEIVE)
                        && m.get("message_properties") instanceof JsonObject properties) {
                    for (String property : GROUP_PROPERTIES) {
                        if (properties.get(property) instanceof JsonString group) {
                            groups.add(group.getString());
                        }
                    }
                }
            }
            if (!groups.isEmpty()) {
                held.put(described.getString("xid_as_base64", "#" + held.size()), groups);
            }
        }
        return held;
    }
}

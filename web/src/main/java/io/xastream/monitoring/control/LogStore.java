package io.xastream.monitoring.control;

import io.xastream.broker.ManagementAttributes;
import io.xastream.monitoring.entity.LoggedTransaction;
import io.xastream.monitoring.entity.LoggedTransaction.Participant;
import jakarta.enterprise.context.ApplicationScoped;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Narayana's transaction log store, read through its object store browser MBean
 * ({@code jboss.jta:type=ObjectStore}, registered by WildFly at boot). The management model's
 * {@code log-store:probe} cannot show these transactions: both Artemis branches carry the JNDI name
 * java:/JmsXA and the model refuses the duplicate (WFLYCTL0075). The MBeans have no such limit.
 * <p>
 * {@code probe} rebuilds every transaction MBean, so reads are serialised here, and a name that
 * disappears between the query and the read (another probe, recovery finishing it) is skipped.
 */
@ApplicationScoped
public class LogStore {

    static final ObjectName BROWSER = ManagementAttributes.objectName("jboss.jta:type=ObjectStore");
    static final ObjectName ENTRIES = ManagementAttributes.objectName("jboss.jta:type=ObjectStore,*");
    private static final String[] PARTICIPANT_ATTRIBUTES = {"Status", "JndiName", "EisProductName", "FormatId",
            "GlobalTransactionId", "BranchQualifier"};

    private final MBeanServer server;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();

    public LogStore() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    LogStore(MBeanServer server) {
        this.server = server;
    }

    /** Where the default file store keeps top-level transactions (jboss.server.data.dir relative). */
    static final long SETTLE_MILLIS = 3_000;

    static final String ATOMIC_ACTIONS = "tx-object-store/ShadowNoFileLockStore/defaultStore/StateManager"
            + "/BasicAction/TwoPhaseCoordinator/AtomicAction";

    /** Every transaction in the log store, oldest first, without records (see LoggedTransaction). */
    public synchronized List<LoggedTransaction> transactions() throws JMException {
        if (holdsNoTransaction()) {
            return List.of();
        }
        server.invoke(BROWSER, "probe", new Object[0], new String[0]);
        List<ObjectName> transactions = new ArrayList<>();
        for (ObjectName name : server.queryNames(ENTRIES, null)) {
            if (name.getKeyProperty("uid") == null) {
                continue; // the browser itself
            }
            if (name.getKeyProperty("puid") == null) {
                transactions.add(name);
            }
        }
        List<LoggedTransaction> result = new ArrayList<>();
        for (ObjectName transaction : transactions) {
            try {
                Map<String, Object> v = ManagementAttributes.asMap(
                        server.getAttributes(transaction, new String[]{"Id", "Type", "AgeInSeconds"}));
                result.add(new LoggedTransaction(String.valueOf(v.get("Id")), String.valueOf(v.get("Type")),
                        v.get("AgeInSeconds") instanceof Number age ? age.longValue() : -1,
                        participantsOf(transaction), List.of()));
            } catch (InstanceNotFoundException finishedMeanwhile) {
                // recovery completed it between the query and the read
            }
        }
        result.sort(Comparator.comparingLong(LoggedTransaction::ageSeconds).reversed());
        return result;
    }

    /**
     * Removes one transaction's record from the log store (Narayana's ActionBean.remove). Only for a
     * record an operator has dealt with: recovery never finishes a heuristic outcome by itself.
     *
     * @return false when the store holds no such transaction
     */
    public synchronized boolean remove(String transactionId) throws JMException {
        server.invoke(BROWSER, "probe", new Object[0], new String[0]);
        for (ObjectName name : server.queryNames(ENTRIES, null)) {
            if (name.getKeyProperty("uid") != null && name.getKeyProperty("puid") == null
                    && transactionId.equals(String.valueOf(server.getAttribute(name, "Id")))) {
                server.invoke(name, "remove", new Object[0], new String[0]);
                return true;
            }
        }
        return false;
    }

    /**
     * Every commit writes its decision to the store and removes it a few milliseconds later, so
     * under load the store is rarely empty. A probe then races those removals and Narayana logs a
     * warning for every record it cannot rebuild (ARJUNA012087, ARJUNA016037, ARJUNA012035). So the
     * store is probed only once one of its records has been there for {@link #SETTLE_MILLIS}, as seen
     * by earlier reads (file times do not tell: recovery rewrites a heuristic record on every pass).
     * A healthy store is answered from the directory; a store elsewhere is always probed.
     */
    private boolean holdsNoTransaction() {
        String dataDir = System.getProperty("jboss.server.data.dir");
        if (dataDir == null) {
            return false;
        }
        String[] records = Path.of(dataDir, ATOMIC_ACTIONS).toFile().list();
        if (records == null) {
            return false;
        }
        long now = System.currentTimeMillis();
        firstSeen.keySet().retainAll(Set.of(records));
        boolean settled = false;
        for (String record : records) {
            settled |= now - firstSeen.computeIfAbsent(record, r -> now) >= SETTLE_MILLIS;
        }
        return !settled;
    }

    private List<Participant> participantsOf(ObjectName transaction) throws JMException {
        ObjectName pattern = new ObjectName(transaction.getCanonicalName() + ",puid=*");
        List<Participant> list = new ArrayList<>();
        for (ObjectName name : server.queryNames(pattern, null)) {
            try {
                // Non-XA records lack the XA attributes; getAttributes leaves those out.
                Map<String, Object> v = ManagementAttributes.asMap(server.getAttributes(name, PARTICIPANT_ATTRIBUTES));
                list.add(new Participant(string(v.get("Status")), string(v.get("JndiName")),
                        string(v.get("EisProductName")), xid(v)));
            } catch (InstanceNotFoundException finishedMeanwhile) {
                // as above
            }
        }
        return list;
    }

    /** formatId:gtrid:bqual, both ids in hex: the form that matches a database's own listing. */
    static String xid(Map<String, Object> v) {
        // A participant restored from the log without its resource (a heuristic one) reports an empty xid.
        if (!(v.get("GlobalTransactionId") instanceof byte[] gtrid) || !(v.get("BranchQualifier") instanceof byte[] bqual)
                || gtrid.length == 0) {
            return null;
        }
        HexFormat hex = HexFormat.of();
        return v.get("FormatId") + ":" + hex.formatHex(gtrid) + ":" + hex.formatHex(bqual);
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}

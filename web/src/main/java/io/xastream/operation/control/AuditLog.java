package io.xastream.operation.control;

import io.xastream.api.Printable;
import io.xastream.monitoring.control.LedgerReader;
import io.xastream.operation.entity.ActionResult;
import io.xastream.operation.entity.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import java.util.ArrayList;
import java.util.List;

/**
 * Who did what, when, and how it ended: table operator_action in ledger A (created by the ejb
 * module's OperatorAction entity). Written with SQL, so the dashboard needs no entity classes.
 */
@ApplicationScoped
public class AuditLog {

    static final String INSERT = """
            insert into operator_action (actor, action, target, outcome, detail, acted_at)
            values (?1, ?2, ?3, ?4, ?5, current_timestamp)""";

    @PersistenceContext(unitName = "ledgerA")
    EntityManager ledgerA;

    /** In the caller's transaction: the entry commits if and only if the action does. */
    @Transactional(TxType.MANDATORY)
    public void recordWithAction(String actor, ActionResult result) {
        insert(actor, result);
    }

    /** For an action that failed or did nothing: its entry must survive the action's rollback. */
    @Transactional(TxType.REQUIRES_NEW)
    public void recordAlone(String actor, ActionResult result) {
        insert(actor, result);
    }

    private void insert(String actor, ActionResult result) {
        ledgerA.createNativeQuery(INSERT)
                .setParameter(1, stored(actor, 64))
                .setParameter(2, stored(result.action(), 32))
                .setParameter(3, stored(result.target(), 200))
                .setParameter(4, result.outcome())
                .setParameter(5, stored(result.detail(), 500))
                .executeUpdate();
    }

    /**
     * Refused actions are audited with what the client sent, which may hold a NUL (PostgreSQL
     * refuses it in text) or be far too long: escaped, then cut to the column's length.
     */
    static String stored(String text, int length) {
        return truncate(Printable.escape(text), length);
    }

    /** The latest entries, newest first. Outside a transaction, like every dashboard read. */
    @Transactional(TxType.NOT_SUPPORTED)
    @SuppressWarnings("unchecked")
    public List<AuditEntry> latest(int limit) {
        List<Object[]> rows = ledgerA.createNativeQuery("""
                        select id, actor, action, target, outcome, detail, acted_at
                        from operator_action order by id desc""")
                .setMaxResults(limit)
                .getResultList();
        List<AuditEntry> entries = new ArrayList<>();
        for (Object[] row : rows) {
            entries.add(new AuditEntry(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                    (String) row[4], (String) row[5], LedgerReader.instant(row[6])));
        }
        return entries;
    }

    static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}

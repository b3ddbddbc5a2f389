package io.xastream.operation.control;

import io.xastream.monitoring.control.BrokerTransactions;
import io.xastream.monitoring.control.InDoubtReader;
import io.xastream.monitoring.control.LogStore;
import io.xastream.monitoring.entity.InDoubt;
import io.xastream.monitoring.entity.LoggedTransaction;
import io.xastream.monitoring.entity.PreparedBranch;
import io.xastream.operation.entity.ActionResult;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import javax.management.JMException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * What an operator may do by hand about what is in doubt, and only where recovery cannot:
 * forget a heuristic outcome once the books are repaired, and commit or roll back an orphaned
 * branch (one whose transaction the log store does not hold: recovery leaves foreign branches
 * alone). A branch whose transaction is in the log store is refused: a recovery pass finishes it
 * the way the coordinator decided, and a hand-made decision could contradict it.
 * <p>
 * Everything acts on what the in-doubt view shows at that moment, never on a name taken on trust:
 * the SQL below only ever contains a name the database itself has just listed, and only one of its
 * resource's form (BranchNames), checked before anything else.
 */
@ApplicationScoped
@Transactional(TxType.NOT_SUPPORTED)
public class InDoubtResolution {

    public static final List<String> RESOURCES = List.of("postgres", "mariadb", "artemis");

    @Inject
    InDoubtReader inDoubt;

    @Inject
    LogStore logStore;

    @Inject
    BrokerTransactions broker;

    @Resource(lookup = "java:jboss/datasources/ledgerA")
    DataSource ledgerA;

    @Resource(lookup = "java:jboss/datasources/ledgerB")
    DataSource ledgerB;

    public ActionResult forget(String transactionId) throws JMException {
        String target = "log store/" + transactionId;
        Optional<String> malformed = BranchNames.transactionRefusal(transactionId);
        if (malformed.isPresent()) {
            return new ActionResult("forget", target, ActionResult.INVALID, malformed.get());
        }
        Optional<LoggedTransaction> logged = inDoubt.read().logStore().stream()
                .filter(t -> t.id().equals(transactionId)).findFirst();
        if (logged.isEmpty()) {
            return new ActionResult("forget", target, ActionResult.NOT_FOUND, "no such transaction in the log store");
        }
        if (!logged.get().heuristic()) {
            return new ActionResult("forget", target, ActionResult.REFUSED,
                    "no heuristic participant: recovery finishes it as the log decided; run a recovery pass instead");
        }
        return logStore.remove(transactionId)
                ? new ActionResult("forget", target, ActionResult.DONE, "removed from the log store; records "
                + logged.get().records())
                : new ActionResult("forget", target, ActionResult.NOT_FOUND, "no such transaction in the log store");
    }

    public ActionResult finish(String resource, String name, boolean commit) throws JMException, SQLException {
        String action = commit ? "commit" : "rollback";
        String target = resource + "/" + name;
        Optional<String> malformed = BranchNames.refusal(resource, name);
        if (malformed.isPresent()) {
            return new ActionResult(action, target, ActionResult.INVALID, malformed.get());
        }
        InDoubt view = inDoubt.read();
        Optional<PreparedBranch> branch = branchesOf(view, resource).stream().filter(b -> b.name().equals(name)).findFirst();
        if (branch.isEmpty()) {
            return new ActionResult(action, target, ActionResult.NOT_FOUND, "no such prepared branch in " + resource);
        }
        String transaction = branch.get().transaction();
        if (transaction != null && view.logStore().stream().anyMatch(t -> t.id().equals(transaction))) {
            return new ActionResult(action, target, ActionResult.REFUSED, "its transaction " + transaction
                    + " is in the log store: a recovery pass finishes it as the coordinator decided");
        }
        switch (resource) {
            case "postgres" -> execute(ledgerA, (commit ? "COMMIT PREPARED '" : "ROLLBACK PREPARED '") + name.replace("'", "''") + "'");
            case "mariadb" -> execute(ledgerB, (commit ? "XA COMMIT " : "XA ROLLBACK ") + name);
            default -> broker.finish(name, commit);
        }
        return new ActionResult(action, target, ActionResult.DONE, (commit ? "committed" : "rolled back")
                + (transaction == null ? " (no transaction known)" : " (transaction " + transaction + ", not in the log store)"));
    }

    private static List<PreparedBranch> branchesOf(InDoubt view, String resource) {
        return switch (resource) {
            case "postgres" -> view.postgres();
            case "mariadb" -> view.mariaDb();
            case "artemis" -> view.artemis();
            default -> throw new IllegalArgumentException("no resource " + resource + ": one of " + RESOURCES);
        };
    }

    /** Outside any JTA transaction: COMMIT PREPARED may not run inside a transaction block. */
    private static void execute(DataSource ledger, String sql) throws SQLException {
        try (Connection connection = ledger.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

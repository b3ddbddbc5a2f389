package io.xastream.harness;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * What two-phase commit left undecided, where the ledgers and the coordinator can show it by name:
 * the records in Narayana's log store, PostgreSQL's prepared transactions (its gids) and MariaDB's
 * XA RECOVER list (its xids). Readable while the server is down, which is when it matters.
 */
public record PreparedBranches(Set<String> logStore, Set<String> postgres, Set<String> mariaDb) {

    /** Where a server keeps the records of the transactions it decided but has not finished. */
    static final String LOG_STORE = "data/tx-object-store/ShadowNoFileLockStore/defaultStore/StateManager"
            + "/BasicAction/TwoPhaseCoordinator/AtomicAction";

    public static PreparedBranches read(Path serverBaseDir, LedgerConnection ledgerA, LedgerConnection ledgerB)
            throws SQLException {
        // The management API's log-store probe fails on these transactions (WFLYCTL0075, the two
        // Artemis branches share the JNDI name java:/JmsXA); the files are what recovery reads anyway.
        // An empty file is a log write that a kill -9 interrupted: it holds no decision, Narayana
        // cannot read it and ignores it, and the transaction's prepared branches are rolled back as
        // orphans (docs/recovery.md). It is not in doubt.
        File[] files = serverBaseDir.resolve(LOG_STORE).toFile().listFiles(file -> file.length() > 0);
        Set<String> records = new HashSet<>();
        for (File file : files == null ? new File[0] : files) {
            records.add(file.getName());
        }
        return new PreparedBranches(records,
                column(ledgerA, "SELECT gid FROM pg_prepared_xacts", "gid"),
                column(ledgerB, "XA RECOVER FORMAT='SQL'", "data"));
    }

    public boolean none() {
        return logStore.isEmpty() && postgres.isEmpty() && mariaDb.isEmpty();
    }

    /** True once nothing that {@code earlier} listed is still there (work begun since does not count). */
    public boolean resolvedSince(PreparedBranches earlier) {
        return logStore.stream().noneMatch(earlier.logStore::contains)
                && postgres.stream().noneMatch(earlier.postgres::contains)
                && mariaDb.stream().noneMatch(earlier.mariaDb::contains);
    }

    private static Set<String> column(LedgerConnection ledger, String query, String column) throws SQLException {
        try (Connection c = ledger.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            Set<String> values = new HashSet<>();
            while (rs.next()) {
                values.add(rs.getString(column));
            }
            return values;
        }
    }

    @Override
    public String toString() {
        return "log store " + logStore.size() + ", PostgreSQL " + postgres.size() + ", MariaDB " + mariaDb.size();
    }
}

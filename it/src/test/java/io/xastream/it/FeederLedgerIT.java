package io.xastream.it;

import io.xastream.feeder.Feeder;
import io.xastream.feeder.connection.entity.LedgerConnections;
import io.xastream.feeder.connection.entity.LedgerEndpoint;
import io.xastream.feeder.ledger.control.AccountSeeder;
import io.xastream.feeder.ledger.control.Verifier;
import io.xastream.feeder.ledger.entity.SeedResult;
import io.xastream.invariant.entity.Verification;
import io.xastream.schema.LedgerSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feeder's seeding and verification against the real engines of the test run (LedgerStack:
 * embedded, or the configured ones); no server is involved. Each test works in throwaway databases
 * made anew for it ({@link ThrowawayDatabase}), on the tables the server makes: the schema module's
 * migrations.
 * An engine that is not there fails the test rather than skipping it.
 */
@ExtendWith(LedgerStack.class)
class FeederLedgerIT {

    private static ThrowawayDatabase databaseA;
    private static ThrowawayDatabase databaseB;
    private static LedgerConnections ledgers;

    @BeforeAll
    static void createDatabases() throws SQLException {
        databaseA = ThrowawayDatabase.create(LedgerStack.ledgerA(), "feeder_test");
        databaseB = ThrowawayDatabase.create(LedgerStack.ledgerB(), "feeder_test");
        ledgers = new LedgerConnections(
                new LedgerEndpoint("ledger A", databaseA.url(), databaseA.user(), databaseA.password()),
                new LedgerEndpoint("ledger B", databaseB.url(), databaseB.user(), databaseB.password()));
    }

    @AfterAll
    static void dropDatabases() throws SQLException {
        // Null only when an engine never came up; that failure is reported already.
        try {
            if (databaseA != null) {
                databaseA.close();
            }
        } finally {
            if (databaseB != null) {
                databaseB.close();
            }
        }
    }

    @BeforeEach
    void freshTables() throws SQLException {
        emptyDatabases();
        LedgerSchema.A.migrate(databaseA.url(), databaseA.user(), databaseA.password());
        LedgerSchema.B.migrate(databaseB.url(), databaseB.user(), databaseB.password());
    }

    @Test
    void seedInsertsTheMissingAccountsAndLeavesTheOthersAlone() throws SQLException {
        AccountSeeder seeder = new AccountSeeder(ledgers);
        SeedResult first = seeder.seed(3, new BigDecimal("1000"));
        assertEquals(6, first.inserted());
        assertEquals(new BigDecimal("3000.00"), first.ledgerA().balanceSum());
        assertEquals(new BigDecimal("6000.00"), first.openingSum());

        applyTransfer("t-1", "A-0001", "B-0002", "10.00");
        SeedResult second = seeder.seed(5, new BigDecimal("500.00"));
        assertEquals(2, second.ledgerA().inserted());
        assertEquals(3, second.ledgerB().alreadyThere());
        assertEquals(5, second.ledgerB().accounts());
        assertEquals(new BigDecimal("3990.00"), second.ledgerA().balanceSum(), "A-0001 keeps its balance after the transfer");
        assertEquals(new BigDecimal("8000.00"), second.openingSum());
        assertEquals(second.openingSum(), second.balanceSum());
        assertTrue(second.describe().contains("total: inserted 4; Σ balance 8000.00, Σ opening 8000.00"), second.describe());
    }

    @Test
    void invariantHoldsAfterCorrectlyAppliedRecords() throws Exception {
        new AccountSeeder(ledgers).seed(3, new BigDecimal("100.00"));
        applyTransfer("t-1", "A-0001", "B-0002", "10.00");
        applyTransfer("t-2", "A-0002", "A-0003", "5.25");
        applyTransfer("t-3", "B-0003", "B-0001", "100.00");
        recordOutcome("t-4", "REJECTED", "INSUFFICIENT_FUNDS");
        recordOutcome("t-1", "DUPLICATE", null);

        Verification verification = Verifier.of(ledgers, () -> 1).verify(OptionalLong.of(6));
        assertTrue(verification.holds(), verification.report());
        assertEquals(3, verification.outcomes().settled());
        assertEquals(1, verification.outcomes().rejected());
        assertEquals(1, verification.outcomes().duplicates());
        assertEquals(3, verification.recordsWithEntries());
        assertEquals(new BigDecimal("290.00"), verification.ledgerA().balanceSum());
        assertEquals(new BigDecimal("310.00"), verification.ledgerB().balanceSum());

        Verification tooFew = Verifier.of(ledgers, () -> 1).verify(OptionalLong.of(7));
        assertEquals("INVARIANT VIOLATED: settled + rejected + duplicates + dead-lettered = 6 != sent 7", tooFew.verdict());
    }

    @Test
    void findsMoneyCreatedOutsideTheLedgerEntries() throws Exception {
        new AccountSeeder(ledgers).seed(2, new BigDecimal("100.00"));
        applyTransfer("t-1", "A-0001", "B-0002", "10.00");
        execute(ledgers.ledgerB(), List.of("update account set balance = balance + 1 where id = 'B-0002'"));

        List<String> violations = Verifier.of(ledgers, null).verify(OptionalLong.empty()).violations();
        assertEquals(List.of("total balance 401.00 != total opening balance 400.00",
                "1 account(s) whose entries do not add up to balance - opening"), violations);
    }

    @Test
    void findsAHalfAppliedTransfer() throws Exception {
        new AccountSeeder(ledgers).seed(2, new BigDecimal("100.00"));
        applyTransfer("t-1", "A-0001", "B-0002", "10.00");
        // Only the debit side of t-2 reached the ledgers, as a transfer without XA could leave it.
        execute(ledgers.ledgerA(), List.of(
                "update account set balance = balance - 120 where id = 'A-0002'",
                "insert into ledger_entry (record_id, account_id, amount, counterparty, applied_at)"
                        + " values ('t-2', 'A-0002', -120, 'B-0001', current_timestamp)"));
        recordOutcome("t-2", "SETTLED", null);

        Verification verification = Verifier.of(ledgers, () -> 0).awaitHolds(
                OptionalLong.of(2), Duration.ofMillis(1500), reading -> { });
        assertFalse(verification.holds());
        assertEquals(List.of("total balance 280.00 != total opening balance 400.00",
                "1 negative balance(s)",
                "1 record(s) without exactly one debit and one matching credit"), verification.violations());
    }

    @Test
    void commandsRunAgainstTheLedgers() {
        LedgerEndpoint a = ledgers.ledgerA();
        LedgerEndpoint b = ledgers.ledgerB();
        String[] ledgerArgs = {
                "--ledger-a-url", a.url(), "--ledger-a-user", a.user(), "--ledger-a-password", a.password(),
                "--ledger-b-url", b.url(), "--ledger-b-user", b.user(), "--ledger-b-password", b.password()};
        assertEquals(0, Feeder.run(concat(new String[] {"seed", "--accounts", "4", "--balance", "250.00"}, ledgerArgs)));
        assertEquals(0, Feeder.run(concat(new String[] {"verify", "--skip-dead-letters"}, ledgerArgs)));
        // A sent count cannot be checked without counting the dead letters.
        assertEquals(1, Feeder.run(concat(new String[] {"verify", "--skip-dead-letters", "--sent", "0"}, ledgerArgs)));
    }

    @Test
    void seedExplainsMissingTables() throws SQLException {
        emptyDatabases();
        SQLException e = assertThrows(SQLException.class, () -> new AccountSeeder(ledgers).seed(1, BigDecimal.ONE));
        assertTrue(e.getMessage().startsWith("ledger A has no xastream tables yet"), e.getMessage());
        assertTrue(e.getMessage().contains("deploy the xastream application first"), e.getMessage());
    }

    private static void applyTransfer(String recordId, String from, String to, String amount) throws SQLException {
        applySide(from, recordId, from, to, "-" + amount);
        applySide(to, recordId, to, from, amount);
        recordOutcome(recordId, "SETTLED", null);
    }

    private static void applySide(String ledgerOf, String recordId, String account, String counterparty, String amount)
            throws SQLException {
        LedgerEndpoint ledger = ledgerOf.startsWith("A-") ? ledgers.ledgerA() : ledgers.ledgerB();
        try (Connection connection = ledger.open();
             PreparedStatement update = connection.prepareStatement(
                     "update account set balance = balance + ?, version = version + 1 where id = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "insert into ledger_entry (record_id, account_id, amount, counterparty, event_time, applied_at)"
                             + " values (?, ?, ?, ?, ?, ?)")) {
            update.setBigDecimal(1, new BigDecimal(amount));
            update.setString(2, account);
            assertEquals(1, update.executeUpdate());
            insert.setString(1, recordId);
            insert.setString(2, account);
            insert.setBigDecimal(3, new BigDecimal(amount));
            insert.setString(4, counterparty);
            insert.setTimestamp(5, Timestamp.from(Instant.parse("2026-11-27T23:59:00Z")));
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    private static void recordOutcome(String recordId, String outcome, String reason) throws SQLException {
        try (Connection connection = ledgers.ledgerA().open();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into record_outcome (record_id, settled_record_id, outcome, reason, delivery_attempt, recorded_at)"
                             + " values (?, ?, ?, ?, 1, current_timestamp)")) {
            insert.setString(1, recordId);
            insert.setString(2, "SETTLED".equals(outcome) ? recordId : null);
            insert.setString(3, outcome);
            insert.setString(4, reason);
            insert.executeUpdate();
        }
    }

    private static void emptyDatabases() throws SQLException {
        databaseA.empty();
        databaseB.empty();
    }

    private static void execute(LedgerEndpoint ledger, List<String> statements) throws SQLException {
        try (Connection connection = ledger.open();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The same server and connection parameters as {@code url}, another database. */
    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}

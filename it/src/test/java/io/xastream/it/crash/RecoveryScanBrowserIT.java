package io.xastream.it.crash;

import io.xastream.harness.PreparedBranches;
import io.xastream.harness.WildFlyServer;
import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.LedgerStack;
import io.xastream.it.Transfers;
import io.xastream.it.dashboard.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An in-doubt transaction made on purpose, seen and resolved in the browser. The server is killed
 * after the commit decision is logged and before any branch commits; it comes back with periodic
 * recovery held off, so what the crash left stays in doubt until an operator runs a recovery pass
 * from the overview. The in-doubt table shows the transaction in the log store with its record and
 * the prepared branches in both databases; after the pass it shows nothing, and the transfer is
 * applied exactly once.
 */
@ExtendWith(LedgerStack.class)
class RecoveryScanBrowserIT {

    private static final int PORT_OFFSET = WildFlyServer.freePortOffset();
    private static final String MARKER = "XASTREAM-CRASH operator-recovery";

    /** Arms the thread that processes record rs-1 (alone or in an epoch); kills the JVM when that thread reaches phase two. */
    private static final String RULES = """
            RULE arm on record rs-1
            CLASS io.xastream.transfer.control.ApplyStage
            METHOD process
            AT ENTRY
            IF $1.toString().contains("\\"rs-1\\"")
            DO flag(Thread.currentThread())
            ENDRULE

            RULE crash after the commit decision
            CLASS com.arjuna.ats.arjuna.coordinator.BasicAction
            METHOD phase2Commit
            AT ENTRY
            IF flagged(Thread.currentThread())
            DO traceln("%s"); killJVM()
            ENDRULE
            """.formatted(MARKER);

    /**
     * For the second boot: the background recovery thread's passes do nothing, so what the crash
     * left stays in doubt. A pass asked for through RecoveryManager.scan() runs in the caller's
     * thread and is not affected.
     */
    private static final String HOLD_OFF_PERIODIC_RECOVERY = """
            RULE periodic recovery passes do nothing
            CLASS com.arjuna.ats.internal.arjuna.recovery.PeriodicRecovery
            METHOD doWorkInternal
            AT ENTRY
            IF Thread.currentThread().getName().equals("Periodic Recovery")
            DO return
            ENDRULE
            """;

    @Test
    void anOperatorResolvesWhatACrashLeftInDoubtFromTheOverview() throws Exception {
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "operator-recovery");
        Files.createDirectories(dir);
        Path rules = Files.writeString(dir.resolve("crash.btm"), RULES);
        Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());
        String scans = "SELECT COUNT(*) FROM operator_action WHERE actor = 'operator' AND action = 'recovery-scan' AND outcome = 'done'";

        WildFlyServer server = OwnServer.withByteman(dir.resolve("server"), PORT_OFFSET, properties, rules);
        try {
            server.awaitApplication(Duration.ofMinutes(3));
            Books.seed(List.of("A-RS1"), new BigDecimal("100.00"));
            Books.seed(List.of("B-RS1"), new BigDecimal("100.00"));
            try (Broker broker = new Broker(server.httpPort())) {
                broker.send(List.of(Transfers.record("rs-1", "A-RS1", "B-RS1", "10.00")));
            }
            assertTrue(server.awaitExit(Duration.ofSeconds(60)), "the server did not crash");
            assertTrue(Files.readString(server.baseDir().resolve("console.log")).contains(MARKER), "crashed elsewhere");
            PreparedBranches left = PreparedBranches.read(server.baseDir(), LedgerStack.ledgerA(), LedgerStack.ledgerB());
            assertEquals(1, left.logStore().size(), left.toString());
            assertEquals(1, left.postgres().size(), left.toString());
            assertEquals(1, left.mariaDb().size(), left.toString());

            // Periodic recovery held off: only the operator's pass can resolve it.
            Path holdOff = Files.writeString(dir.resolve("hold-off.btm"), HOLD_OFF_PERIODIC_RECOVERY);
            Map<String, String> heldOff = new LinkedHashMap<>(properties);
            heldOff.put("xastream.recovery.period", "600");
            server = server.restart(heldOff, OwnServer.byteman(holdOff));
            server.awaitApplication(Duration.ofMinutes(3));

            long scansBefore = Books.count(LedgerStack.ledgerA(), scans);
            try (Browser operator = new Browser("operator", "operator-pw-1", server.httpPort())) {
                operator.open("records.html?id=rs-1");
                operator.waiting(Duration.ofSeconds(30)).until(d -> operator.text("trace-state").equals("rs-1: in-doubt"));
                operator.open("index.html");
                // The log store's transaction, and both databases' branches matched to it by xid.
                try {
                    operator.waiting(Duration.ofSeconds(60)).until(d -> matchedAcrossResources(inDoubtRows(operator)));
                } catch (TimeoutException e) {
                    operator.screenshot("dashboard-in-doubt-timeout");
                    throw new AssertionError("the in-doubt table never matched the branches to the transaction: "
                            + inDoubtRows(operator), e);
                }
                List<List<String>> rows = inDoubtRows(operator);
                assertTrue(rows.stream().anyMatch(row -> row.get(0).equals("Artemis")), "the broker's branch: " + rows);
                // Its rows are invisible in the ledgers while prepared; the broker's prepared message names the record.
                assertTrue(rows.stream().anyMatch(row -> row.get(0).equals("log store") && row.get(4).equals("rs-1")),
                        "the record of the transaction in doubt: " + rows);
                operator.driver().executeScript("document.getElementById('in-doubt-section').scrollIntoView()");
                operator.screenshot("dashboard-in-doubt");
                // Still in doubt: neither ledger shows the transfer.
                assertEquals(new BigDecimal("100.00"), Books.balance("A-RS1"));
                assertEquals(new BigDecimal("100.00"), Books.balance("B-RS1"));

                operator.driver().findElement(By.id("recovery-scan")).click();
                operator.waiting(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("confirm")).isDisplayed());
                operator.driver().findElement(By.id("confirm-ok")).click();
                operator.waiting(Duration.ofSeconds(60)).until(d -> operator.text("action-result").startsWith("Recovery-scan"));
                assertTrue(operator.text("action-result").contains(": done"), operator.text("action-result"));
                operator.waiting(Duration.ofSeconds(30)).until(d -> operator.text("in-doubt-summary").startsWith("Nothing in doubt"));
                operator.open("records.html?id=rs-1");
                operator.waiting(Duration.ofSeconds(30)).until(d -> operator.text("trace-state").equals("rs-1: settled"));
                assertEquals(List.of(), operator.consoleErrors(), "console errors");
            }

            assertTrue(PreparedBranches.read(server.baseDir(), LedgerStack.ledgerA(), LedgerStack.ledgerB()).none());
            assertEquals(new BigDecimal("90.00"), Books.balance("A-RS1"));
            assertEquals(new BigDecimal("110.00"), Books.balance("B-RS1"));
            assertEquals(Map.of("rs-1", List.of("SETTLED")), Books.outcomes("rs-"));
            assertEquals(scansBefore + 1, Books.count(LedgerStack.ledgerA(), scans), "the pass is audited");
        } finally {
            server.close();
        }
    }

    /** Each row of the in-doubt table as its cells' texts. */
    private static List<List<String>> inDoubtRows(Browser browser) {
        return browser.driver().findElements(By.cssSelector("#in-doubt tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }

    /** A log-store transaction whose branches in both ledgers name it and the node that made them (this server's). */
    private static boolean matchedAcrossResources(List<List<String>> rows) {
        return rows.stream().filter(row -> row.get(0).equals("log store")).map(row -> row.get(1)).anyMatch(transaction -> {
            String status = "prepared, transaction " + transaction + ", node xastream-1";
            return rows.stream().anyMatch(row -> row.get(0).startsWith("PostgreSQL") && row.get(3).equals(status))
                    && rows.stream().anyMatch(row -> row.get(0).startsWith("MariaDB") && row.get(3).equals(status));
        });
    }
}

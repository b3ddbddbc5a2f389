package io.xastream.it.dashboard;

import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.Deployments;
import io.xastream.it.LedgerStack;
import io.xastream.it.SystemTest;
import io.xastream.it.Transfers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's pages in a real browser. A dead letter and a rejected record (its account did
 * not exist yet) are replayed with the page's buttons and then settle exactly once; the trace and
 * the audit log show it; a monitor sees no button and is refused the action by the server.
 * Saves screenshots of the trace, parking and audit pages.
 */
@SystemTest
class OperatorBrowserIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void anOperatorReplaysParkedRecordsThatThenSettleAndAMonitorCannot() throws Exception {
        Books.seed(List.of("A-OP1"), new BigDecimal("100.00"));
        Books.seed(List.of("B-OP1"), new BigDecimal("100.00"));
        try (Broker broker = new Broker(Deployments.httpPort())) {
            // Parked as the broker parks a record that ran out of attempts: the original body in the dead-letter queue.
            broker.sendTo(Broker.DEAD_LETTER, List.of(Transfers.record("op-dl-1", "A-OP1", "B-OP1", "5.00"),
                    Transfers.record("op-dl-2", "A-OP1", "B-OP1", "1.00")));
            // Rejected: account B-OP2 does not exist yet.
            broker.send(List.of(Transfers.record("op-rj-1", "A-OP1", "B-OP2", "7.00")));
        }
        assertEquals(1, Books.awaitOutcomes("op-rj-1", 1, Duration.ofSeconds(30)));
        assertEquals(List.of("REJECTED:UNKNOWN_ACCOUNT"), Books.outcomes("op-rj-1").get("op-rj-1"));

        try (Browser operator = new Browser("operator", "operator-pw-1", Deployments.httpPort())) {
            operator.open("parked.html");
            operator.waiting(Duration.ofSeconds(20)).until(d -> row(operator, "dead-letters", "op-dl-1").isPresent()
                    && row(operator, "rejected", "op-rj-1").isPresent());
            assertTrue(operator.text("who").contains("operator"), operator.text("who"));
            assertTrue(row(operator, "rejected", "op-rj-1").get().getText().contains("UNKNOWN_ACCOUNT"));
            operator.screenshot("dashboard-parked");

            press(operator, "dead-letters", "op-dl-1", "replay");
            operator.waiting(Duration.ofSeconds(20)).until(d -> operator.text("action-result").contains(": done"));
            assertEquals(1, Books.awaitOutcomes("op-dl-1", 1, Duration.ofSeconds(30)));
            operator.waiting(Duration.ofSeconds(20)).until(d -> row(operator, "dead-letters", "op-dl-1").isEmpty());

            // The cause of the rejection is fixed: the account is opened. Then the replay settles.
            Books.seed(List.of("B-OP2"), new BigDecimal("0.00"));
            press(operator, "rejected", "op-rj-1", "replay");
            assertEquals(2, Books.awaitOutcomes("op-rj-1", 2, Duration.ofSeconds(30)));

            assertEquals(Map.of("op-dl-1", List.of("SETTLED"), "op-rj-1", List.of("REJECTED:UNKNOWN_ACCOUNT", "SETTLED")),
                    Books.outcomes("op-"));
            assertEquals(new BigDecimal("88.00"), Books.balance("A-OP1"));
            assertEquals(new BigDecimal("105.00"), Books.balance("B-OP1"));
            assertEquals(new BigDecimal("7.00"), Books.balance("B-OP2"));

            operator.open("records.html?id=op-rj-1");
            operator.waiting(Duration.ofSeconds(20)).until(d -> operator.text("trace-state").equals("op-rj-1: settled"));
            assertEquals(2, operator.driver().findElements(By.cssSelector("#trace-outcomes tr")).size());
            assertEquals(2, operator.driver().findElements(By.cssSelector("#trace-entries tr")).size(), "one entry per ledger");
            operator.screenshot("dashboard-records");

            operator.open("audit.html");
            // Its own replay: other tests' refused replays of the rejected queue are audited too (HostileRequestsIT).
            operator.waiting(Duration.ofSeconds(20)).until(d -> operator.driver().findElements(By.cssSelector("#audit tr")).stream()
                    .filter(tr -> tr.getText().contains("operator replay rejected/") && tr.getText().contains("record op-rj-1 ")).count() == 1);
            // The failed logins under it: the policy in force (login-lockout.cli), with arquillian.xml's one minute.
            operator.waiting(Duration.ofSeconds(20)).until(d -> operator.text("lockout-policy")
                    .startsWith("10 failed logins in a row lock a user out for 1 min"));
            operator.screenshot("dashboard-audit");
            assertEquals(List.of(), operator.consoleErrors(), "console errors");
        }
        assertEquals(2, Books.count(LedgerStack.ledgerA(),
                "SELECT COUNT(*) FROM operator_action WHERE actor = 'operator' AND action = 'replay' AND outcome = 'done'"
                        + " AND (detail LIKE '%op-dl-1%' OR detail LIKE '%op-rj-1%')"));

        try (Browser monitor = new Browser("monitor", "monitor-pw-1", Deployments.httpPort())) {
            monitor.open("parked.html");
            monitor.waiting(Duration.ofSeconds(20)).until(d -> row(monitor, "dead-letters", "op-dl-2").isPresent());
            WebElement parked = row(monitor, "dead-letters", "op-dl-2").get();
            assertTrue(parked.findElements(By.tagName("button")).stream().noneMatch(WebElement::isDisplayed),
                    "a monitor is shown an action button");
            String messageId = (String) monitor.driver().executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('api/dead-letters').then(r => r.json())
                        .then(list => done(list.find(m => m.recordId === 'op-dl-2').messageId));""");
            // The server refuses the monitor even with a valid token of its own.
            long status = monitor.fetchStatus("fetch('api/session').then(r => r.json()).then(s => fetch('api/dead-letters/"
                    + messageId + "/replay', {method: 'POST', headers: {'X-CSRF-Token': s.csrfToken}}))");
            assertEquals(403, status);
            assertEquals(List.of(), monitor.consoleErrors().stream().filter(e -> !e.contains("403")).toList(), "console errors");
        }
        // A replay moves the message off the dead-letter queue before it answers: still parked, it was not replayed.
        try (Broker broker = new Broker(Deployments.httpPort())) {
            assertEquals(1, broker.count(Broker.DEAD_LETTER, "xastream_record_id = 'op-dl-2'"), "the monitor's replay took the record");
        }
        assertFalse(Books.outcomes("op-dl-2").containsKey("op-dl-2"), "the monitor's replay reached the stream");
    }

    /** The table row of a parked record, by queue and record id. */
    private static Optional<WebElement> row(Browser browser, String queue, String recordId) {
        return browser.driver().findElements(By.cssSelector("#" + queue + " tr")).stream()
                .filter(tr -> tr.findElements(By.tagName("td")).get(0).getText().equals(recordId))
                .findFirst();
    }

    /** Presses the row's action button and confirms in the page's dialog. */
    private static void press(Browser browser, String queue, String recordId, String action) {
        browser.waiting(Duration.ofSeconds(10)).until(d -> {
            row(browser, queue, recordId).orElseThrow()
                    .findElement(By.cssSelector("button[data-action='" + action + "']")).click();
            return true;
        });
        browser.waiting(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("confirm")).isDisplayed());
        assertTrue(browser.text("confirm-question").contains(recordId), browser.text("confirm-question"));
        browser.driver().findElement(By.id("confirm-ok")).click();
    }
}

package io.xastream.it.dashboard;

import io.xastream.contract.Streams;
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
import org.openqa.selenium.support.ui.WebDriverWait;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overview in a real browser (Debian's headless Chromium, driven by Selenium): it loads
 * without console errors, goes live over server-sent events, shows nothing in doubt, and its
 * counters, stage table and throughput chart move while records are fed. Saves a screenshot.
 */
@SystemTest
class DashboardBrowserIT {

    private static final BigDecimal OPENING = new BigDecimal("10000.00");
    private static final int TRANSFERS = 300;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void countersStagesAndChartMoveWhileRecordsAreFed() throws Exception {
        List<String> a = Transfers.accounts("A", "W", 10);
        List<String> b = Transfers.accounts("B", "W", 10);
        Books.seed(a, OPENING);
        Books.seed(b, OPENING);

        try (Browser browser = new Browser("monitor", "monitor-pw-1", Deployments.httpPort())) {
            WebDriverWait wait = browser.waiting(Duration.ofSeconds(30));
            wait.until(d -> browser.text("freshness").startsWith("live"));
            wait.until(d -> browser.text("in-doubt-summary").startsWith("Nothing in doubt"));
            assertEquals("holds", browser.text("invariant"));
            assertTrue(browser.text("who").contains("monitor (read only)"), browser.text("who"));
            // Recovery since the server started, and the disks: one row per resource, no banner.
            wait.until(d -> browser.text("recovery-state").equals("finished"));
            assertEquals(4, browser.driver().findElements(By.cssSelector("#recovery tr")).size(), "a recovery row per resource");
            assertEquals("room to work", browser.text("storage-state"));
            assertTrue(browser.text("storage-filesystems").contains("% used"), browser.text("storage-filesystems"));
            assertTrue(!browser.driver().findElement(By.id("recovering")).isDisplayed(), "a recovery banner on a settled server");
            assertTrue(!browser.driver().findElement(By.id("storage-full")).isDisplayed(), "a storage banner with room to work");
            // The Nodes section: this server first, by its node identifier, running, with its stages.
            wait.until(d -> firstNode(browser).size() == 8 && firstNode(browser).subList(0, 2).equals(List.of("xastream-1 (this one)", "running")));
            assertTrue(firstNode(browser).get(2).startsWith("validate"), "this server's stages: " + firstNode(browser));
            long settledBefore = number(browser, "[data-field='records.settled']");
            assertEquals(Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM record_outcome WHERE outcome = 'SETTLED'"),
                    settledBefore, "settled count on the page");
            // The transfer stream's consumers are the MDB's sessions.
            assertTrue(Long.parseLong(stageCell(browser, Streams.TRANSFERS, 4)) > 0, "consumers of the transfer stream");
            long addedBefore = Long.parseLong(stageCell(browser, Streams.SETTLED, 6));
            String chartBefore = browser.driver().findElement(By.id("line-settled")).getAttribute("points");

            try (Broker broker = new Broker(Deployments.httpPort())) {
                broker.send(Transfers.generate("w-", TRANSFERS, a, b, 11));
            }
            new WebDriverWait(browser.driver(), Duration.ofSeconds(90))
                    .until(d -> number(browser, "[data-field='records.settled']") >= settledBefore + TRANSFERS);
            // Some two-second interval saw records settle: a point of the settled line is above the baseline.
            wait.until(d -> risesAboveBaseline(browser.driver().findElement(By.id("line-settled")).getAttribute("points")));
            String chartAfter = browser.driver().findElement(By.id("line-settled")).getAttribute("points");
            assertTrue(!chartAfter.equals(chartBefore), "the chart did not move");
            // Every settled record published one settled event.
            wait.until(d -> Long.parseLong(stageCell(browser, Streams.SETTLED, 6)) >= addedBefore + TRANSFERS);
            // The invariant's reading may be a second old, taken while a commit reached one ledger only.
            wait.until(d -> browser.text("invariant").equals("holds"));
            assertEquals("none", browser.text("invariant-violations"));

            BufferedImage image = browser.screenshot("dashboard");
            assertTrue(Browser.pixelsOf(image, 0x1a7f37) > 200, "the green of the settled line and the 'holds' verdict is on screen");
            // A monitor is shown no action.
            assertTrue(!browser.driver().findElement(By.id("recovery-scan")).isDisplayed(), "recovery button shown to a monitor");
            assertEquals(List.of(), browser.consoleErrors(), "console errors");
        }
    }

    /**
     * A page whose live stream never speaks (blocked in the browser, as a stalled broadcast or a
     * proxy holding the connection would leave it) reads the status itself and says so; once the
     * stream is back, the page is live again and the note goes.
     */
    @Test
    void aSilentStreamFallsBackToReadingTheStatus() throws Exception {
        try (Browser browser = new Browser("monitor", "monitor-pw-1", Deployments.httpPort())) {
            browser.driver().executeCdpCommand("Network.enable", Map.of());
            browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/status/stream*")));
            browser.open("index.html");
            WebDriverWait wait = browser.waiting(Duration.ofSeconds(30));
            wait.until(d -> browser.text("freshness").startsWith("read directly, as of"));
            assertTrue(browser.text("problem").startsWith("Live stream silent for")
                    || browser.text("problem").startsWith("Live stream interrupted"), browser.text("problem"));
            assertEquals("holds", browser.text("invariant"));
            // Polled every 2 s: equal to the ledger's count once a reading is newer than the last settled record.
            wait.until(d -> number(browser, "[data-field='records.settled']")
                    == settledInLedgerA());
            assertEquals("room to work", browser.text("storage-state"));

            browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            wait.until(d -> browser.text("freshness").startsWith("live, as of"));
            wait.until(d -> !browser.driver().findElement(By.id("problem")).isDisplayed());
        }
    }

    private static long settledInLedgerA() {
        try {
            return Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM record_outcome WHERE outcome = 'SETTLED'");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The text of one cell of the stage table, by queue name and column (0-based), digits only for
     * numbers. Read in one script: the page replaces the table's rows every two seconds, and rows
     * found by one driver call can be gone by the next (StaleElementReferenceException).
     */
    @SuppressWarnings("unchecked")
    private static String stageCell(Browser browser, String queue, int column) {
        List<List<String>> rows = (List<List<String>>) browser.driver().executeScript(
                "return [...document.querySelectorAll('#stages tr')].map(tr => [...tr.cells].map(td => td.textContent.trim()));");
        for (List<String> cells : rows) {
            if (!cells.isEmpty() && cells.get(0).equals(queue)) {
                String text = cells.get(column);
                return column >= 2 ? text.replaceAll("[^0-9]", "") : text;
            }
        }
        throw new AssertionError("no stage row for " + queue + ": " + rows);
    }

    private static long number(Browser browser, String css) {
        String digits = browser.driver().findElement(By.cssSelector(css)).getText().replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    private static boolean risesAboveBaseline(String points) {
        if (points == null || points.isBlank()) {
            return false;
        }
        for (String point : points.trim().split("\\s+")) {
            if (Double.parseDouble(point.substring(point.indexOf(',') + 1)) < 129.0) {
                return true;
            }
        }
        return false;
    }

    /** The cells of the Nodes section's first row: this server. */
    private static List<String> firstNode(Browser browser) {
        return browser.driver().findElements(By.cssSelector("#cluster tr:first-child td")).stream().map(cell -> cell.getText().trim()).toList();
    }
}

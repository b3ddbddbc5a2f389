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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
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
 * counters, stage table and throughput chart (uPlot) move while records are fed, and the chart's
 * legend follows the cursor. Saves a screenshot.
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
            // uPlot, loaded from its WebJar under the page's policy, drew the chart: canvas, axes, legend.
            assertEquals(1, browser.driver().findElements(By.cssSelector("#throughput .uplot canvas")).size(), "uPlot's canvas");
            assertEquals(List.of("time", "settled", "rejected", "dead-lettered"), legendLabels(browser));
            wait.until(d -> axisLabels(browser, 0).size() >= 4 && axisLabels(browser, 1).size() >= 2);
            assertTrue(axisLabels(browser, 0).stream().allMatch(label -> label.matches(".*\\d{1,2}:\\d{2}:\\d{2}.*")),
                    "clock times under the chart: " + axisLabels(browser, 0));
            assertTrue(axisLabels(browser, 1).contains("0"), "records/s from 0 up: " + axisLabels(browser, 1));
            // While every settled rate is zero, its line runs along the baseline, where ink is not counted.
            List<Number> idle = settledInk(browser);
            assertTrue(idle.get(0).doubleValue() > 0 || idle.get(1).longValue() == 0, "settled ink above a rate of zero: " + idle);

            try (Broker broker = new Broker(Deployments.httpPort())) {
                broker.send(Transfers.generate("w-", TRANSFERS, a, b, 11));
            }
            new WebDriverWait(browser.driver(), Duration.ofSeconds(90))
                    .until(d -> number(browser, "[data-field='records.settled']") >= settledBefore + TRANSFERS);
            // Some two-second interval saw records settle: the settled series holds a rate above zero, its
            // line rises above the baseline in its own green, and the y axis grew to hold it.
            wait.until(d -> settledInk(browser).get(1).longValue() > 20);
            double peak = settledInk(browser).get(0).doubleValue();
            assertTrue(peak > 0, "a settled rate above zero");
            List<String> ticks = axisLabels(browser, 1);
            double top = Double.parseDouble(ticks.get(ticks.size() - 1).replaceAll("[^0-9.]", ""));
            assertTrue(top >= peak / 3 && top <= peak * 1.5 + 1, "the y axis' top tick " + top + " for a peak of " + peak + "/s");
            // Every settled record published one settled event.
            wait.until(d -> Long.parseLong(stageCell(browser, Streams.SETTLED, 6)) >= addedBefore + TRANSFERS);
            // The invariant's reading may be a second old, taken while a commit reached one ledger only.
            wait.until(d -> browser.text("invariant").equals("holds"));
            assertEquals("none", browser.text("invariant-violations"));

            // Off the chart the legend shows the newest rates; on it, those at the cursor's time.
            Map<String, Object> newest = legend(browser);
            assertEquals(newest.get("expected"), newest.get("shown"), "the legend off the chart: the newest reading");
            wait.until(d -> hoverThePeak(browser));

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

    /** The series names in uPlot's legend under the chart. */
    private static List<String> legendLabels(Browser browser) {
        return browser.driver().findElements(By.cssSelector("#throughput .u-legend th")).stream()
                .map(th -> th.getText().replace(":", "").trim()).toList();
    }

    /** The tick labels uPlot drew on the canvas for an axis (0: time, 1: records/s), as it keeps them. */
    @SuppressWarnings("unchecked")
    private static List<String> axisLabels(Browser browser, int axis) {
        List<Object> labels = (List<Object>) browser.driver().executeScript("return chart.axes[arguments[0]]._values || [];", axis);
        return labels.stream().map(String::valueOf).toList();
    }

    /**
     * The highest settled rate in the chart's data, and the pixels of the settled green (#1a7f37, give
     * or take the anti-aliasing) inside the plot, leaving out its bottom rows, where a line of rate
     * zero runs: ink above them is a rate above zero drawn. Read together: the chart moves every 2 s.
     */
    @SuppressWarnings("unchecked")
    private static List<Number> settledInk(Browser browser) {
        return (List<Number>) browser.driver().executeScript("""
                const b = chart.bbox, baseline = 6 * devicePixelRatio;
                const px = chart.ctx.getImageData(b.left, b.top, b.width, b.height - baseline).data;
                let n = 0;
                for (let i = 0; i < px.length; i += 4) {
                    if (Math.abs(px[i] - 0x1a) < 24 && Math.abs(px[i + 1] - 0x7f) < 24 && Math.abs(px[i + 2] - 0x37) < 24 && px[i + 3] > 200) n++;
                }
                return [Math.max(0, ...chart.data[1]), n];""");
    }

    /**
     * The legend's time and settled cells, and what they should say for the cursor's point (or the
     * newest one when the cursor is off the chart), read in one script: the chart moves every 2 s.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> legend(Browser browser) {
        return (Map<String, Object>) browser.driver().executeScript("""
                const cells = [...document.querySelectorAll('#throughput .u-legend .u-value')].map(td => td.textContent);
                const idx = chart.cursor.idx ?? chart.data[0].length - 1;
                const rate = new Intl.NumberFormat(undefined, {maximumFractionDigits: 1}).format(chart.data[1][idx]) + '/s';
                const time = new Date(chart.data[0][idx] * 1000).toLocaleTimeString();
                return {idx: chart.cursor.idx, newest: chart.data[0].length - 1, settled: chart.data[1][idx],
                        shown: cells[0] + ' ' + cells[1], expected: time + ' ' + rate};""");
    }

    /**
     * Moves the mouse onto the chart at the highest settled rate: the cursor lands on that point and
     * the legend shows its time and rate. Retried by the caller when a new reading moved the chart.
     */
    @SuppressWarnings("unchecked")
    private static boolean hoverThePeak(Browser browser) {
        WebElement over = browser.driver().findElement(By.cssSelector("#throughput .u-over"));
        List<Number> peak = (List<Number>) browser.driver().executeScript("""
                const settled = chart.data[1], peak = settled.indexOf(Math.max(...settled));
                return [peak, chart.valToPos(chart.data[0][peak], 'x')];""");
        new Actions(browser.driver()).moveToElement(over, (int) Math.round(peak.get(1).doubleValue() - over.getSize().getWidth() / 2.0), 0)
                .perform();
        Map<String, Object> shown = legend(browser);
        return shown.get("idx") != null && ((Number) shown.get("idx")).longValue() == peak.get(0).longValue()
                && ((Number) shown.get("settled")).doubleValue() > 0
                && ((Number) shown.get("idx")).longValue() < ((Number) shown.get("newest")).longValue()
                && shown.get("expected").equals(shown.get("shown"));
    }

    /** The cells of the Nodes section's first row: this server. */
    private static List<String> firstNode(Browser browser) {
        return browser.driver().findElements(By.cssSelector("#cluster tr:first-child td")).stream().map(cell -> cell.getText().trim()).toList();
    }
}

package io.xastream.it.dashboard;

import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.Deployments;
import io.xastream.it.LedgerStack;
import io.xastream.it.SystemTest;
import io.xastream.it.Transfers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser (Debian's headless Chromium, driven by Selenium): it loads
 * without console errors, goes live over server-sent events, shows nothing in doubt, and its
 * counters and throughput chart move while records are fed. Saves a screenshot.
 */
@SystemTest
class DashboardBrowserIT {

    private static final BigDecimal OPENING = new BigDecimal("10000.00");
    private static final int TRANSFERS = 300;

    private ChromeDriver browser;
    private Path profile;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        profile = Files.createTempDirectory("xastream-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(new File(System.getProperty("xastream.chromium", "/usr/bin/chromium")))
                // Headless, and no calls to Google's services: this machine's network is closed.
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--window-size=1280,1400", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("xastream.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void countersAndChartMoveWhileRecordsAreFed() throws Exception {
        List<String> a = Transfers.accounts("A", "W", 10);
        List<String> b = Transfers.accounts("B", "W", 10);
        Books.seed(a, OPENING);
        Books.seed(b, OPENING);

        browser.get("http://monitor:monitor-pw-1@127.0.0.1:" + Deployments.httpPort() + "/xastream/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> text("freshness").startsWith("live"));
        wait.until(d -> text("in-doubt-summary").startsWith("Nothing in doubt"));
        assertEquals("holds", text("invariant"));
        long settledBefore = number("[data-field='records.settled']");
        assertEquals(Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM record_outcome WHERE outcome = 'SETTLED'"),
                settledBefore, "settled count on the page");
        String chartBefore = browser.findElement(By.id("line-settled")).getAttribute("points");

        try (Broker broker = new Broker(Deployments.httpPort())) {
            broker.send(Transfers.generate("w-", TRANSFERS, a, b, 11));
        }
        new WebDriverWait(browser, Duration.ofSeconds(90))
                .until(d -> number("[data-field='records.settled']") >= settledBefore + TRANSFERS);
        // Some two-second interval saw records settle: a point of the settled line is above the baseline.
        wait.until(d -> risesAboveBaseline(browser.findElement(By.id("line-settled")).getAttribute("points")));
        String chartAfter = browser.findElement(By.id("line-settled")).getAttribute("points");
        assertTrue(!chartAfter.equals(chartBefore), "the chart did not move");
        assertEquals("holds", text("invariant"));

        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Path shots = Path.of(System.getProperty("xastream.it.dir", "target/it"), "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("dashboard.png"), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(pixelsOf(image, 0x1a7f37) > 200, "the green of the settled line and the 'holds' verdict is on screen");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "console errors");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private long number(String css) {
        String digits = browser.findElement(By.cssSelector(css)).getText().replaceAll("[^0-9]", "");
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

    private static long pixelsOf(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}

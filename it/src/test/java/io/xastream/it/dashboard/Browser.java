package io.xastream.it.dashboard;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven by Selenium, signed in to the dashboard as one user (BASIC
 * credentials in the first URL; the browser keeps them for the origin). One fresh profile each.
 */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    public Browser(String user, String password, int httpPort) throws IOException {
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
        driver = new ChromeDriver(service, options);
        base = "http://127.0.0.1:" + httpPort + "/xastream/";
        driver.get("http://" + user + ":" + password + "@127.0.0.1:" + httpPort + "/xastream/index.html");
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a page of the dashboard (credentials already held for the origin). */
    public void open(String page) {
        driver.get(base + page);
    }

    /** A wait that also rides over a table the page re-rendered while it was being read. */
    public WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    /** Runs a fetch() in the page and returns the HTTP status it got. */
    public long fetchStatus(String script) {
        return (Long) driver.executeAsyncScript("const done = arguments[arguments.length - 1]; " + script
                + ".then(r => done(r.status), e => done(-1));");
    }

    /** Saves a screenshot under target/it/screenshots and returns it as an image. */
    public BufferedImage screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path shots = Path.of(System.getProperty("xastream.it.dir", "target/it"), "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve(name + ".png"), png);
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** SEVERE console entries (uncaught errors, failed loads) since the last call. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    public static long pixelsOf(BufferedImage image, int rgb) {
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

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

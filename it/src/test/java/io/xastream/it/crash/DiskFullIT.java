package io.xastream.it.crash;

import io.xastream.it.Books;
import io.xastream.it.Broker;
import io.xastream.it.LedgerStack;
import io.xastream.it.Transfers;
import io.xastream.it.dashboard.Browser;
import io.xastream.stack.WildFlyServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transaction log store and the broker's journal live on a small filesystem (a tmpfs the test
 * mounts) that fills up to the last byte while a stream runs. The server holds new records with a
 * clear error in its log and on the dashboard, loses nothing, and carries on by itself once space
 * is back: every record applied exactly once, nothing dead-lettered, nothing left in doubt, and the
 * broker never stopped on an I/O error.
 */
@ExtendWith(LedgerStack.class)
class DiskFullIT {

    private static final int PORT_OFFSET = 700;
    private static final int TRANSFERS = 3000;
    private static final int SLICE = 25;
    // Room for the 64 MiB reserve, the broker's journal files (10 MiB each, more of them in record
    // mode, where every record passes three queues) and the stream's burst once space is back.
    private static final String DISK_SIZE = "256m";
    private static final BigDecimal OPENING = new BigDecimal("10000.00");
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @Test
    void aFullDiskHoldsTheStreamLosesNothingAndResumesByItself() throws Exception {
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "disk-full");
        Path disk = Files.createDirectories(dir.resolve("small-disk"));
        mountSmallDisk(disk);
        try {
            Map<String, String> properties = new LinkedHashMap<>(LedgerStack.engines().serverProperties());
            // Log store and journal (and everything else the server keeps in its data directory) on the small disk.
            properties.put("jboss.server.data.dir", disk.resolve("data").toString());
            try (WildFlyServer server = WildFlyServer.start(Path.of(System.getProperty("jboss.home")), dir.resolve("server"),
                    Path.of(System.getProperty("xastream.ear")), PORT_OFFSET, properties)) {
                server.awaitApplication(Duration.ofMinutes(3));
                streamThroughAFullDisk(server, disk);
            }
        } finally {
            run("umount", "-l", disk.toString());
        }
    }

    private void streamThroughAFullDisk(WildFlyServer server, Path disk) throws Exception {
        String prefix = "disk-";
        List<String> a = Transfers.accounts("A", "DF", 20);
        List<String> b = Transfers.accounts("B", "DF", 20);
        Books.seed(a, OPENING);
        Books.seed(b, OPENING);
        List<Map.Entry<String, String>> records = Transfers.generate(prefix, TRANSFERS, a, b, 71);

        ExecutorService feeder = Executors.newSingleThreadExecutor();
        Future<?> feeding = feeder.submit(() -> {
            // A steady stream (about 250 records a second, 12 s), so the disk fills while records flow;
            // a send the broker blocks on a full disk just waits.
            try (Broker broker = new Broker(server.httpPort())) {
                for (int from = 0; from < TRANSFERS; from += SLICE) {
                    broker.send(records.subList(from, Math.min(TRANSFERS, from + SLICE)));
                    Thread.sleep(100);
                }
            }
            return null;
        });
        feeder.shutdown();
        long before = Books.awaitOutcomes(prefix, 300, LIMIT);
        assertTrue(before < TRANSFERS, "not mid-stream: " + before + " records applied");

        try (Browser browser = new Browser("monitor", "monitor-pw-1", server.httpPort())) {
            browser.waiting(LIMIT).until(d -> browser.text("storage-state").equals("room to work"));
            Path filler = disk.resolve("filler");
            long atFill = Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM record_outcome WHERE record_id LIKE ?", prefix + "%");
            long filled = fillUp(filler);
            String held = awaitStatus(server, status -> status.contains("\"held\":true"), "the stream held");
            assertTrue(held.contains("% used"), "the status says why: " + held);
            // The dashboard says so in a banner at the top.
            awaitBanner(browser, true);
            assertTrue(browser.text("storage-full").startsWith("STORAGE FULL: new records are held"), browser.text("storage-full"));
            assertTrue(Browser.pixelsOf(browser.screenshot("dashboard-storage-full"), 0xfff1e5) > 5_000, "the banner is on screen");
            holdsAndResumes(server, prefix, atFill, filler, filled);
            awaitBanner(browser, false);
        }
        feeding.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(TRANSFERS, Books.awaitOutcomes(prefix, TRANSFERS, LIMIT), "every record applied once space was back");

        InDoubt inDoubt = InDoubt.read(server.baseDir(), server.managementPort());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!inDoubt.none() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            inDoubt = InDoubt.read(server.baseDir(), server.managementPort());
        }
        assertTrue(inDoubt.none(), "still in doubt: " + inDoubt);
        ExactlyOnce.assertApplied(prefix, records, a, b, OPENING, server.httpPort());
        try (Broker broker = new Broker(server.httpPort())) {
            assertEquals(0, broker.drain(Broker.DEAD_LETTER, "xastream_record_id LIKE '" + prefix + "%'",
                    Duration.ofSeconds(1), Duration.ofSeconds(10)).size(), "records dead-lettered by the full disk");
        }
        String log = Files.readString(server.baseDir().resolve("log/server.log"));
        assertTrue(log.contains("XASTREAM-STORAGE-OK: the stream resumes"), "the resume is logged");
        assertFalse(log.contains("AMQ222010"), "the broker stopped on a critical I/O error");
    }

    /** While the disk is full: the error in the log, and no record applied; then space back, the stream resumes. */
    private static void holdsAndResumes(WildFlyServer server, String prefix, long atFill, Path filler, long filled) throws Exception {
        String log = Files.readString(server.baseDir().resolve("log/server.log"));
        assertTrue(log.contains("XASTREAM-STORAGE-FULL: new records are held"), "a clear error in the log");

        // On hold: once the epochs in flight have ended, no record is applied while the disk is full.
        long heldAt = awaitSteady(prefix);
        assertTrue(heldAt < TRANSFERS, "the whole stream was applied before the disk filled (" + heldAt + ")");
        System.out.printf("disk full (%d MiB filler) after %d records; %d applied when the stream stood still%n",
                filled >> 20, atFill, heldAt);

        Files.delete(filler);
        awaitStatus(server, status -> status.contains("\"held\":false"), "the stream resumed");
    }

    /** The storage banner shown or gone; if not in time, what the page showed instead. */
    private static void awaitBanner(Browser browser, boolean shown) {
        try {
            browser.waiting(LIMIT).until(d -> browser.driver().findElement(By.id("storage-full")).isDisplayed() == shown);
        } catch (TimeoutException e) {
            throw new AssertionError("the storage banner " + (shown ? "not shown" : "still shown") + " after " + LIMIT
                    + "; the page: freshness '" + browser.text("freshness") + "', problem '"
                    + browser.driver().findElement(By.id("problem")).getAttribute("textContent") + "', storage '"
                    + browser.text("storage-state") + "', console " + browser.consoleErrors(), e);
        }
    }

    /** Writes 1 MiB blocks until the filesystem refuses more: the disk is full to the last byte. */
    private static long fillUp(Path filler) throws IOException {
        byte[] block = new byte[1 << 20];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return written;
    }

    /** The count of applied records once it stayed the same for 5 s (epochs in flight end within that). */
    private static long awaitSteady(String prefix) throws Exception {
        long last = -1;
        long since = System.nanoTime();
        long deadline = since + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            long now = Books.count(LedgerStack.ledgerA(), "SELECT COUNT(*) FROM record_outcome WHERE record_id LIKE ?", prefix + "%");
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > Duration.ofSeconds(5).toNanos()) {
                return now;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("records were still being applied " + LIMIT + " after the disk filled: " + last);
    }

    private static String awaitStatus(WildFlyServer server, Predicate<String> condition, String what) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            try {
                status = server.monitorGet("/xastream/api/status");
                if (condition.test(status)) {
                    return status;
                }
            } catch (IOException notNow) {
                status = notNow.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + ": not within " + LIMIT + "; last status " + status);
    }

    /** A size-limited tmpfs: needs root (as on CI); elsewhere the test says why it cannot run. */
    private static void mountSmallDisk(Path disk) throws Exception {
        run("umount", "-l", disk.toString());
        int exit = run("mount", "-t", "tmpfs", "-o", "size=" + DISK_SIZE, "xastream-it-disk", disk.toString());
        if (exit != 0 && System.getenv("CI") == null) {
            Assumptions.abort("mounting a tmpfs needs root (CI runs as root): mount exited " + exit);
        }
        assertEquals(0, exit, "mount -t tmpfs " + disk);
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}

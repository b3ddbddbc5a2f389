package io.xastream.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoakTest {

    private static final Soak.Settings SETTINGS = new Soak.Settings(Path.of("dir"), Path.of("wildfly"), Path.of("ear"),
            1000, 5, 2, 7, Duration.ofSeconds(4), 300, 2);

    @Test
    void schedulesEveryKillInASeededOrder() {
        List<Soak.Fault> faults = Soak.schedule(SETTINGS, new Random(7));
        assertEquals(9, faults.size());
        assertEquals(3, faults.stream().filter(fault -> fault == Soak.Fault.WILDFLY).count());
        assertEquals(2, faults.stream().filter(fault -> fault == Soak.Fault.WILDFLY_WHILE_FEEDING).count(),
                "a quarter of the server's kills, rounded up, while the feeder sends");
        assertEquals(2, faults.stream().filter(fault -> fault == Soak.Fault.LEDGER_A).count());
        assertEquals(2, faults.stream().filter(fault -> fault == Soak.Fault.LEDGER_B).count());
        assertEquals(faults, Soak.schedule(SETTINGS, new Random(7)), "the seed replays the order");
    }

    @Test
    void quantilesByNearestRank() {
        List<Duration> times = List.of(Duration.ofSeconds(9), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(3), Soak.Report.quantile(times, 0.5));
        assertEquals(Duration.ofSeconds(9), Soak.Report.quantile(times, 0.99));
        assertEquals(Duration.ofSeconds(9), Soak.Report.quantile(times, 1));
        assertEquals(Duration.ZERO, Soak.Report.quantile(List.of(), 0.5));
    }

    @Test
    void recordsTheRunBetweenItsMarkersAndReplacesItNextTime(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("crash-results.md");
        Files.writeString(page, "# Crash results\n\nThe matrix.\n");
        Soak.Report first = new Soak.Report(5, 2, 4, 1000, List.of(), List.of(Duration.ofSeconds(8)), List.of(Duration.ofSeconds(6)),
                List.of(Duration.ofSeconds(2)), List.of(Duration.ofSeconds(12), Duration.ofSeconds(14)));
        Soak.record(page, SETTINGS, first, LocalDateTime.of(2026, 12, 4, 23, 0), true);
        String once = Files.readString(page);
        assertTrue(once.startsWith("# Crash results\n\nThe matrix.\n"), once);
        assertTrue(once.contains("| 5 (2 while the feeder sent) | 2 | 2 | 1000 | 0 | recovery after a kill p50 8.0 s"), once);
        assertTrue(once.contains("Started 2026-12-04T23:00 UTC"), once);
        assertTrue(once.contains("everything in doubt resolved (the server's own view, all four resources) p50 2.0 s"), once);
        assertTrue(once.contains("a cycle (share queued, kill, recovery, checks) p50 12.0 s, max 14.0 s"), once);
        assertFalse(once.contains("Violations:"), once);

        Soak.Report second = new Soak.Report(600, 150, 100, 100_000, List.of("cycle 3 (WildFly killed): INVARIANT VIOLATED"),
                List.of(Duration.ofSeconds(9)), List.of(Duration.ofSeconds(7)), List.of(), List.of());
        Soak.record(page, SETTINGS, second, LocalDateTime.of(2026, 12, 5, 1, 0), true);
        String twice = Files.readString(page);
        assertFalse(twice.contains("| 5 (2 while the feeder sent) | 2 | 2 | 1000 |"), "the earlier run is replaced: " + twice);
        assertTrue(twice.contains("| 600 (150 while the feeder sent) | 50 | 50 | 100000 | 1 |"), twice);
        assertTrue(twice.contains("- cycle 3 (WildFly killed): INVARIANT VIOLATED"), twice);
        assertEquals(1, twice.split("soak:begin", -1).length - 1, twice);
        assertTrue(twice.startsWith("# Crash results\n\nThe matrix.\n"), twice);
    }
}

package io.xastream.it.crash;

import io.xastream.it.LedgerStack;
import io.xastream.stack.Soak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The short version of the random kill -9 soak (the long one is ./mvnw -Psoak package). */
@ExtendWith(LedgerStack.class)
class KillSoakIT {

    @Test
    void fiveRandomKillsLoseNothingAndApplyNothingTwice() throws Exception {
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "soak");
        Soak.Settings settings = new Soak.Settings(dir, Path.of(System.getProperty("jboss.home")),
                Path.of(System.getProperty("xastream.ear")), 1500, 5, 7,
                Duration.ofSeconds(1), Duration.ofSeconds(4), 300, 2);
        Soak.Report report = Soak.run(settings, LedgerStack.engines(), line -> System.out.println("[soak] " + line));
        System.out.println("[soak] " + report.describe());
        Files.writeString(Path.of(System.getProperty("xastream.it.dir"), "soak-results.md"), report.describe() + "\n");

        assertTrue(report.passed(), report.describe());
        assertEquals(5, report.crashes());
        assertEquals(5, report.recoveries().size(), "every crash recovered within " + Duration.ofSeconds(60));
    }
}

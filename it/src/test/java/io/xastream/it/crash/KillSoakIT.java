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

    /** 5 by default; CI's second pass (system engines) runs 3 to stay well within its time budget. */
    private static final int CRASHES = Integer.getInteger("xastream.it.soak.crashes", 5);

    @Test
    void randomKillsLoseNothingAndApplyNothingTwice() throws Exception {
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "soak");
        Soak.Settings settings = new Soak.Settings(dir, Path.of(System.getProperty("jboss.home")),
                Path.of(System.getProperty("xastream.ear")), 1500, CRASHES, 7,
                Duration.ofSeconds(1), Duration.ofSeconds(4), 300, 2);
        Soak.Report report = Soak.run(settings, LedgerStack.engines(), line -> System.out.println("[soak] " + line));
        System.out.println("[soak] " + report.describe());
        Files.writeString(Path.of(System.getProperty("xastream.it.dir"), "soak-results.md"), report.describe() + "\n");

        assertTrue(report.passed(), report.describe());
        assertEquals(CRASHES, report.crashes());
        assertEquals(CRASHES, report.recoveries().size(), "every crash recovered within " + Duration.ofSeconds(60));
    }
}

package io.xastream.it.crash;

import io.xastream.harness.WildFlyServer;
import io.xastream.it.LedgerStack;
import io.xastream.tools.Soak;
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
    /**
     * SIGKILLs of each database, 1 by default; 0 in CI's second pass, whose engines are the machine's
     * own services.
     */
    private static final int LEDGER_KILLS = Integer.getInteger("xastream.it.soak.ledger-kills", 1);
    /**
     * Enough that the first kills land while the stream is still being worked through, in either
     * shape: 5000 by default; CI's second pass, one record per transaction and 3 kills, sends 1800.
     */
    private static final int RECORDS = Integer.getInteger("xastream.it.soak.records", 5000);

    @Test
    void randomKillsLoseNothingAndApplyNothingTwice() throws Exception {
        Path dir = Path.of(System.getProperty("xastream.it.dir"), "soak");
        Soak.Settings settings = new Soak.Settings(dir, Path.of(System.getProperty("jboss.home")),
                Path.of(System.getProperty("xastream.ear")), RECORDS, CRASHES, LEDGER_KILLS, 7,
                Duration.ofSeconds(4), WildFlyServer.freePortOffset(), 2);
        Soak.Report report = Soak.run(settings, LedgerStack.engines(), line -> System.out.println("[soak] " + line));
        System.out.println("[soak] " + report.describe());
        System.out.println("[soak] " + report.timings());
        Files.writeString(Path.of(System.getProperty("xastream.it.dir"), "soak-results.md"),
                report.describe() + "\n" + report.timings() + "\n");

        assertTrue(report.passed(), report.describe());
        assertEquals(CRASHES, report.crashes());
        assertEquals(2 * LEDGER_KILLS, report.ledgerKills());
        assertEquals(CRASHES + 2 * LEDGER_KILLS, report.recoveries().size(), "every kill recovered within " + Duration.ofSeconds(60));
    }
}

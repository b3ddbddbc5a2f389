package io.xastream.operation.control;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs one pass of Narayana's periodic recovery now instead of waiting for the next period:
 * prepared branches whose transaction committed are committed, orphans are rolled back. The
 * periodic passes stay as they are; scan() waits for a pass in progress and then runs its own.
 * The WAR sees Narayana through the module dependency in its manifest (web/pom.xml).
 */
@ApplicationScoped
public class RecoveryScan {

    /** Blocks until the pass is over; returns how long it took. */
    public long runNow() {
        long started = System.nanoTime();
        RecoveryManager.manager().scan();
        return (System.nanoTime() - started) / 1_000_000;
    }
}

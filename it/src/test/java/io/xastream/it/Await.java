package io.xastream.it;

import java.time.Duration;
import java.util.function.Supplier;

/** The tests' one way to wait: a condition polled until it holds, never a sleep of a guessed length. */
public final class Await {

    private static final long POLL_MILLIS = 250;

    private Await() {
    }

    /** What is awaited; may read the system under test and so throw. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    /** Polls until the check holds; past the timeout fails with what was awaited and, from {@code what}, what was last seen. */
    public static void until(Duration timeout, Supplier<String> what, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}

package io.xastream.harness;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartedProcessesTest {

    /** A JVM that starts a long sleep the way the harness starts a server, prints its pid and waits for it. */
    public static void main(String[] args) throws Exception {
        Process sleeper = StartedProcesses.stopAtExit(new ProcessBuilder("sleep", "600").start());
        System.out.println(sleeper.pid());
        System.out.flush();
        sleeper.waitFor();
    }

    @Test
    void aJvmTerminatedWithoutClosingStopsWhatItStarted() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartedProcessesTest.class.getName())
                .redirectErrorStream(true).start();
        long sleeperPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            sleeperPid = Long.parseLong(out.readLine().trim());
        } catch (IOException | RuntimeException e) {
            jvm.destroyForcibly();
            throw e;
        }
        Optional<ProcessHandle> sleeper = ProcessHandle.of(sleeperPid);
        assertTrue(sleeper.isPresent() && sleeper.get().isAlive(), "the sleep the JVM started runs");

        jvm.destroy();

        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the JVM exits on SIGTERM");
        try {
            sleeper.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            sleeper.get().destroyForcibly();
        }
        assertFalse(sleeper.get().isAlive(), "the sleep was stopped with the JVM that started it");
    }
}

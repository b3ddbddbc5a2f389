package io.xastream.harness;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The servers and brokers this JVM started, stopped when it exits without having closed them (a
 * test JVM that Maven or a CI timeout terminates): SIGTERM to each and all it started, SIGKILL to
 * whatever still runs 30 s later. One closed in time has exited and is skipped. SIGTERM, not
 * SIGKILL, because a program's own shutdown hook (the cluster run command's) may be stopping the
 * same processes cleanly at that moment: the hooks run at once.
 */
final class StartedProcesses {

    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(StartedProcesses::stopAll, "xastream-started-processes"));
    }

    private StartedProcesses() {
    }

    /** Stops {@code process} and its descendants when this JVM exits, if they still run then. */
    static Process stopAtExit(Process process) {
        STARTED.removeIf(earlier -> !earlier.isAlive());
        STARTED.add(process);
        return process;
    }

    private static void stopAll() {
        List<ProcessHandle> running = STARTED.stream().filter(Process::isAlive)
                .flatMap(process -> Stream.concat(process.descendants(), Stream.of(process.toHandle())))
                .toList();
        running.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle handle : running) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
    }
}

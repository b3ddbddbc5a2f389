package io.xastream.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time used so far by each thread of one process, by kind of thread, read from Linux's
 * {@code /proc/PID/task}: where a server's CPU per record goes (its stage consumers, the broker's
 * threads, the JIT compilers, the garbage collector), which a profile's samples do not say, since
 * they count only threads running Java code. Empty where there is no {@code /proc}.
 */
record ThreadCpu(Map<Long, Used> byThread) {

    /** One thread's kind and the clock ticks of CPU it has used. */
    record Used(String kind, long ticks) {
    }

    static final String JIT = "JIT compilers";

    /** Clock ticks per second of /proc's counters: 100 on Linux, whatever the kernel's HZ. */
    private static final double TICKS_PER_SECOND = 100;

    static ThreadCpu of(long pid) {
        Map<Long, Used> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // The name is in parentheses and may hold spaces: the fields after it are counted from its end.
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    threads.put(Long.parseLong(task.getFileName().toString()), new Used(kind(name), ticks));
                } catch (IOException | RuntimeException e) {
                    // a thread that ended while being read used what it used: not counted
                }
            });
        } catch (IOException e) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(threads);
    }

    /** Kinds by the names WildFly, Artemis and HotSpot give their threads (Linux cuts them at 15 characters). */
    static String kind(String name) {
        if (name.startsWith("xastream-epoch") || name.startsWith("xastream-stage")) {
            return "stage consumers";
        }
        if (name.contains("activemq") || name.startsWith("Thread-")) {
            // Artemis names its server threads and its client's alike ("Thread-12 (ActiveMQ-…"), cut
            // at 15 characters: the broker, and in record mode the message-driven beans it delivers to.
            return "Artemis (broker; message-driven beans)";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return JIT;
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return "GC and VM";
        }
        if (name.startsWith("default I/O") || name.startsWith("default task")) {
            return "HTTP and remote I/O";
        }
        return "other";
    }

    /** What each thread used since {@code earlier}; one started since counts whole. */
    ThreadCpu minus(ThreadCpu earlier) {
        Map<Long, Used> difference = new HashMap<>();
        byThread.forEach((tid, used) -> {
            Used before = earlier.byThread.get(tid);
            difference.put(tid, new Used(used.kind(), before == null ? used.ticks() : used.ticks() - before.ticks()));
        });
        return new ThreadCpu(difference);
    }

    /** Milliseconds of CPU per record, by kind of thread. */
    Map<String, Double> perRecord(int records) {
        Map<String, Double> millis = new TreeMap<>();
        byThread.values().forEach(used -> millis.merge(used.kind(), used.ticks() * 1000 / TICKS_PER_SECOND / records, Double::sum));
        return millis;
    }
}

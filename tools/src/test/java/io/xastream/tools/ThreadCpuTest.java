package io.xastream.tools;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a server's CPU goes, by kind of thread, as the benchmark's drain reports it. */
class ThreadCpuTest {

    @Test
    void threadsAreKindedByTheNamesTheServerGivesThem() {
        assertEquals("stage consumers", ThreadCpu.kind("xastream-epoch-"));
        assertEquals("Artemis (broker; message-driven beans)", ThreadCpu.kind("Thread-4 (activ"));
        assertEquals("Artemis (broker; message-driven beans)", ThreadCpu.kind("activemq-libaio"));
        assertEquals(ThreadCpu.JIT, ThreadCpu.kind("C2 CompilerThre"));
        assertEquals(ThreadCpu.JIT, ThreadCpu.kind("C1 CompilerThre"));
        assertEquals("GC and VM", ThreadCpu.kind("VM Thread"));
        assertEquals("HTTP and remote I/O", ThreadCpu.kind("default I/O-3"));
        assertEquals("other", ThreadCpu.kind("EE-ManagedThrea"));
    }

    @Test
    void aBusyThreadOfThisProcessShowsItsCpuUnderItsKind() throws Exception {
        long pid = ProcessHandle.current().pid();
        ThreadCpu before = ThreadCpu.of(pid);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sink = new AtomicLong();
        Thread busy = new Thread(() -> {
            long x = 0;
            while (!stop.get()) {
                x += x * 31 + 7;
            }
            sink.set(x);
        }, "C2 CompilerThread-test");
        busy.start();
        try {
            double jitMillis = 0;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (jitMillis < 200 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                jitMillis = ThreadCpu.of(pid).minus(before).perRecord(1).getOrDefault(ThreadCpu.JIT, 0.0);
            }
            assertTrue(jitMillis >= 200, "the spinning thread's CPU, counted as the JIT compilers': " + jitMillis + " ms");
        } finally {
            stop.set(true);
            busy.join();
        }
    }
}

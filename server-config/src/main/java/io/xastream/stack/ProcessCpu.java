package io.xastream.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * CPU time used so far by the processes this JVM started and theirs (the server, the embedded
 * engines' servers and backends), by kind; the benchmark's own JVM not included. A difference over a measured stretch, per record, is
 * what each part costs, and does not depend on how busy other tenants kept the machine meanwhile.
 */
record ProcessCpu(Map<String, Duration> byKind) {

    /**
     * This JVM's descendants, and the processes whose command line names {@code dataDir} with theirs:
     * PostgreSQL's server detaches from whoever started it (pg_ctl), its backends are its children.
     */
    static ProcessCpu of(Path dataDir) {
        Set<ProcessHandle> processes = new HashSet<>();
        ProcessHandle.current().descendants().forEach(processes::add);
        ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(dataDir.toString()))
                .forEach(process -> {
                    processes.add(process);
                    process.descendants().forEach(processes::add);
                });
        Map<String, Duration> byKind = new TreeMap<>();
        processes.forEach(process -> process.info().totalCpuDuration()
                .ifPresent(cpu -> byKind.merge(kind(process.info()), cpu, Duration::plus)));
        return new ProcessCpu(byKind);
    }

    private static String kind(ProcessHandle.Info info) {
        String command = info.command().orElse("");
        if (command.endsWith("/java") && !info.commandLine().orElse("").contains("jboss-cli")) {
            return "WildFly";
        }
        if (command.contains("postgres") || info.commandLine().orElse("").startsWith("postgres:")) {
            return "PostgreSQL";
        }
        if (command.contains("mariadbd") || command.contains("mysqld")) {
            return "MariaDB";
        }
        return "other";
    }

    ProcessCpu minus(ProcessCpu earlier) {
        Map<String, Duration> difference = new TreeMap<>();
        byKind.forEach((kind, cpu) -> difference.put(kind, cpu.minus(earlier.byKind.getOrDefault(kind, Duration.ZERO))));
        return new ProcessCpu(difference);
    }

    /** Milliseconds of CPU per record, by kind. */
    Map<String, Double> perRecord(int records) {
        Map<String, Double> millis = new TreeMap<>();
        byKind.forEach((kind, cpu) -> millis.put(kind, cpu.toNanos() / 1e6 / records));
        return millis;
    }
}

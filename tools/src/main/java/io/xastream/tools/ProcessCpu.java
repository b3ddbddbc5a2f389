package io.xastream.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * CPU time used so far by the processes this JVM started and theirs (the server, the embedded
 * engines' servers and backends), by process; the benchmark's own JVM not included. A difference
 * over a measured stretch, per record, is what each kind of process costs, and does not depend on
 * how busy other tenants kept the machine meanwhile.
 */
record ProcessCpu(Map<Long, Used> byProcess) {

    /** One process's kind and the CPU it has used. */
    record Used(String kind, Duration cpu) {
    }

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
        Map<Long, Used> byProcess = new HashMap<>();
        processes.forEach(process -> process.info().totalCpuDuration()
                .ifPresent(cpu -> byProcess.put(process.pid(), new Used(kind(process.info()), cpu))));
        return new ProcessCpu(byProcess);
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

    /** What each process used since {@code earlier}; one started since counts whole, one ended since not at all. */
    ProcessCpu minus(ProcessCpu earlier) {
        Map<Long, Used> difference = new HashMap<>();
        byProcess.forEach((pid, used) -> {
            Used before = earlier.byProcess.get(pid);
            difference.put(pid, new Used(used.kind(), before == null ? used.cpu() : used.cpu().minus(before.cpu())));
        });
        return new ProcessCpu(difference);
    }

    /** The process of that kind that used the most CPU (the server's JVM, not a CLI run beside it). */
    OptionalLong busiest(String kind) {
        return byProcess.entrySet().stream()
                .filter(entry -> entry.getValue().kind().equals(kind))
                .max(Map.Entry.comparingByValue(java.util.Comparator.comparing(Used::cpu)))
                .map(entry -> OptionalLong.of(entry.getKey()))
                .orElse(OptionalLong.empty());
    }

    /** Milliseconds of CPU per record, by kind of process. */
    Map<String, Double> perRecord(int records) {
        Map<String, Double> millis = new TreeMap<>();
        byProcess.values().forEach(used -> millis.merge(used.kind(), used.cpu().toNanos() / 1e6 / records, Double::sum));
        return millis;
    }
}

package io.xastream.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A WildFly server prepared by server-config, run as a child process with its own base directory
 * (configuration, logs, transaction log store, broker journal) so the prepared server stays pristine.
 * Closing stops it: gracefully first, then by force.
 */
public final class WildFlyServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WildFlyServer.class.getName());

    /**
     * The classes a boot loads, archived by the JVM (class data sharing) when a server of this home
     * first stops cleanly, and mapped by every later boot: about a fifth less CPU per boot, which on
     * two cores is about a fifth less time until the application answers. It lives in the server
     * home, so every build starts without one.
     */
    static final String CLASS_ARCHIVE = "xastream-classes.jsa";

    private static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:MetaspaceSize=96M",
            "-XX:MaxMetaspaceSize=384m", "-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true",
            "-Djboss.modules.system.pkgs=org.jboss.byteman",
            "-Djdk.serialFilter=maxbytes=10485760;maxdepth=128;maxarray=100000;maxrefs=300000");

    /**
     * On two cores or fewer the serial collector: G1's concurrent threads compete with the boot for
     * the cores, and a boot with the EAR answered about 1 s sooner without them (8.7 s against 9.6 s,
     * p50 of 6 kills each, 2026-12-06), at the same throughput (docs/recovery.md). With more cores
     * the JVM's own choice.
     */
    static List<String> collector(int processors) {
        return processors <= 2 ? List.of("-XX:+UseSerialGC") : List.of();
    }

    /**
     * What bin/standalone.sh adds on a modular JDK (bin/common.sh). The JVM is started directly, as
     * WildFly's Arquillian container does: the script probes the JDK with three JVMs of its own
     * first, close to a second of a boot on two cores.
     */
    private static final List<String> MODULAR_JDK_OPTIONS = List.of(
            "--add-exports=java.desktop/sun.awt=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.url.ldap=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.url.ldaps=ALL-UNNAMED",
            "--add-exports=jdk.naming.dns/com.sun.jndi.dns=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.security=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.management/javax.management=ALL-UNNAMED",
            "--add-opens=java.naming/javax.naming=ALL-UNNAMED");

    /** The configuration with the stages' broker inside the server. */
    public static final String FULL = "standalone-full.xml";
    /** The same with the broker outside: a node of several (server-config remote-broker.cli). */
    public static final String NODE = "standalone-cluster.xml";

    private final Process process;
    private final Path home;
    private final Path baseDir;
    private final int portOffset;
    /** Where this JVM writes the class archive when it exits, if none existed at its start; else null. */
    private final Path archiving;
    private final String configuration;

    private WildFlyServer(Process process, Path home, Path baseDir, int portOffset, Path archiving, String configuration) {
        this.process = process;
        this.configuration = configuration;
        this.home = home;
        this.baseDir = baseDir;
        this.portOffset = portOffset;
        this.archiving = archiving;
    }

    /**
     * Copies {@code home}/standalone to {@code baseDir} (afresh), drops the deployment into it, and
     * boots standalone-full.xml with the given system properties.
     */
    public static WildFlyServer start(Path home, Path baseDir, Path deployment, int portOffset,
                                      Map<String, String> properties) throws IOException {
        return start(home, baseDir, deployment, portOffset, properties, "");
    }

    /** As {@link #start(Path, Path, Path, int, Map)}, with JVM options added (a javaagent, say). */
    public static WildFlyServer start(Path home, Path baseDir, Path deployment, int portOffset,
                                      Map<String, String> properties, String extraJavaOpts) throws IOException {
        return start(home, baseDir, deployment, portOffset, properties, extraJavaOpts, FULL);
    }

    /**
     * As {@link #start(Path, Path, Path, int, Map, String)}, booting the named configuration of the
     * home: {@link #FULL}, or {@link #NODE}, a node on a standalone broker.
     */
    public static WildFlyServer start(Path home, Path baseDir, Path deployment, int portOffset,
                                      Map<String, String> properties, String extraJavaOpts, String configuration) throws IOException {
        if (!Files.isRegularFile(home.resolve("jboss-modules.jar"))) {
            throw new IllegalStateException("no WildFly at " + home + ": build it with ./mvnw package first");
        }
        prepare(home, baseDir, deployment);
        return launch(home, baseDir, portOffset, properties, extraJavaOpts, configuration);
    }

    /**
     * A stand-in for a node that never comes back (docs/scale-out.md): a fresh node configuration
     * in {@code baseDir} with a copy of the dead node's transaction log store, so that recovery under
     * the dead node's identifier (in {@code properties}, with every stage off) decides its
     * transactions as it had. The dead node must not run anywhere meanwhile.
     */
    public static WildFlyServer standIn(Path home, Path deadBaseDir, Path baseDir, Path deployment, int portOffset,
                                        Map<String, String> properties) throws IOException {
        Path logStore = Path.of("data", "tx-object-store");
        if (!Files.isDirectory(deadBaseDir.resolve(logStore))) {
            throw new IllegalStateException("no log store to stand in for at " + deadBaseDir.resolve(logStore));
        }
        prepare(home, baseDir, deployment);
        copyRecursively(deadBaseDir.resolve(logStore), baseDir.resolve(logStore));
        return launch(home, baseDir, portOffset, properties, "", NODE);
    }

    /** A fresh copy of the home's standalone directory in {@code baseDir}, with the deployment in it. */
    private static void prepare(Path home, Path baseDir, Path deployment) throws IOException {
        deleteRecursively(baseDir);
        copyRecursively(home.resolve("standalone"), baseDir);
        Files.copy(deployment, baseDir.resolve("deployments").resolve(deployment.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Boots the same server again after it stopped or died: same base directory, hence the same
     * configuration, node identifier, transaction log store and broker journal, which is what
     * recovery needs. The extra JVM options of the first start are not repeated.
     */
    public WildFlyServer restart(Map<String, String> properties) throws IOException {
        return restart(properties, "");
    }

    /** As {@link #restart(Map)}, with JVM options for this boot only (a javaagent, say). */
    public WildFlyServer restart(Map<String, String> properties, String extraJavaOpts) throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("the server is still running");
        }
        return launch(home, baseDir, portOffset, properties, extraJavaOpts, configuration);
    }

    private static WildFlyServer launch(Path home, Path baseDir, int portOffset, Map<String, String> properties,
                                        String extraJavaOpts, String configuration) throws IOException {
        Path archive = home.resolve(CLASS_ARCHIVE);
        // Written under a name of its own and moved into place once the JVM has exited (close()):
        // a server booting meanwhile never maps a half-written archive. Boots with extra options (a
        // javaagent on the boot class path) neither write nor map it: their class paths differ.
        boolean plain = extraJavaOpts.isBlank();
        Path archiving = !plain || Files.isRegularFile(archive) ? null
                : home.resolve(CLASS_ARCHIVE + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".part");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-D[Standalone]");
        command.addAll(JVM_OPTIONS);
        command.addAll(collector(Runtime.getRuntime().availableProcessors()));
        // Extra options for every server the tools start (an experiment, a bigger heap); unlike a
        // javaagent given for one boot, they keep the class archive.
        String extra = System.getProperty("xastream.server.jvm-options", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (plain) {
            command.add(archiving == null ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + archiving);
        } else {
            command.addAll(List.of(extraJavaOpts.trim().split("\\s+")));
        }
        command.addAll(MODULAR_JDK_OPTIONS);
        command.addAll(List.of(
                "-Dorg.jboss.boot.log.file=" + baseDir.resolve("log/server.log"),
                "-Dlogging.configuration=" + baseDir.resolve("configuration/logging.properties").toUri(),
                "-jar", home.resolve("jboss-modules.jar").toString(),
                "-mp", home.resolve("modules").toString(),
                "org.jboss.as.standalone",
                "-Djboss.home.dir=" + home,
                "-Djboss.server.base.dir=" + baseDir,
                "-c", configuration,
                "-Djboss.socket.binding.port-offset=" + portOffset));
        withTopologySettings(properties).forEach((key, value) -> command.add("-D" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("console.log").toFile()));
        return new WildFlyServer(StartedProcesses.stopAtExit(builder.start()), home, baseDir, portOffset, archiving, configuration);
    }

    /** Whether this server is the one to write its home's class archive, at its first clean stop. */
    public boolean archivingClasses() {
        return archiving != null;
    }

    /**
     * The given properties, plus the launching JVM's own topology settings ({@code xastream.topology.*},
     * {@code xastream.stage.*}) where the caller set none: one {@code -D} on the command that runs the
     * demo, the benchmark or the tests gives every server they start the same shape.
     */
    public static Map<String, String> withTopologySettings(Map<String, String> properties) {
        Map<String, String> all = new java.util.TreeMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("xastream.topology.") || name.startsWith("xastream.stage."))
                .forEach(name -> all.put(name, System.getProperty(name)));
        all.putAll(properties);
        return all;
    }

    /** Waits for the server process to end by itself (a crash provoked on purpose, say); false on timeout. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                && process.descendants().noneMatch(ProcessHandle::isAlive);
    }

    /** Waits until the deployment scanner reports the deployment deployed, or fails. */
    public void awaitDeployed(String deploymentName, Duration timeout) throws InterruptedException {
        Path deployments = baseDir.resolve("deployments");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(deployments.resolve(deploymentName + ".deployed"))) {
                return;
            }
            if (Files.exists(deployments.resolve(deploymentName + ".failed"))) {
                throw new IllegalStateException(deploymentName + " failed to deploy: see " + baseDir.resolve("log/server.log"));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited with " + process.exitValue() + ": see " + baseDir.resolve("console.log"));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(deploymentName + " not deployed within " + timeout + ": see " + baseDir.resolve("log/server.log"));
    }

    /**
     * Waits until the application answers on its status endpoint: the EAR is deployed and both
     * ledgers' tables exist. Needs the monitor user's password (XASTREAM_MONITOR_PASSWORD, else the default).
     */
    public void awaitApplication(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = monitorRequest("/xastream/api/status");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited with " + process.exitValue() + ": see " + baseDir.resolve("console.log"));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // booting
            }
            Thread.sleep(100); // a boot is timed by this wait: a finer step, a truer figure
        }
        throw new IllegalStateException("the application did not come up within " + timeout + ": see " + baseDir.resolve("log/server.log"));
    }

    /** The body of a GET of the application's API as the monitor user; an IOException for anything but 200. */
    public String monitorGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                .send(monitorRequest(path), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    private HttpRequest monitorRequest(String path) {
        String password = System.getenv().getOrDefault("XASTREAM_MONITOR_PASSWORD", "monitor-pw-1");
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("monitor:" + password).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    /** A management session on this server through its own jboss-cli (local authentication, as the user that started it). */
    public ManagementShell management() throws IOException {
        return new ManagementShell(home.resolve("bin/jboss-cli.sh"), managementPort());
    }

    /** kill -9: the JVM dies at once, as in a power cut; nothing gets to clean up. */
    public void kill() throws InterruptedException {
        killTree(process);
    }

    /** SIGKILL to a process and all it started; returns once every one is gone. */
    static void killTree(Process process) throws InterruptedException {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("process " + handle.pid() + " survived SIGKILL", e);
            }
        }
    }

    /** The ports standalone-full.xml binds, before the offset: ajp, http, https, iiop, iiop-ssl, management, transactions. */
    static final int[] BASE_PORTS = {8009, 8080, 8443, 3528, 3529, 9990, 9993, 4712, 4713};

    /**
     * A port offset under which none of the server's ports is taken on this machine right now, picked
     * at random: tests that start servers of their own need not agree on offsets nor collide with
     * whatever else the machine runs.
     */
    public static int freePortOffset() {
        Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            // Below the kernel's ephemeral range (32768 up): 9993 + offset stays under 30000.
            int offset = 100 + random.nextInt(200) * 100;
            if (allFree(offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found in 100 attempts");
    }

    static boolean allFree(int offset) {
        for (int port : BASE_PORTS) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port + offset));
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    public int httpPort() {
        return 8080 + portOffset;
    }

    /** WildFly's HTTPS listener, with the self-signed key pair Elytron generates at its first use. */
    public int httpsPort() {
        return 8443 + portOffset;
    }

    public int managementPort() {
        return 9990 + portOffset;
    }

    public Path baseDir() {
        return baseDir;
    }

    @Override
    public void close() {
        // The JVM and anything it started.
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        boolean stopped = true;
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warning("WildFly did not stop in 30 s, killing it");
                handle.destroyForcibly();
                stopped = false;
            }
        }
        keepClassArchive(stopped);
    }

    /**
     * Moves the class archive this JVM wrote at its exit into place, unless another server's is
     * there already; one a forced kill may have cut short is deleted.
     */
    private void keepClassArchive(boolean complete) {
        if (archiving == null || !Files.isRegularFile(archiving)) {
            return;
        }
        try {
            Path archive = home.resolve(CLASS_ARCHIVE);
            if (!complete || Files.isRegularFile(archive)) {
                Files.delete(archiving);
            } else {
                Files.move(archiving, archive, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            LOG.warning("class archive not kept: " + e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                try {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

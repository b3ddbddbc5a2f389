package io.xastream.harness;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A standalone ActiveMQ Artemis broker for several WildFly nodes (issue 20, docs/plans/scale-out.md):
 * an instance made by the distribution's own {@code artemis create} (the bin zip from Maven Central,
 * unpacked by this module's build), then given xastream's queues, address settings and security
 * ({@code broker.xml} beside this class) and its users; started, killed with SIGKILL and restarted on
 * the same journal, as {@link WildFlyServer} does a server.
 */
public final class ArtemisBroker implements AutoCloseable {

    /** A user of the broker: its password and roles (broker.xml's security settings name the roles). */
    public record User(String password, List<String> roles) {
    }

    /** Logged once the broker takes connections (Artemis's message code, stable across versions). */
    private static final String ACTIVE = "AMQ221007";
    /** The broker's heap on a small machine; the instance profile's default asks for 2 GiB. */
    private static final String JAVA_ARGS = "-Xms64m -Xmx512m -XX:+UseSerialGC -Dlog4j2.disableJmx=true "
            + "--add-opens java.base/jdk.internal.misc=ALL-UNNAMED";

    private final Path instance;
    private final int port;
    private Process process;

    private ArtemisBroker(Path instance, int port) {
        this.instance = instance;
        this.port = port;
    }

    /**
     * Makes a new broker instance in {@code instance} (replacing any there) from the distribution in
     * {@code home}, accepting core connections on 127.0.0.1:{@code port}, with the given users.
     */
    public static ArtemisBroker create(Path home, Path instance, int port, Map<String, User> users)
            throws IOException, InterruptedException {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a broker that requires a login needs a user");
        }
        String admin = users.keySet().iterator().next();
        List<String> command = List.of("sh", home.resolve("bin/artemis").toString(), "create", instance.toString(),
                "--silent", "--force", "--name", "xastream", "--user", admin, "--password", users.get(admin).password(),
                "--require-login", "--no-web", "--no-autotune", "--nio", "--host", "127.0.0.1", "--default-port", String.valueOf(port),
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor");
        WildFlyServer.deleteRecursively(instance); // --force keeps an old instance's data: its journal would come back
        Files.createDirectories(instance.getParent());
        Path log = instance.resolveSibling(instance.getFileName() + "-create.log");
        Process create = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!create.waitFor(2, TimeUnit.MINUTES) || create.exitValue() != 0) {
            create.destroyForcibly();
            throw new IllegalStateException("artemis create failed: see " + log);
        }
        Files.writeString(instance.resolve("etc/broker.xml"), brokerXml(instance.resolve("data"), port));
        Files.writeString(instance.resolve("etc/artemis-users.properties"), usersFile(users));
        Files.writeString(instance.resolve("etc/artemis-roles.properties"), rolesFile(users));
        return new ArtemisBroker(instance, port);
    }

    static String brokerXml(Path data, int port) throws IOException {
        try (InputStream template = ArtemisBroker.class.getResourceAsStream("broker.xml")) {
            if (template == null) {
                throw new IllegalStateException("broker.xml missing beside " + ArtemisBroker.class.getName());
            }
            return new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@DATA@", data.toString())
                    .replace("@ACCEPTOR@", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        }
    }

    /** user = password, one per line (the properties login module also takes plain passwords). */
    static String usersFile(Map<String, User> users) {
        StringBuilder file = new StringBuilder();
        users.forEach((name, user) -> file.append(name).append(" = ").append(user.password()).append('\n'));
        return file.toString();
    }

    /** role = user, user…, one per line. */
    static String rolesFile(Map<String, User> users) {
        Map<String, List<String>> byRole = new TreeMap<>();
        users.forEach((name, user) -> user.roles().forEach(role -> byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(name)));
        StringBuilder file = new StringBuilder();
        byRole.forEach((role, names) -> file.append(role).append(" = ").append(String.join(",", names)).append('\n'));
        return file.toString();
    }

    /** Starts the broker on its journal and waits until it takes connections. */
    public ArtemisBroker start(Duration timeout) throws IOException, InterruptedException {
        Path console = instance.resolve("console.log");
        long logged = Files.exists(console) ? Files.size(console) : 0;
        ProcessBuilder builder = new ProcessBuilder("sh", instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        builder.environment().put("JAVA_ARGS", JAVA_ARGS);
        process = StartedProcesses.stopAtExit(builder.start());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited with " + process.exitValue() + ": see " + console);
            }
            if (activeSince(console, logged) && listening()) {
                return this;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the broker did not start within " + timeout + ": see " + console);
    }

    private static boolean activeSince(Path console, long offset) throws IOException {
        byte[] all = Files.readAllBytes(console);
        return offset < all.length && new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8).contains(ACTIVE);
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGKILL to the broker and whatever its start script started; returns once all are gone. */
    public void kill() throws InterruptedException {
        if (process != null) {
            WildFlyServer.killTree(process);
            process = null;
        }
    }

    /** The URL a core client connects with; the 1.x prefixes match the addresses' names (jms.queue.…). */
    public String url() {
        return "tcp://127.0.0.1:" + port + "?enable1xPrefixes=true";
    }

    /** A port nothing on the machine listens on now, for a new broker's acceptor. */
    public static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public Path instance() {
        return instance;
    }

    /** Stops the broker with SIGTERM (its shutdown hook closes the journal), SIGKILL after 30 s. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            all.forEach(ProcessHandle::destroyForcibly);
            process = null;
        }
    }
}

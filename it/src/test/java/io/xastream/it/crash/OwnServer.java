package io.xastream.it.crash;

import io.xastream.harness.WildFlyServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A crash test's own server, besides the Arquillian one: the WildFly this build configured
 * ({@code jboss.home}), the EAR it built ({@code xastream.ear}), a fresh base directory, and ports
 * at an offset nothing on the machine uses unless the test keeps one across restarts.
 */
final class OwnServer {

    private OwnServer() {
    }

    static WildFlyServer start(Path baseDir, Map<String, String> properties) throws IOException {
        return start(baseDir, WildFlyServer.freePortOffset(), properties, "");
    }

    static WildFlyServer start(Path baseDir, int portOffset, Map<String, String> properties) throws IOException {
        return start(baseDir, portOffset, properties, "");
    }

    /** With the Byteman agent running the rules of the given script (a crash point, a held thread). */
    static WildFlyServer withByteman(Path baseDir, int portOffset, Map<String, String> properties, Path rules) throws IOException {
        return start(baseDir, portOffset, properties, byteman(rules));
    }

    /** The JVM option that loads the Byteman agent ({@code xastream.byteman.jar}) with the rules of the script. */
    static String byteman(Path rules) {
        String agent = System.getProperty("xastream.byteman.jar");
        return "-javaagent:" + agent + "=script:" + rules + ",boot:" + agent;
    }

    private static WildFlyServer start(Path baseDir, int portOffset, Map<String, String> properties, String javaOptions)
            throws IOException {
        return WildFlyServer.start(Path.of(System.getProperty("jboss.home")), baseDir, Path.of(System.getProperty("xastream.ear")),
                portOffset, properties, javaOptions);
    }
}

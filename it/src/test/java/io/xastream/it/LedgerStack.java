package io.xastream.it;

import io.xastream.harness.LedgerConnection;
import io.xastream.harness.LedgerEngines;
import io.xastream.harness.WildFlyServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The two ledger databases for the whole test run, ready before Arquillian starts the server:
 * the configured ones or embedded engines (closed when the run ends). Their connection settings
 * go to the properties file that the server boots with (arquillian.xml), with the run's topology
 * settings (-Dxastream.topology.chain=false and the like, as every server the tests start gets them).
 */
public class LedgerStack implements BeforeAllCallback {

    private static volatile LedgerEngines engines;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LedgerStack.class, key -> start(), Running.class);
    }

    private static Running start() {
        Path dir = Path.of(System.getProperty("xastream.it.dir", "target/it"));
        engines = LedgerEngines.startOrConnect(dir.resolve("engines"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties server = new Properties();
        server.putAll(WildFlyServer.withTopologySettings(engines.serverProperties()));
        try (Writer out = Files.newBufferedWriter(dir.resolve("ledgers.properties"))) {
            server.store(out, "ledger connection settings for the test server");
        } catch (IOException e) {
            engines.close();
            throw new UncheckedIOException(e);
        }
        return new Running();
    }

    public static LedgerEngines engines() {
        return engines;
    }

    public static LedgerConnection ledgerA() {
        return engines.ledgerA();
    }

    public static LedgerConnection ledgerB() {
        return engines.ledgerB();
    }

    private static final class Running implements AutoCloseable {
        @Override
        public void close() {
            engines.close();
        }
    }
}

package io.xastream.watchdog.boundary;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.DynamicMBean;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watchdog against a management model of its own making: the server's root (state and the
 * reload operation), the broker (started, its disk limit and journal file size) and the broker's
 * journal directory on a real filesystem.
 */
class BrokerWatchdogTest {

    @TempDir
    Path journal;

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final Resource root = new Resource(Map.of("suspendState", "RUNNING", "serverState", "running"));
    private final Resource broker = new Resource(Map.of("started", true, "globalMaxDiskUsage", 100, "journalFileSize", 1024));
    private final MutableClock clock = new MutableClock();
    private BrokerWatchdog watchdog;

    @BeforeEach
    void model() throws Exception {
        System.clearProperty(BrokerWatchdog.LAST_RELOAD);
        server.registerMBean(root, new ObjectName("jboss.as:management-root=server"));
        server.registerMBean(broker, new ObjectName("jboss.as:subsystem=messaging-activemq,server=default"));
        server.registerMBean(new Resource(Map.of("path", journal.toString())),
                new ObjectName("jboss.as:subsystem=messaging-activemq,server=default,path=journal-directory"));
        watchdog = new BrokerWatchdog(server, clock);
    }

    @AfterEach
    void forget() {
        System.clearProperty(BrokerWatchdog.LAST_RELOAD);
    }

    @Test
    void aRunningBrokerIsLeftAlone() throws Exception {
        for (int second = 0; second < 30; second++) {
            tick();
        }
        assertFalse(root.reloaded(Duration.ofMillis(200)));
    }

    @Test
    void aBrokerStoppedForFiveSecondsGetsTheServerReloaded() throws Exception {
        broker.set("started", false);
        for (int second = 0; second < 4; second++) {
            tick();
        }
        assertFalse(root.reloaded(Duration.ofMillis(200)), "a broker may be starting: not after 4 s");
        tick();
        tick();
        assertTrue(root.reloaded(Duration.ofSeconds(5)), "reloaded once stopped for 5 s");
        assertTrue(System.getProperty(BrokerWatchdog.LAST_RELOAD) != null, "the reload is remembered past itself");
    }

    @Test
    void notWhileTheDiskHasNoRoomForTheBroker() throws Exception {
        broker.set("started", false);
        broker.set("globalMaxDiskUsage", 0.000001); // any disk is fuller than that
        for (int second = 0; second < 30; second++) {
            tick();
        }
        assertFalse(root.reloaded(Duration.ofMillis(200)));
        broker.set("globalMaxDiskUsage", 100);
        tick();
        assertTrue(root.reloaded(Duration.ofSeconds(5)), "reloaded once there is room");
    }

    @Test
    void aRefusedReloadIsAskedForAgainAtMostThreeTimes() throws Exception {
        broker.set("started", false);
        root.refuse = true;
        for (int second = 0; second < 30; second++) {
            tick();
            awaitAnswer();
        }
        assertEquals(BrokerWatchdog.RELOAD_ATTEMPTS, root.asked, "asked again after each refusal, then left to an operator");
        assertTrue(System.getProperty(BrokerWatchdog.LAST_RELOAD) == null, "a refused reload is not remembered");
    }

    @Test
    void aBrokerThatStopsAgainSoonAfterAReloadIsNotReloadedInALoop() throws Exception {
        System.setProperty(BrokerWatchdog.LAST_RELOAD, clock.instant().minus(Duration.ofMinutes(9)).toString());
        broker.set("started", false);
        for (int second = 0; second < 30; second++) {
            tick();
        }
        assertFalse(root.reloaded(Duration.ofMillis(200)));
        clock.now = clock.now.plus(Duration.ofMinutes(2)); // ten minutes after the last
        tick();
        assertTrue(root.reloaded(Duration.ofSeconds(5)));
    }

    @Test
    void notWhileTheServerItselfIsNotRunning() throws Exception {
        broker.set("started", false);
        root.set("serverState", "reload-required");
        for (int second = 0; second < 30; second++) {
            tick();
        }
        assertFalse(root.reloaded(Duration.ofMillis(200)));
    }

    private void tick() {
        watchdog.check();
        clock.now = clock.now.plusSeconds(1);
    }

    /** The answer comes to the watchdog's own thread: wait for it before the next second. */
    private void awaitAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (watchdog.reloadPending()) {
            assertTrue(System.nanoTime() < deadline, "no answer to the reload in 5 s");
            Thread.sleep(5);
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-06T08:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** A management resource: attributes as given, and a reload operation with optional parameters. */
    public static final class Resource implements DynamicMBean {
        private final Map<String, Object> attributes;
        private final Semaphore reloads = new Semaphore(0);
        volatile boolean refuse;
        volatile int asked;

        Resource(Map<String, Object> attributes) {
            this.attributes = new ConcurrentHashMap<>(attributes);
        }

        void set(String name, Object value) {
            attributes.put(name, value);
        }

        boolean reloaded(Duration within) throws InterruptedException {
            return reloads.tryAcquire(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public Object getAttribute(String attribute) {
            return attributes.get(attribute);
        }

        @Override
        public void setAttribute(Attribute attribute) {
            attributes.put(attribute.getName(), attribute.getValue());
        }

        @Override
        public AttributeList getAttributes(String[] names) {
            AttributeList list = new AttributeList();
            for (String name : names) {
                list.add(new Attribute(name, attributes.get(name)));
            }
            return list;
        }

        @Override
        public AttributeList setAttributes(AttributeList list) {
            return list;
        }

        @Override
        public Object invoke(String action, Object[] params, String[] signature) throws MBeanException {
            if (!action.equals("reload") || params.length != 2) {
                throw new IllegalArgumentException("no operation " + action + " with " + params.length + " parameters");
            }
            asked++;
            if (refuse) {
                throw new MBeanException(new IllegalStateException("WFLYCTL0441: failed or missing services"));
            }
            reloads.release();
            return null;
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            MBeanParameterInfo[] parameters = {
                    new MBeanParameterInfo("adminOnly", Boolean.class.getName(), "admin only"),
                    new MBeanParameterInfo("startMode", String.class.getName(), "start mode")};
            return new MBeanInfo(getClass().getName(), "a management resource", null, null,
                    new MBeanOperationInfo[]{new MBeanOperationInfo("reload", "reload", parameters, "void", MBeanOperationInfo.ACTION)},
                    null);
        }
    }
}

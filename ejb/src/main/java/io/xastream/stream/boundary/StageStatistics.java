package io.xastream.stream.boundary;

import io.xastream.stream.control.Stage;
import io.xastream.stream.control.StageCounters;
import io.xastream.stream.control.StageRunner;
import io.xastream.stream.control.StageSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Each stage as an MXBean ({@code io.xastream:type=stage,name=<stage>}): records handled, mode and
 * what it is chained after. The dashboard reads them in-process, as it reads the broker's queues.
 */
@Singleton
@Startup
public class StageStatistics {

    public static final String OBJECT_NAME = "io.xastream:type=stage,name=";
    private static final Logger LOG = Logger.getLogger(StageStatistics.class.getName());

    /** What the dashboard reads of a stage. */
    public interface StageMXBean {
        long getRecordsHandled();

        String getMode();

        /** The stage in whose transactions it runs chained, or empty when it reads only its own queue. */
        String getChainedAfter();
    }

    @Inject
    @Any
    Instance<Stage> stages;

    @Inject
    StageRunner runner;

    @Inject
    StageCounters counters;

    private final List<ObjectName> registered = new ArrayList<>();

    @PostConstruct
    void register() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (Stage stage : stages) {
            String mode = StageSettings.of(stage).mode().name().toLowerCase(Locale.ROOT);
            Stage feeder = runner.topology().feederOf(stage);
            String chainedAfter = feeder == null ? "" : feeder.name();
            StageMXBean bean = new StageMXBean() {
                @Override
                public long getRecordsHandled() {
                    return counters.handled(stage.name());
                }

                @Override
                public String getMode() {
                    return mode;
                }

                @Override
                public String getChainedAfter() {
                    return chainedAfter;
                }
            };
            try {
                ObjectName name = new ObjectName(OBJECT_NAME + stage.name());
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name); // left by a deployment that died without undeploying
                }
                server.registerMBean(new javax.management.StandardMBean(bean, StageMXBean.class, true), name);
                registered.add(name);
            } catch (JMException e) {
                LOG.warning(() -> "stage " + stage.name() + ": statistics not registered: " + e);
            }
        }
    }

    @PreDestroy
    void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOG.fine(() -> "unregistering " + name + ": " + e);
            }
        }
    }
}

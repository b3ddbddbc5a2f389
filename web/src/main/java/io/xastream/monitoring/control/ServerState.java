package io.xastream.monitoring.control;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/** Whether this WildFly has finished booting, read from its management model through JMX. */
public final class ServerState {

    private static final ObjectName SERVER = ManagementAttributes.objectName("jboss.as:management-root=server");

    private ServerState() {
    }

    /**
     * True once the server has resumed after boot ({@code suspend-state} RUNNING): from then on its
     * management resources (the broker's queues, the coordinator's statistics) answer.
     */
    public static boolean running() {
        try {
            return "RUNNING".equals(String.valueOf(ManagementFactory.getPlatformMBeanServer().getAttribute(SERVER, "suspendState")));
        } catch (JMException | RuntimeException e) {
            return false;
        }
    }
}

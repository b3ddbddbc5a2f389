package io.xastream.monitoring.control;

import com.arjuna.ats.arjuna.common.arjPropertyManager;
import io.xastream.broker.ManagementAttributes;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/** What this WildFly says of itself: whether it has finished booting, its name among nodes, its address. */
public final class ServerState {

    private static final ObjectName SERVER = ManagementAttributes.objectName("jboss.as:management-root=server");
    private static final ObjectName HTTPS = ManagementAttributes.objectName("jboss.as:socket-binding-group=standard-sockets,socket-binding=https");

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

    /** The transaction node identifier ({@code xastream.node.id}): every branch this server makes carries it. */
    public static String nodeIdentifier() {
        return arjPropertyManager.getCoreEnvironmentBean().getNodeIdentifier();
    }

    /** The address of this server's dashboard, from the HTTPS socket it bound; null until it is bound. */
    public static String dashboard() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object address = server.getAttribute(HTTPS, "boundAddress");
            Object port = server.getAttribute(HTTPS, "boundPort");
            if (address == null || port == null) {
                return null;
            }
            String host = "0.0.0.0".equals(address) ? "127.0.0.1" : address.toString();
            return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/xastream/";
        } catch (JMException | RuntimeException e) {
            return null;
        }
    }
}

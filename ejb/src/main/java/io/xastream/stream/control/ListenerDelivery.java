package io.xastream.stream.control;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Starts the delivery of message-driven beans deployed with theirs off ({@code @DeliveryActive(false)}),
 * through WildFly's management model over JMX, as the CLI's {@code start-delivery} would: at run time
 * only, so every boot begins with them off again.
 */
public final class ListenerDelivery {

    private static final Logger LOG = Logger.getLogger(ListenerDelivery.class.getName());
    private static final ObjectName BEANS = name("jboss.as:subsystem=ejb3,message-driven-bean=*,*");
    private static final long RETRY_MILLIS = 250;

    private ListenerDelivery() {
    }

    /**
     * Starts the delivery of the named beans. A deployment's beans enter the management model as it
     * completes; until all are there this asks again, unless {@code stopped} says so.
     */
    public static void start(Set<String> beans, BooleanSupplier stopped) throws InterruptedException {
        if (beans.isEmpty()) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        while (!stopped.getAsBoolean()) {
            try {
                Set<String> found = new TreeSet<>();
                for (ObjectName bean : server.queryNames(BEANS, null)) {
                    if (beans.contains(bean.getKeyProperty("message-driven-bean"))) {
                        found.add(bean.getKeyProperty("message-driven-bean"));
                    }
                }
                if (found.containsAll(beans)) {
                    Set<String> active = new TreeSet<>();
                    for (ObjectName bean : server.queryNames(BEANS, null)) {
                        String name = bean.getKeyProperty("message-driven-bean");
                        if (!beans.contains(name)) {
                            continue;
                        }
                        if (Boolean.TRUE.equals(server.getAttribute(bean, "deliveryActive"))) {
                            active.add(name); // someone else started it: nothing to do, but worth saying
                        } else {
                            server.invoke(bean, "startDelivery", new Object[0], new String[0]);
                        }
                    }
                    LOG.info(() -> "delivery started: " + String.join(", ", found)
                            + (active.isEmpty() ? "" : "; already active before: " + String.join(", ", active)));
                    return;
                }
            } catch (JMException | RuntimeException notYet) {
                LOG.fine(() -> "message-driven beans not yet startable: " + notYet);
            }
            Thread.sleep(RETRY_MILLIS);
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.xastream.monitoring.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import java.lang.management.ManagementFactory;

/** Which broker the dashboard manages: the node's remote one when it has one, else the embedded one. */
@ApplicationScoped
public class BrokerControls {

    @Produces
    @ApplicationScoped
    BrokerControl broker() {
        return RemoteBroker.configured().<BrokerControl>map(remote -> remote)
                .orElseGet(() -> new EmbeddedBroker(ManagementFactory.getPlatformMBeanServer()));
    }

    void close(@Disposes BrokerControl broker) {
        if (broker instanceof RemoteBroker remote) {
            remote.close();
        }
    }
}

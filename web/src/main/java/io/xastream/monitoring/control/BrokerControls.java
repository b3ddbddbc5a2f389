package io.xastream.monitoring.control;

import io.xastream.broker.BrokerControl;
import io.xastream.broker.RemoteBroker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Which broker the dashboard manages: the node's remote one when it has one, else the embedded one. */
@ApplicationScoped
public class BrokerControls {

    @Produces
    @ApplicationScoped
    BrokerControl broker() {
        return BrokerControl.ofThisServer();
    }

    void close(@Disposes BrokerControl broker) {
        if (broker instanceof RemoteBroker remote) {
            remote.close();
        }
    }
}

package io.xastream.window.boundary;

import io.xastream.contract.Streams;
import io.xastream.stream.boundary.StageListener;
import io.xastream.stream.control.Stage;
import io.xastream.window.control.AggregateStage;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.jboss.ejb3.annotation.DeliveryActive;

/** The aggregate stage in record mode (the queue and consumer count follow xastream.stage.aggregate.*). */
@DeliveryActive(false)
@MessageDriven(name = "AggregateListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup",
                propertyValue = "${xastream.stage.aggregate.input:" + Streams.APPLIED_JNDI + "}"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = StageListener.CONSUMER_WINDOW_BYTES),
        @ActivationConfigProperty(propertyName = "maxSession",
                propertyValue = "${xastream.stage.aggregate.consumers:${xastream.transfers.consumers:16}}")
})
public class AggregateListener extends StageListener {

    @Inject
    AggregateStage stage;

    @Override
    protected Stage stage() {
        return stage;
    }
}

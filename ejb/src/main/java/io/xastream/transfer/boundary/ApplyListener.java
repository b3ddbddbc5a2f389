package io.xastream.transfer.boundary;

import io.xastream.contract.Streams;
import io.xastream.stream.boundary.StageListener;
import io.xastream.stream.control.Stage;
import io.xastream.transfer.control.ApplyStage;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.jboss.ejb3.annotation.DeliveryActive;

/** The apply stage in record mode (the queue and consumer count follow xastream.stage.apply.*). */
@DeliveryActive(false)
@MessageDriven(name = "ApplyListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup",
                propertyValue = "${xastream.stage.apply.input:" + Streams.VALIDATED_JNDI + "}"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = StageListener.CONSUMER_WINDOW_BYTES),
        @ActivationConfigProperty(propertyName = "maxSession",
                propertyValue = "${xastream.stage.apply.consumers:${xastream.transfers.consumers:16}}")
})
public class ApplyListener extends StageListener {

    @Inject
    ApplyStage stage;

    @Override
    protected Stage stage() {
        return stage;
    }
}

package io.xastream.transfer.boundary;

import io.xastream.contract.Streams;
import io.xastream.stream.boundary.StageListener;
import io.xastream.stream.control.Stage;
import io.xastream.transfer.control.ValidateStage;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.jboss.ejb3.annotation.DeliveryActive;

/** The validate stage in record mode (the queue and consumer count follow xastream.stage.validate.*). */
@DeliveryActive(false)
@MessageDriven(name = "ValidateListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup",
                propertyValue = "${xastream.stage.validate.input:" + Streams.TRANSFERS_JNDI + "}"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = StageListener.CONSUMER_WINDOW_BYTES),
        @ActivationConfigProperty(propertyName = "maxSession",
                propertyValue = "${xastream.stage.validate.consumers:${xastream.transfers.consumers:16}}")
})
public class ValidateListener extends StageListener {

    @Inject
    ValidateStage stage;

    @Override
    protected Stage stage() {
        return stage;
    }
}

package io.xastream.stream.boundary;

import io.xastream.stream.control.Stage;
import io.xastream.transfer.boundary.ApplyListener;
import io.xastream.transfer.boundary.ValidateListener;
import io.xastream.window.boundary.AggregateListener;
import jakarta.ejb.MessageDriven;
import org.jboss.ejb3.annotation.DeliveryActive;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * StageConsumers starts a record-mode stage's listener by the bean name it derives from the stage's
 * name, and a listener must not consume before that: both are checked on every listener.
 */
class StageListenerTest {

    @Test
    void everyListenerIsNamedAfterItsStageAndDeployedWithItsDeliveryOff() throws Exception {
        for (Class<? extends StageListener> listener : List.of(ValidateListener.class, ApplyListener.class, AggregateListener.class)) {
            Field stage = listener.getDeclaredField("stage");
            assertEquals(true, Stage.class.isAssignableFrom(stage.getType()), listener + " has a stage");
            String stageName = (String) stage.getType().getField("NAME").get(null);
            assertEquals(StageListener.beanName(stageName), listener.getAnnotation(MessageDriven.class).name(), listener.getName());
            DeliveryActive delivery = listener.getAnnotation(DeliveryActive.class);
            assertNotNull(delivery, listener + ": @DeliveryActive");
            assertFalse(delivery.value(), listener + ": delivery off at deployment");
        }
    }
}

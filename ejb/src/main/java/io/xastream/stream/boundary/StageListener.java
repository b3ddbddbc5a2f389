package io.xastream.stream.boundary;

import io.xastream.stream.control.Stage;
import io.xastream.stream.control.StageRunner;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Per-record mode: a message-driven bean per stage, one container-managed XA transaction per record
 * that enlists the consumed message, the stage's databases and what it emits. A subclass names its
 * stage and its queue (activation properties) and is deployed with its delivery off
 * ({@code @DeliveryActive(false)}): {@link StageConsumers} starts it, for stages in mode
 * {@code record} only, after the restart fence, so that no key's records are taken before those a
 * crash left with the broker. In the other modes the bean stays deployed and does not consume.
 */
public abstract class StageListener implements MessageListener {

    /**
     * What each listener session may buffer. Set explicitly because the XA connection factory's own
     * window, which the activation would inherit, is kept small for the epoch consumers.
     */
    public static final String CONSUMER_WINDOW_BYTES = "1048576";

    @Inject
    StageRunner runner;

    /** The injected context joins the container's transaction (XA pooled connection factory). */
    @Inject
    JMSContext jms;

    protected abstract Stage stage();

    /** The bean's name ({@code @MessageDriven(name)}) for a stage: {@code apply} → {@code ApplyListener}. */
    public static String beanName(String stage) {
        return Character.toUpperCase(stage.charAt(0)) + stage.substring(1) + "Listener";
    }

    @Override
    public void onMessage(Message message) {
        runner.process(stage(), message, jms);
    }
}

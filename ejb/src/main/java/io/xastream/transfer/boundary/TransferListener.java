package io.xastream.transfer.boundary;

import io.xastream.transfer.control.TransferProcessor;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import java.nio.charset.StandardCharsets;

/**
 * Consumes the transfer stream. Each delivery runs in one container-managed XA transaction that
 * enlists the consumed message, both ledgers and the outgoing events: it all commits, or the
 * message is redelivered (and dead-lettered after the broker's bounded attempts).
 * Sessions and the MDB pool share one setting, xastream.transfers.consumers (server-config/mdb-pool.cli).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/xastream/transfers"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${xastream.transfers.consumers:16}")
})
public class TransferListener implements MessageListener {

    @Inject
    TransferProcessor processor;

    @Override
    public void onMessage(Message message) {
        try {
            processor.process(body(message), message.getIntProperty("JMSXDeliveryCount"));
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot read the delivered message: " + e.getMessage());
        }
    }

    /** The text of a text or bytes message; null for anything else (rejected as malformed). */
    private static String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] content = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(content);
            return new String(content, StandardCharsets.UTF_8);
        }
        return null;
    }
}

package nl.mantelkring.platform.api.messages;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A vendor's channel for messages (SMS, the government's Berichtenbox, ...). Register it as a service with the
 * property {@link #NAME}; the outbox worker uses it for recipients whose preferred channel has that name and whom it
 * {@linkplain #canReach can reach}. Calls come from the worker thread, at most one at a time per channel.
 */
@ConsumerType
public interface MessageChannel {

    /** Service property: the channel's name, lower-case, e.g. {@code sms} or {@code berichtenbox}. */
    String NAME = "mantelkring.message.channel";

    /** Whether this channel has what it needs to reach the recipient (e.g. a mobile number). */
    boolean canReach(Recipient recipient);

    /**
     * Delivers the message. Returning normally means delivered; the same {@code delivery.messageId()} may come again
     * after a crash between delivery and its recording, so a channel that can deduplicate on it should.
     *
     * @throws DeliveryException when it could not; {@link DeliveryException#permanent()} stops the retries
     */
    void send(Delivery delivery) throws DeliveryException;
}

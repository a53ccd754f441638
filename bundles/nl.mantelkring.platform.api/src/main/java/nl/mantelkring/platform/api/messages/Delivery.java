package nl.mantelkring.platform.api.messages;

import java.util.List;

/** What a {@link MessageChannel} delivers: the stored message with its stable id. */
public record Delivery(String messageId, String tenant, String kind, Recipient to, String subject, String text,
                       List<Attachment> attachments) {
    public Delivery {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}

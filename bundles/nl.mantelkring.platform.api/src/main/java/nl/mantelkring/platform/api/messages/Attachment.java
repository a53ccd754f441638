package nl.mantelkring.platform.api.messages;

import java.util.Objects;

/** A file sent with a message, e.g. the decision letter as PDF. */
public record Attachment(String fileName, String mediaType, byte[] content) {
    public Attachment {
        Objects.requireNonNull(fileName);
        Objects.requireNonNull(mediaType);
        Objects.requireNonNull(content);
    }
}

package nl.mantelkring.platform.api.messages;

import java.util.List;
import java.util.Objects;

/**
 * A message to one person, as the module rendered it from its tenant's template.
 *
 * @param tenant      the gemeentecode
 * @param kind        what the message is about, prefixed by the module: e.g. {@code waardering.besluit},
 *                    {@code waardering.uitnodiging}, {@code registratie.nieuwsbrief}; shown to the consultant
 * @param reference   idempotency key, unique per tenant (e.g. {@code waardering.besluit/<aanvraag id>/1}): storing a
 *                    message with a reference already in the outbox stores nothing and returns the first one's id
 * @param to          the recipient
 * @param subject     subject line (e-mail) and letter subject (post), at most 200 characters
 * @param text        the plain-text body (B1 Dutch), the minimum the person needs; at most 20,000 characters
 * @param attachments files to send with it (e-mail: attached; post: printed after the letter), may be empty
 * @param letter      a ready PDF/A letter to print instead of {@code text} when the message goes by post (e.g. the
 *                    decision letter); null: the platform prints subject and text on the municipality's letterhead
 * @param purpose     the purpose for the audit entry of sending (e.g. "Mantelzorgwaardering (Wmo 2015 art. 2.1.6)")
 */
public record OutgoingMessage(String tenant, String kind, String reference, Recipient to, String subject,
                              String text, List<Attachment> attachments, byte[] letter, String purpose) {
    public OutgoingMessage {
        Objects.requireNonNull(tenant);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(reference);
        Objects.requireNonNull(to);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(text);
        Objects.requireNonNull(purpose);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}

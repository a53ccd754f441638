package nl.mantelkring.platform.api.messages;

import java.time.Instant;

/**
 * A stored message as the consultant and the right of access see it (no body, no address).
 *
 * @param id        the message id (also in the e-mail's {@code Message-ID})
 * @param kind      see {@link OutgoingMessage#kind()}
 * @param subjectId the data subject
 * @param channel   {@code e-mail}, {@code post} or a vendor channel; null while not yet chosen
 * @param status    {@code wachtrij} (waiting or retrying), {@code verzonden}, {@code afdrukken} (in a print batch),
 *                  {@code mislukt} (permanent failure), {@code onbestelbaar} (bounced after sending)
 * @param subject   the subject line; null once removed after the retention period
 * @param attempts  send attempts so far
 * @param problem   the last failure or bounce, in Dutch, or null
 * @param createdAt when the module stored it
 * @param sentAt    when it was sent or put in a print batch, or null
 * @param printBatch the print batch's date ({@code yyyy-mm-dd}) for post, or null
 */
public record MessageInfo(String id, String kind, String subjectId, String channel, String status, String subject,
                          int attempts, String problem, Instant createdAt, Instant sentAt, String printBatch) {
}

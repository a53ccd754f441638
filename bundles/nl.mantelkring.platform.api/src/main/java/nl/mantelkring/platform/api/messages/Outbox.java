package nl.mantelkring.platform.api.messages;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The transactional outbox. A message is stored together with the change that causes it and sent after that
 * commits, by one worker in the cluster, with retries and backoff. The channel follows the recipient's preference:
 * {@code post} (or no e-mail address) puts the letter in the day's print batch; a vendor channel registered as
 * {@link MessageChannel} that can reach the person is used when preferred; otherwise e-mail. Sending is audited
 * (actor {@code systeem:berichten}, the recipient's subject id as data subject); bodies and addresses are removed
 * after sending plus the retention period of policy {@code berichten.bewaartermijn}.
 */
@ProviderType
public interface Outbox {

    /**
     * Stores the message on the platform's datasource: during an audited write it is part of the request's
     * transaction (sent only when the request commits; dropped when it rolls back); otherwise in a transaction of
     * its own.
     *
     * @return the message id (the earlier one when the reference was stored before)
     */
    String enqueue(OutgoingMessage message);

    /** Stores the message within the caller's transaction on {@code connection}; otherwise as {@link #enqueue}. */
    String enqueue(Connection connection, OutgoingMessage message) throws SQLException;

    /** The messages of one person in the tenant, newest first (the consultant's view and the right of access). */
    List<MessageInfo> ofSubject(String tenant, String subjectId);

    /**
     * Erasure: removes every message of the person in the tenant (bodies, addresses, attachments, the rows
     * themselves), also those not yet sent. Runs within the caller's transaction on {@code connection}.
     *
     * @return the number of messages removed
     */
    int erase(Connection connection, String tenant, String subjectId) throws SQLException;
}

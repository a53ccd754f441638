package nl.mantelkring.platform.api.audit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only, hash-chained audit log. The platform implements it; modules use it for work that does not
 * pass through an {@link Audited} resource method (scheduled jobs, event handlers).
 */
@ProviderType
public interface AuditLog {

    /** Appends an entry to the tenant's chain in a transaction of its own; returns its sequence number. */
    long record(AuditEntry entry);

    /**
     * Appends an entry within the caller's transaction on {@code connection} (autocommit off), so that a data change
     * and its audit entry commit or roll back together. The tenant's chain stays locked until that transaction ends:
     * call this as the last statement before commit.
     *
     * @throws java.sql.SQLException when the entry cannot be written; roll the transaction back
     * @since 1.1
     */
    long record(java.sql.Connection connection, AuditEntry entry) throws java.sql.SQLException;
}

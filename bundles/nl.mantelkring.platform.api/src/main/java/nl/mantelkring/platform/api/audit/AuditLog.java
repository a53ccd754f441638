package nl.mantelkring.platform.api.audit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only, hash-chained audit log. The platform implements it; modules use it for work that does not
 * pass through an {@link Audited} resource method (scheduled jobs, event handlers).
 */
@ProviderType
public interface AuditLog {

    /**
     * Appends an entry to the tenant's chain in a transaction of its own; returns its sequence number. During an
     * audited write (see {@link nl.mantelkring.platform.api.data.Database#dataSource()}) the entry is appended with
     * the request's own when the request commits, and rolls back with it; 0 is returned then.
     */
    long record(AuditEntry entry);

    /**
     * Appends an entry within the caller's transaction on {@code connection} (autocommit off), so that a data change
     * and its audit entry commit or roll back together. The tenant's chain stays locked until that transaction ends:
     * call this as the last statement before commit. On a connection of an audited write the entry is appended
     * when the request commits (the chain is locked last; dropped if this transaction rolls back); 0 is returned.
     *
     * @throws java.sql.SQLException when the entry cannot be written; roll the transaction back
     * @since 1.1
     */
    long record(java.sql.Connection connection, AuditEntry entry) throws java.sql.SQLException;

    /**
     * Appends several entries of one tenant (or all without tenant) within the caller's transaction, in order, as
     * one batch: for bulk work such as a payment run, where every person's record that is read still gets its own
     * entry. Same transaction rules as {@link #record(java.sql.Connection, AuditEntry)}.
     *
     * @return the sequence number of the last entry, or 0 when {@code entries} is empty
     * @throws IllegalArgumentException when the entries belong to different tenants
     * @since 1.1
     */
    default long recordAll(java.sql.Connection connection, java.util.List<AuditEntry> entries)
            throws java.sql.SQLException {
        long last = 0;
        for (AuditEntry e : entries) {
            last = record(connection, e);
        }
        return last;
    }
}

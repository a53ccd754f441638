package nl.mantelkring.platform.api.audit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only, hash-chained audit log. The platform implements it; modules use it for work that does not
 * pass through an {@link Audited} resource method (scheduled jobs, event handlers).
 */
@ProviderType
public interface AuditLog {

    /** Appends an entry to the tenant's chain; returns the entry's sequence number in that chain. */
    long record(AuditEntry entry);
}

package nl.mantelkring.platform.internal.audit;

import java.time.Instant;

import nl.mantelkring.platform.api.audit.AuditEntry;

/** An entry as stored: its place in the chain, its time and its hashes. */
public record StoredAuditEntry(String chain, long seq, Instant occurredAt, AuditEntry entry, String prevHash,
                               String hash) {
}

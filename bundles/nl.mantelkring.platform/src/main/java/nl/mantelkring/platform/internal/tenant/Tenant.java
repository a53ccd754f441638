package nl.mantelkring.platform.internal.tenant;

import java.time.Instant;

/** A municipality hosted by this installation. */
public record Tenant(String code, String name, TenantStatus status, Instant createdAt, Instant updatedAt) {
}

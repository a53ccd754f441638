package nl.mantelkring.platform.api;

import java.util.Optional;

/**
 * The platform's roles. {@link #PLATFORM_ADMIN} is installation-wide; the others are held per tenant.
 */
public enum Role {
    /** Manages tenants for the whole installation. */
    PLATFORM_ADMIN("platform-admin", false),
    /** Manages modules, policy and users of one tenant. */
    MUNICIPAL_ADMIN("municipal-admin", true),
    /** Does casework in one tenant. */
    CONSULTANT("consultant", true),
    /** Reads the audit log of one tenant. */
    AUDITOR("auditor", true);

    private final String roleName;
    private final boolean perTenant;

    Role(String roleName, boolean perTenant) {
        this.roleName = roleName;
        this.perTenant = perTenant;
    }

    /** The role's name as used in realms, e.g. {@code municipal-admin}. */
    public String roleName() {
        return roleName;
    }

    /** Whether the role is held per tenant (as opposed to installation-wide). */
    public boolean perTenant() {
        return perTenant;
    }

    public static Optional<Role> byName(String name) {
        for (Role r : values()) {
            if (r.roleName.equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}

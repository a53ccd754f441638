package nl.mantelkring.platform.internal.security;

import java.security.Principal;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import nl.mantelkring.platform.api.Gemeentecode;
import nl.mantelkring.platform.api.Role;

/**
 * An authenticated user with installation-wide roles and roles per tenant. Realm roles are read as
 * {@code platform-admin} or {@code <role>@<gemeentecode>} (e.g. {@code consultant@GM0363}); anything else is
 * ignored.
 */
public final class Caller implements Principal {

    private final String name;
    private final Set<Role> platformRoles;
    private final Map<String, Set<Role>> tenantRoles;

    public Caller(String name, Set<Role> platformRoles, Map<String, Set<Role>> tenantRoles) {
        this.name = name;
        this.platformRoles = platformRoles.isEmpty() ? Set.of() : EnumSet.copyOf(platformRoles);
        Map<String, Set<Role>> copy = new HashMap<>();
        tenantRoles.forEach((t, r) -> copy.put(t, Set.copyOf(r)));
        this.tenantRoles = Map.copyOf(copy);
    }

    /** Builds a caller from the role names the realm gave. */
    public static Caller fromRealmRoles(String name, Collection<String> roleNames) {
        Set<Role> platform = EnumSet.noneOf(Role.class);
        Map<String, Set<Role>> perTenant = new HashMap<>();
        for (String roleName : roleNames) {
            int at = roleName.indexOf('@');
            if (at < 0) {
                Role.byName(roleName).filter(r -> !r.perTenant()).ifPresent(platform::add);
            } else {
                String tenant = roleName.substring(at + 1);
                if (Gemeentecode.isValid(tenant)) {
                    Role.byName(roleName.substring(0, at)).filter(Role::perTenant)
                            .ifPresent(r -> perTenant.computeIfAbsent(tenant, k -> EnumSet.noneOf(Role.class)).add(r));
                }
            }
        }
        return new Caller(name, platform, perTenant);
    }

    /** This caller with extra per-tenant roles (granted in the database) added to those of the realm. */
    public Caller withGrants(Map<String, Set<Role>> grants) {
        if (grants.isEmpty()) {
            return this;
        }
        Map<String, Set<Role>> merged = new HashMap<>();
        tenantRoles.forEach((t, r) -> merged.put(t, EnumSet.copyOf(r)));
        grants.forEach((t, r) -> {
            if (!r.isEmpty()) {
                merged.computeIfAbsent(t, k -> EnumSet.noneOf(Role.class)).addAll(r);
            }
        });
        return new Caller(name, platformRoles, merged);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean isPlatformAdmin() {
        return platformRoles.contains(Role.PLATFORM_ADMIN);
    }

    /** Whether the caller holds any role in the tenant. */
    public boolean belongsTo(String tenant) {
        return tenantRoles.containsKey(tenant);
    }

    public Set<Role> rolesIn(String tenant) {
        return tenantRoles.getOrDefault(tenant, Set.of());
    }

    /** The tenants the caller holds a role in, sorted. */
    public Set<String> tenants() {
        return new TreeSet<>(tenantRoles.keySet());
    }

    /** Whether the caller holds one of the roles in the tenant (or, when listed, is platform admin). */
    public boolean hasAnyIn(String tenant, Collection<Role> roles) {
        if (roles.contains(Role.PLATFORM_ADMIN) && isPlatformAdmin()) {
            return true;
        }
        Set<Role> held = rolesIn(tenant);
        return roles.stream().anyMatch(held::contains);
    }

    /** Whether the caller holds one of the roles anywhere. */
    public boolean hasAnyAnywhere(Collection<Role> roles) {
        if (roles.contains(Role.PLATFORM_ADMIN) && isPlatformAdmin()) {
            return true;
        }
        return tenantRoles.values().stream().anyMatch(held -> roles.stream().anyMatch(held::contains));
    }

    /** The roles as text for the audit log, e.g. {@code consultant@GM0363}, limited to one tenant when given. */
    public String describeRoles(String tenant) {
        return roleNames(tenant).stream().collect(Collectors.joining(","));
    }

    /**
     * The roles by their realm names ({@code platform-admin}, {@code consultant@GM0363}), sorted; limited to one
     * tenant (and the installation-wide roles) when given.
     */
    public List<String> roleNames(String tenant) {
        TreeSet<String> names = new TreeSet<>();
        platformRoles.forEach(r -> names.add(r.roleName()));
        tenantRoles.forEach((t, roles) -> {
            if (tenant == null || tenant.equals(t)) {
                roles.forEach(r -> names.add(r.roleName() + "@" + t));
            }
        });
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return "Caller[" + name + "]";
    }
}

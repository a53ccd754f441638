package nl.mantelkring.platform.internal.oidc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import nl.mantelkring.platform.internal.security.Caller;

/**
 * Maps the values of a groups or roles claim onto Mantelkring role names, in the syntax of the LDAP realm's
 * {@code role.mapping}: {@code Group=role@GM0363,role2;Other=platform-admin}. A claim value that already is a role
 * name ({@code consultant@GM0363}, {@code platform-admin}) maps onto itself; anything else is ignored (
 * {@link Caller#fromRealmRoles} keeps only valid role names).
 */
final class RoleMapping {

    private final Map<String, List<String>> mapping;

    private RoleMapping(Map<String, List<String>> mapping) {
        this.mapping = mapping;
    }

    /** Parses the mapping; blank = none. */
    static RoleMapping parse(String text) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (text != null) {
            for (String entry : text.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("roleMapping: expected Group=role,role;Group=role");
                }
                List<String> roles = m.computeIfAbsent(entry.substring(0, eq).strip(), k -> new ArrayList<>());
                for (String role : entry.substring(eq + 1).split(",")) {
                    if (!role.isBlank()) {
                        roles.add(role.strip());
                    }
                }
            }
        }
        return new RoleMapping(Map.copyOf(m));
    }

    /** The role names for the claim's values. */
    Set<String> roles(Collection<String> claimValues) {
        Set<String> roles = new TreeSet<>();
        for (String value : claimValues) {
            roles.add(value);
            roles.addAll(mapping.getOrDefault(value, List.of()));
        }
        return roles;
    }
}

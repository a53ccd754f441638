package nl.mantelkring.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.Role;

class CallerTest {

    @Test
    void parsesPlatformAndTenantRoles() {
        Caller c = Caller.fromRealmRoles("anna", List.of("platform-admin", "consultant@GM0363", "auditor@GM0363",
                "municipal-admin@GM0014"));
        assertEquals("anna", c.getName());
        assertTrue(c.isPlatformAdmin());
        assertEquals(Set.of(Role.CONSULTANT, Role.AUDITOR), c.rolesIn("GM0363"));
        assertEquals(Set.of(Role.MUNICIPAL_ADMIN), c.rolesIn("GM0014"));
        assertEquals(List.of("GM0014", "GM0363"), List.copyOf(c.tenants()));
    }

    @Test
    void ignoresJunkRoles() {
        Caller c = Caller.fromRealmRoles("bob", List.of("admin", "consultant@XX", "foo@GM0363", "consultant",
                "platform-admin@GM0363", "consultant@gm0363", "consultant@", "@GM0363", "", "viewer"));
        assertFalse(c.isPlatformAdmin());
        assertTrue(c.tenants().isEmpty());
        assertFalse(c.belongsTo("GM0363"));
        assertFalse(c.belongsTo("XX"));
        assertEquals("", c.describeRoles(null));
    }

    @Test
    void junkDoesNotCreateEmptyTenantMembership() {
        // foo@GM0363 is a valid tenant with an unknown role: it must not make the caller a member of GM0363
        Caller c = Caller.fromRealmRoles("bob", List.of("foo@GM0363", "consultant@GM0014"));
        assertFalse(c.belongsTo("GM0363"));
        assertTrue(c.belongsTo("GM0014"));
        assertEquals(Set.of("GM0014"), c.tenants());
    }

    @Test
    void tenantRoleWithoutTenantIsNotAPlatformRole() {
        Caller c = Caller.fromRealmRoles("carl", List.of("municipal-admin", "auditor"));
        assertFalse(c.isPlatformAdmin());
        assertFalse(c.hasAnyAnywhere(EnumSet.allOf(Role.class)));
    }

    @Test
    void belongsToOnlyTenantsWithARole() {
        Caller c = Caller.fromRealmRoles("dora", List.of("consultant@GM0363"));
        assertTrue(c.belongsTo("GM0363"));
        assertFalse(c.belongsTo("GM0014"));
        assertTrue(c.rolesIn("GM0014").isEmpty());
    }

    @Test
    void platformAdminDoesNotBelongToTenants() {
        Caller c = Caller.fromRealmRoles("root", List.of("platform-admin"));
        assertTrue(c.isPlatformAdmin());
        assertFalse(c.belongsTo("GM0363"));
    }

    @Test
    void hasAnyInChecksTheRolesInThatTenantOnly() {
        Caller c = Caller.fromRealmRoles("eva", List.of("consultant@GM0363", "auditor@GM0014"));
        assertTrue(c.hasAnyIn("GM0363", List.of(Role.CONSULTANT)));
        assertTrue(c.hasAnyIn("GM0363", List.of(Role.MUNICIPAL_ADMIN, Role.CONSULTANT)));
        assertFalse(c.hasAnyIn("GM0363", List.of(Role.AUDITOR)));
        assertFalse(c.hasAnyIn("GM0014", List.of(Role.CONSULTANT)));
        assertFalse(c.hasAnyIn("GM0599", List.of(Role.CONSULTANT, Role.AUDITOR)));
        assertFalse(c.hasAnyIn("GM0363", List.of()));
    }

    @Test
    void platformAdminPassesHasAnyInOnlyWhenListed() {
        Caller admin = Caller.fromRealmRoles("root", List.of("platform-admin"));
        assertTrue(admin.hasAnyIn("GM0363", List.of(Role.PLATFORM_ADMIN, Role.MUNICIPAL_ADMIN)));
        assertFalse(admin.hasAnyIn("GM0363", List.of(Role.MUNICIPAL_ADMIN, Role.CONSULTANT)));

        Caller notAdmin = Caller.fromRealmRoles("eva", List.of("consultant@GM0363"));
        assertFalse(notAdmin.hasAnyIn("GM0363", List.of(Role.PLATFORM_ADMIN)));
    }

    @Test
    void hasAnyAnywhere() {
        Caller c = Caller.fromRealmRoles("fred", List.of("auditor@GM0014"));
        assertTrue(c.hasAnyAnywhere(List.of(Role.AUDITOR)));
        assertTrue(c.hasAnyAnywhere(List.of(Role.CONSULTANT, Role.AUDITOR)));
        assertFalse(c.hasAnyAnywhere(List.of(Role.CONSULTANT, Role.MUNICIPAL_ADMIN)));
        assertFalse(c.hasAnyAnywhere(List.of(Role.PLATFORM_ADMIN)));

        Caller admin = Caller.fromRealmRoles("root", List.of("platform-admin"));
        assertTrue(admin.hasAnyAnywhere(List.of(Role.PLATFORM_ADMIN)));
        assertFalse(admin.hasAnyAnywhere(List.of(Role.AUDITOR)));
    }

    @Test
    void describeRolesIsSortedAndCanBeLimitedToOneTenant() {
        Caller c = Caller.fromRealmRoles("gina", List.of("platform-admin", "consultant@GM0363", "auditor@GM0363",
                "municipal-admin@GM0014"));
        assertEquals("auditor@GM0363,consultant@GM0363,municipal-admin@GM0014,platform-admin",
                c.describeRoles(null));
        assertEquals("auditor@GM0363,consultant@GM0363,platform-admin", c.describeRoles("GM0363"));
        assertEquals("municipal-admin@GM0014,platform-admin", c.describeRoles("GM0014"));
        assertEquals("platform-admin", c.describeRoles("GM0599"));
    }

    @Test
    void duplicateRoleNamesCollapse() {
        Caller c = Caller.fromRealmRoles("hans", List.of("consultant@GM0363", "consultant@GM0363"));
        assertEquals(Set.of(Role.CONSULTANT), c.rolesIn("GM0363"));
        assertEquals("consultant@GM0363", c.describeRoles(null));
    }

    @Test
    void constructorCopiesItsInput() {
        Set<Role> platform = EnumSet.of(Role.PLATFORM_ADMIN);
        Map<String, Set<Role>> tenants = new HashMap<>();
        Set<Role> roles = EnumSet.of(Role.CONSULTANT);
        tenants.put("GM0363", roles);
        Caller c = new Caller("ivo", platform, tenants);
        platform.clear();
        roles.add(Role.AUDITOR);
        tenants.put("GM0014", EnumSet.of(Role.AUDITOR));
        assertTrue(c.isPlatformAdmin());
        assertEquals(Set.of(Role.CONSULTANT), c.rolesIn("GM0363"));
        assertFalse(c.belongsTo("GM0014"));
    }

    @Test
    void emptyRolesGiveAnEmptyCaller() {
        Caller c = Caller.fromRealmRoles("jan", List.of());
        assertFalse(c.isPlatformAdmin());
        assertTrue(c.tenants().isEmpty());
        assertEquals("", c.describeRoles(null));
        assertEquals("Caller[jan]", c.toString());
    }

    @org.junit.jupiter.api.Test
    void grantsFromTheDatabaseAddToTheRealmRoles() {
        Caller realm = Caller.fromRealmRoles("anna", java.util.List.of("consultant@GM0363"));
        Caller merged = realm.withGrants(java.util.Map.of("GM0363", java.util.EnumSet.of(nl.mantelkring.platform.api.Role.AUDITOR),
                "GM0344", java.util.EnumSet.of(nl.mantelkring.platform.api.Role.CONSULTANT), "GM0599", java.util.EnumSet.noneOf(nl.mantelkring.platform.api.Role.class)));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(nl.mantelkring.platform.api.Role.CONSULTANT,
                nl.mantelkring.platform.api.Role.AUDITOR), merged.rolesIn("GM0363"));
        org.junit.jupiter.api.Assertions.assertTrue(merged.belongsTo("GM0344"));
        org.junit.jupiter.api.Assertions.assertFalse(merged.belongsTo("GM0599"), "an empty grant is no membership");
        org.junit.jupiter.api.Assertions.assertFalse(realm.belongsTo("GM0344"), "the realm caller is unchanged");
        org.junit.jupiter.api.Assertions.assertSame(realm, realm.withGrants(java.util.Map.of()));
    }
}

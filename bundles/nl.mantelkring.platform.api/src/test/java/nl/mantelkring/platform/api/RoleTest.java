package nl.mantelkring.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void findsEveryRoleByItsRealmName() {
        assertEquals(Optional.of(Role.PLATFORM_ADMIN), Role.byName("platform-admin"));
        assertEquals(Optional.of(Role.MUNICIPAL_ADMIN), Role.byName("municipal-admin"));
        assertEquals(Optional.of(Role.CONSULTANT), Role.byName("consultant"));
        assertEquals(Optional.of(Role.AUDITOR), Role.byName("auditor"));
        for (Role r : Role.values()) {
            assertEquals(Optional.of(r), Role.byName(r.roleName()));
        }
    }

    @Test
    void unknownOrDifferentlySpelledNamesAreEmpty() {
        assertTrue(Role.byName("admin").isEmpty());
        assertTrue(Role.byName("PLATFORM_ADMIN").isEmpty());
        assertTrue(Role.byName("Consultant").isEmpty());
        assertTrue(Role.byName("").isEmpty());
        assertTrue(Role.byName(null).isEmpty());
    }

    @Test
    void onlyPlatformAdminIsInstallationWide() {
        assertFalse(Role.PLATFORM_ADMIN.perTenant());
        assertTrue(Role.MUNICIPAL_ADMIN.perTenant());
        assertTrue(Role.CONSULTANT.perTenant());
        assertTrue(Role.AUDITOR.perTenant());
    }
}

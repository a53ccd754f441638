package nl.mantelkring.platform.internal.backoffice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.ui.BackofficePart;
import nl.mantelkring.platform.api.ui.MenuEntry;

class BackofficePartsTest {

    private record Part(String id, String element, String script, Set<Role> roles, List<MenuEntry> menu)
            implements BackofficePart {
        @Override public String moduleId() { return "registration"; }
        @Override public String title() { return "Mantelzorgers"; }
        @Override public String resourceRoot() { return "/backoffice"; }
    }

    private static Part valid() {
        return new Part("mantelzorgers", "mk-mantelzorgers", "mantelzorgers.js", Set.of(Role.CONSULTANT),
                List.of(new MenuEntry("Zoeken", "")));
    }

    @Test
    void aValidPartIsAccepted() {
        assertNull(BackofficeParts.problem(valid()));
        assertEquals(500, valid().order());
    }

    @Test
    void idElementScriptRolesAndMenuAreChecked() {
        Part p = valid();
        assertNotNull(BackofficeParts.problem(new Part("Mantel_Zorgers", p.element(), p.script(), p.roles(), p.menu())));
        assertNotNull(BackofficeParts.problem(new Part(p.id(), "mantelzorgers", p.script(), p.roles(), p.menu())),
                "a custom element name needs a hyphen");
        assertNotNull(BackofficeParts.problem(new Part(p.id(), p.element(), "../x.js", p.roles(), p.menu())));
        assertNotNull(BackofficeParts.problem(new Part(p.id(), p.element(), "/abs.js", p.roles(), p.menu())));
        assertNotNull(BackofficeParts.problem(new Part(p.id(), p.element(), p.script(), Set.of(), p.menu())));
        assertNotNull(BackofficeParts.problem(new Part(p.id(), p.element(), p.script(), p.roles(), List.of())));
    }

    @Test
    void onlyPlainRelativeFilesAreServed() {
        assertTrue(BackofficeParts.isPlainFile("mantelzorgers.js"));
        assertTrue(BackofficeParts.isPlainFile("vendor/utrecht-components.css"));
        for (String bad : new String[] {"../x.js", "a/../b.js", "/etc/passwd", "a//b.js", ".hidden", "a/.x", "", "a\\b.js",
            "a.js/", "%2e%2e/x.js"}) {
            assertFalse(BackofficeParts.isPlainFile(bad), bad);
        }
        assertFalse(BackofficeParts.isPlainFile(null));
    }

    @Test
    void menuRoutesAreKebabCaseSegments() {
        assertEquals("", new MenuEntry("Zoeken", null).route());
        assertEquals("betaalruns/nieuw", new MenuEntry("Nieuw", "betaalruns/nieuw").route());
        assertThrows(IllegalArgumentException.class, () -> new MenuEntry("X", "../x"));
        assertThrows(IllegalArgumentException.class, () -> new MenuEntry("X", "Hoofdletter"));
        assertThrows(IllegalArgumentException.class, () -> new MenuEntry(" ", ""));
    }
}

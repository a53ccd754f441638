package nl.mantelkring.platform.internal.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** No open redirect: only relative paths of this site, and for staff only back-office paths. */
class ReturnPathsTest {

    @Test
    void backofficePathsAreAccepted() {
        for (String ok : new String[] {"/backoffice", "/backoffice/", "/backoffice/registratie?x=1"}) {
            assertTrue(ReturnPaths.isBackoffice(ok), ok);
        }
        assertTrue(ReturnPaths.isRelative("/loket"));
    }

    @Test
    void anythingThatLeavesTheSiteIsRefused() {
        for (String bad : new String[] {null, "", "https://evil.example/backoffice", "//evil.example/backoffice",
                "/\\evil.example", "backoffice", "/backoffice/../api/v1", "/backoffice%2f..%2f", "/backofficex",
                "/backoffice/\r\nSet-Cookie:x", "javascript:alert(1)", "/api/v1/gemeenten"}) {
            assertFalse(ReturnPaths.isBackoffice(bad), String.valueOf(bad));
        }
        assertFalse(ReturnPaths.isRelative("//evil.example"));
    }
}

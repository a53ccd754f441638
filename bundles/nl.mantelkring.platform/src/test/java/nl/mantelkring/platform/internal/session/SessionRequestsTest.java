package nl.mantelkring.platform.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The session cookie is read from the Cookie headers whatever else the browser sends along. */
class SessionRequestsTest {

    @Test
    void findsTheNamedCookieAmongOthersAlsoMalformedOnes() {
        assertEquals("abc", SessionRequests.fromHeaders(List.of("andere=1; mk_sessie=abc; x=y"), "mk_sessie"));
        assertEquals("abc", SessionRequests.fromHeaders(List.of("kapot; =; x'; drop table", "mk_sessie=\"abc\""), "mk_sessie"));
        assertEquals("", SessionRequests.fromHeaders(List.of("mk_sessie="), "mk_sessie"));
        assertEquals("first", SessionRequests.fromHeaders(List.of("mk_sessie=first; mk_sessie=second"), "mk_sessie"));
        assertNull(SessionRequests.fromHeaders(List.of("mk_burger=abc; xmk_sessie=1"), "mk_sessie"));
        assertNull(SessionRequests.fromHeaders(null, "mk_sessie"));
    }

    @Test
    void onlyGetHeadAndOptionsAreSafe() {
        for (String m : new String[] {"POST", "PUT", "PATCH", "DELETE", "PROPFIND"}) {
            assertEquals(true, SessionRequests.unsafe(m), m);
        }
        for (String m : new String[] {"GET", "HEAD", "OPTIONS"}) {
            assertEquals(false, SessionRequests.unsafe(m), m);
        }
    }
}

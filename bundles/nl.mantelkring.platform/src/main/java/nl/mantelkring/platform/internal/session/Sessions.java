package nl.mantelkring.platform.internal.session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side sign-in sessions for staff and for citizens, kept in the database so that every node accepts a session
 * made through any other (no load-balancer affinity). The browser holds only an opaque random id in an HttpOnly
 * cookie; the database holds only a hash of it.
 */
public interface Sessions {

    /** Staff (back-office, roles) or citizen (DigiD through a broker, never a staff role). */
    enum Kind { STAFF, CITIZEN }

    /**
     * A live session. {@code subject}: the staff user name, or the citizen's pseudonym (never a BSN);
     * {@code roles}: role names as the realm or identity provider gave them at sign-in (staff; empty for
     * citizens); {@code provider}: "jaas", "oidc-staff" or "oidc-citizen"; {@code attributes}: provider data the
     * platform needs later (e.g. the citizen's encrypted BSN, the acr), never a token; {@code csrfToken}: the value
     * an unsafe request of this session must send in the {@code X-CSRF-Token} header.
     */
    record Session(Kind kind, String subject, List<String> roles, String provider, Map<String, String> attributes,
                   Instant createdAt, Instant expiresAt, String csrfToken) {
    }

    /** A session just started: the cookie value (only ever sent in Set-Cookie) and the session. */
    record Started(String cookieValue, Session session) {
    }

    Started start(Kind kind, String subject, Collection<String> roles, String provider, Map<String, String> attributes);

    /** The live session for this cookie value (idle and absolute timeouts applied; touches last use), or empty. */
    Optional<Session> find(Kind kind, String cookieValue);

    /** Ends the session (no-op when unknown). */
    void end(Kind kind, String cookieValue);

    /** The cookie's name for the kind. */
    String cookieName(Kind kind);

    /**
     * A complete Set-Cookie header value for the kind: sets the value, or clears the cookie when value is null.
     * HttpOnly; SameSite=Lax; Secure when the request came over https (directly or X-Forwarded-Proto behind a
     * proxy, as configured); Path per kind.
     */
    String setCookie(Kind kind, String cookieValue, boolean secureRequest);
}

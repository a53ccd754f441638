package nl.mantelkring.platform.internal.oidc;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import nl.mantelkring.platform.internal.session.Sessions;

/**
 * The citizen behind a citizen session cookie, for the requests of {@code @CitizenAccess} operations. Empty when the
 * session ended, when citizen sign-in is not configured (no citizen can then be signed in), or when the BSN stored in
 * the session can no longer be decrypted (the key was replaced: the citizen signs in again).
 */
@Component(service = CitizenSessions.class)
public class CitizenSessions {

    private final Sessions sessions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CitizenOidc citizens;

    @Activate
    public CitizenSessions(@Reference Sessions sessions) {
        this.sessions = sessions;
    }

    CitizenSessions(Sessions sessions, CitizenOidc citizens) {
        this(sessions);
        this.citizens = citizens;
    }

    /** The cookie's name. */
    public String cookieName() {
        return sessions.cookieName(Sessions.Kind.CITIZEN);
    }

    /** The Set-Cookie value that clears the citizen cookie. */
    public String clearCookie(boolean secure) {
        return sessions.setCookie(Sessions.Kind.CITIZEN, null, secure);
    }

    /** Whether citizens can sign in at all (a broker is configured). */
    public boolean signInConfigured() {
        return citizens != null;
    }

    public Optional<CitizenPrincipal> find(String cookieValue) {
        CitizenOidc c = citizens;
        if (c == null || cookieValue == null || cookieValue.isEmpty()) {
            return Optional.empty();
        }
        return sessions.find(Sessions.Kind.CITIZEN, cookieValue).flatMap(s -> {
            String bsn = c.decrypt(s.attributes().get("bsn"));
            return bsn == null ? Optional.empty() : Optional.of(new CitizenPrincipal(s.subject(), bsn,
                    CitizenOidc.levelName(s.attributes().get("acr")), s.csrfToken()));
        });
    }
}

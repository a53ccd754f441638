package nl.mantelkring.platform.internal.session;

import java.util.Set;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.UriInfo;

/** What the security filter and the session resources read from a request carrying a session cookie. */
public final class SessionRequests {

    /** The header an unsafe request of a session must carry, equal to the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private SessionRequests() {
    }

    /** The value of the named cookie, or null. */
    public static String cookie(HttpHeaders headers, String name) {
        Cookie c = headers.getCookies().get(name);
        return c == null ? null : c.getValue();
    }

    /** The value of the named cookie, or null. */
    public static String cookie(ContainerRequestContext ctx, String name) {
        Cookie c = ctx.getCookies().get(name);
        return c == null ? null : c.getValue();
    }

    /** Whether a request with this method changes something (and so needs the CSRF token). */
    public static boolean unsafe(String method) {
        return !SAFE_METHODS.contains(method);
    }

    /**
     * Whether the request came over https: directly, or through a proxy that says so in {@code X-Forwarded-Proto}.
     * The header is believed from anyone: it can only add the Secure flag to the cookie a client gets, never take it
     * away from a request that came over https.
     */
    public static boolean secure(UriInfo uri, String forwardedProto) {
        if ("https".equalsIgnoreCase(uri.getRequestUri().getScheme())) {
            return true;
        }
        if (forwardedProto == null) {
            return false;
        }
        int comma = forwardedProto.indexOf(',');
        return "https".equalsIgnoreCase((comma < 0 ? forwardedProto : forwardedProto.substring(0, comma)).trim());
    }
}

package nl.mantelkring.platform.internal.session;

import java.util.List;
import java.util.Set;

import javax.ws.rs.container.ContainerRequestContext;
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
        return fromHeaders(headers.getRequestHeader(HttpHeaders.COOKIE), name);
    }

    /** The value of the named cookie, or null. */
    public static String cookie(ContainerRequestContext ctx, String name) {
        return fromHeaders(ctx.getHeaders().get(HttpHeaders.COOKIE), name);
    }

    /**
     * The first value of the named cookie in the {@code Cookie} headers, or null. Read here rather than with JAX-RS:
     * CXF's parser throws on a cookie it finds malformed, and a browser sends every cookie of the site, also those of
     * other applications on it.
     */
    static String fromHeaders(List<String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    String value = pair.substring(eq + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value;
                }
            }
        }
        return null;
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

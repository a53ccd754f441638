package nl.mantelkring.platform.internal.session;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.UriInfo;

/** What the security filter and the session resources read from a request carrying a session cookie. */
public final class SessionRequests {

    /** The header an unsafe request of a session must carry, equal to the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** A host name or IP literal with an optional port, as a {@code Host} header may carry it. */
    private static final Pattern HOST =
            Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}])(?::\\d{1,5})?");

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

    /** Whether the request came over https, directly or as {@code X-Forwarded-Proto} says ({@link #secure}). */
    public static boolean secure(UriInfo uri, HttpHeaders headers) {
        return secure(uri, headers.getHeaderString("X-Forwarded-Proto"));
    }

    /**
     * The absolute URI of a path of this node as the browser reached it: https when {@link #secure}, the host from
     * the request's {@code Host} header (CXF's base URI is that of the endpoint's first request, which may have used
     * another name, e.g. localhost instead of 127.0.0.1). Behind a proxy that rewrites the host, the identity
     * provider settings name the address ({@code redirectUri}).
     */
    public static URI absolute(UriInfo uri, HttpHeaders headers, String path) {
        String host = headers.getHeaderString(HttpHeaders.HOST);
        if (host == null || !HOST.matcher(host.strip()).matches()) {
            host = uri.getRequestUri().getRawAuthority();
        }
        return URI.create((secure(uri, headers) ? "https" : "http") + "://" + host.strip() + path);
    }
}

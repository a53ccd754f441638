package nl.mantelkring.platform.internal.oidc;

import java.net.URI;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.internal.rest.ProblemResponses;
import nl.mantelkring.platform.internal.session.SessionRequests;

/** The browser side of a sign-in: the binding cookie, redirects and the Dutch error page. */
final class SignInPages {

    static final String HTML = "text/html; charset=UTF-8";
    /** The short-lived cookie that binds a sign-in under way to the browser that began it. */
    static final String BINDING_COOKIE = "mk_aanmelding";

    /** Whether the request reached the platform over https (directly or through a proxy that says so). */
    static boolean secure(UriInfo uri, HttpHeaders headers) {
        return SessionRequests.secure(uri, headers);
    }

    /** The absolute URI of an API path as the browser reached this node ({@link SessionRequests#absolute}). */
    static URI absolute(UriInfo uri, HttpHeaders headers, String apiPath) {
        return SessionRequests.absolute(uri, headers, apiPath);
    }

    /** Set-Cookie for the binding cookie on the callback's path; null value clears it. */
    static String bindingCookie(String value, String path, boolean secure) {
        return BINDING_COOKIE + "=" + (value == null ? "" : value) + "; Path=" + path + "; Max-Age="
                + (value == null ? 0 : SignInStates.LIFETIME.toSeconds()) + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    static Response.ResponseBuilder redirect(String location) {
        return Response.status(302).header(HttpHeaders.LOCATION, location);
    }

    /**
     * A refused sign-in: for a browser (it asks for {@code text/html}) a plain Dutch page that says so and how to try
     * again, without technical details; for any other client the same as {@code application/problem+json}.
     */
    static Response.ResponseBuilder error(int status, String message, String retryPath, HttpHeaders headers,
                                          String instance) {
        boolean browser = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> !m.isWildcardType() && m.isCompatible(MediaType.TEXT_HTML_TYPE));
        if (!browser) {
            return Response.fromResponse(ProblemResponses.of(status, type(status), "Aanmelden niet gelukt", message,
                    null, instance));
        }
        String html = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Aanmelden niet gelukt</title></head>\n<body style=\"font-family:sans-serif;max-width:40em;"
                + "margin:2em auto;padding:0 1em\">\n<h1>Aanmelden is niet gelukt</h1>\n<p>" + escape(message)
                + "</p>\n<p><a href=\"" + escape(retryPath) + "\">Opnieuw aanmelden</a></p>\n</body></html>\n";
        return Response.status(status).type(HTML).header("Content-Security-Policy", "default-src 'none'")
                .entity(html);
    }

    private static String type(int status) {
        return switch (status) {
            case 401 -> Problems.UNAUTHORIZED;
            case 403 -> Problems.FORBIDDEN;
            case 404 -> Problems.NOT_FOUND;
            case 503 -> Problems.UNAVAILABLE;
            default -> Problems.VALIDATION;
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private SignInPages() {
    }
}

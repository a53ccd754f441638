package nl.mantelkring.platform.internal.oidc;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

/** The browser side of a sign-in: the binding cookie, redirects and the Dutch error page. */
final class SignInPages {

    static final String HTML = "text/html; charset=UTF-8";
    /** The short-lived cookie that binds a sign-in under way to the browser that began it. */
    static final String BINDING_COOKIE = "mk_aanmelding";

    /** Whether the request reached the platform over https (directly or through a proxy that says so). */
    static boolean secure(UriInfo uri, HttpHeaders headers) {
        String forwarded = headers.getHeaderString("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(uri.getRequestUri().getScheme())
                || (forwarded != null && "https".equalsIgnoreCase(forwarded.strip()));
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

    /** A plain Dutch page that says the sign-in did not succeed and how to try again; no technical details. */
    static Response.ResponseBuilder error(int status, String message, String retryPath) {
        String html = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Aanmelden niet gelukt</title></head>\n<body style=\"font-family:sans-serif;max-width:40em;"
                + "margin:2em auto;padding:0 1em\">\n<h1>Aanmelden is niet gelukt</h1>\n<p>" + escape(message)
                + "</p>\n<p><a href=\"" + escape(retryPath) + "\">Opnieuw aanmelden</a></p>\n</body></html>\n";
        return Response.status(status).type(HTML).header("Content-Security-Policy", "default-src 'none'")
                .entity(html);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private SignInPages() {
    }
}

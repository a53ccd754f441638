package nl.mantelkring.platform.internal.backoffice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Serving the static files of the back-office and the loket: the types served, the security headers (a strict
 * same-origin Content-Security-Policy) and revalidation with {@code Last-Modified}.
 */
public final class StaticFiles {

    static final Map<String, String> TYPES = Map.of("html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8", "mjs", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8", "svg", "image/svg+xml", "png", "image/png",
            "json", "application/json", "woff2", "font/woff2", "ico", "image/x-icon");
    /** Same origin only: scripts and styles from this server, no inline scripts, API calls to this server. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    private StaticFiles() {
    }

    public static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }

    public static void headers(HttpServletResponse res) {
        res.setHeader("Content-Security-Policy", CSP);
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "no-referrer");
        res.setHeader("X-Frame-Options", "DENY");
        // files change with a redeploy; always revalidate (cheap: If-Modified-Since)
        res.setHeader("Cache-Control", "no-cache");
    }

    /** Sends the file at {@code url} as the type of {@code ext} (404 for a type that is not served). */
    public static void send(HttpServletRequest req, HttpServletResponse res, URL url, String ext) throws IOException {
        String type = TYPES.get(ext);
        if (type == null) {
            text(res, 404, "Dit soort bestand wordt niet geserveerd.");
            return;
        }
        long modified = url.openConnection().getLastModified() / 1000 * 1000;
        headers(res);
        if (modified > 0) {
            long since = req.getDateHeader("If-Modified-Since");
            if (since >= modified) {
                res.setStatus(304);
                return;
            }
            res.setDateHeader("Last-Modified", modified);
        }
        res.setContentType(type);
        try (InputStream in = url.openStream()) {
            bytes(req, res, in.readAllBytes());
        }
    }

    /** Writes a body (not for HEAD). */
    public static void bytes(HttpServletRequest req, HttpServletResponse res, byte[] body) throws IOException {
        res.setContentLength(body.length);
        if (!"HEAD".equals(req.getMethod())) {
            try (OutputStream out = res.getOutputStream()) {
                out.write(body);
            }
        }
    }

    public static void text(HttpServletResponse res, int status, String message) throws IOException {
        headers(res);
        res.setStatus(status);
        res.setContentType("text/plain;charset=UTF-8");
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}

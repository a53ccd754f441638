package nl.mantelkring.platform.internal.backoffice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Map;
import java.util.Optional;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpService;
import org.osgi.service.http.NamespaceException;

/**
 * Serves the back-office at {@code /backoffice}: the shell (from this bundle's {@code /backoffice/shell}) and each
 * {@link nl.mantelkring.platform.api.ui.BackofficePart}'s files from the bundle that registered it, at
 * {@code /backoffice/onderdelen/<id>/<file>}. Static files only (no personal data); everything the pages show
 * comes from {@code /api/v1} with the user's credentials. Only plain relative file names are served.
 */
@Component(immediate = true)
public class BackofficeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Where the back-office is served. */
    public static final String ALIAS = "/backoffice";
    private static final String SHELL = "/backoffice/shell/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8", "mjs", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8", "svg", "image/svg+xml", "png", "image/png",
            "json", "application/json", "woff2", "font/woff2", "ico", "image/x-icon");
    /** Same origin only: scripts and styles from this server, no inline scripts, API calls to this server. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    private final transient HttpService http;
    private final transient BackofficeParts parts;
    private final transient Bundle own;

    @Activate
    public BackofficeServlet(@Reference HttpService http, @Reference BackofficeParts parts)
            throws ServletException, NamespaceException {
        this.http = http;
        this.parts = parts;
        this.own = FrameworkUtil.getBundle(BackofficeServlet.class);
        http.registerServlet(ALIAS, this, null, null);
    }

    @Deactivate
    void deactivate() {
        http.unregister(ALIAS);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException, ServletException {
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            res.setHeader("Allow", "GET, HEAD");
            text(res, 405, "Methode niet toegestaan.");
            return;
        }
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        Optional<URL> file = resolve(path);
        if (file.isEmpty()) {
            text(res, 404, "Deze pagina bestaat niet. De back-office staat op " + ALIAS + ".");
            return;
        }
        send(req, res, file.get(), extension(path.isEmpty() || "/".equals(path) ? "index.html" : path));
    }

    private Optional<URL> resolve(String path) {
        if (path.isEmpty() || "/".equals(path)) {
            return Optional.ofNullable(own.getEntry(SHELL + "index.html"));
        }
        if (path.startsWith("/shell/")) {
            String rest = path.substring("/shell/".length());
            return BackofficeParts.isPlainFile(rest) ? Optional.ofNullable(own.getEntry(SHELL + rest))
                    : Optional.empty();
        }
        if (path.startsWith("/onderdelen/")) {
            String rest = path.substring("/onderdelen/".length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                return Optional.empty();
            }
            String file = rest.substring(slash + 1);
            return parts.find(rest.substring(0, slash)).flatMap(r -> parts.file(r, file));
        }
        return Optional.empty();
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }

    private static void headers(HttpServletResponse res) {
        res.setHeader("Content-Security-Policy", CSP);
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "no-referrer");
        res.setHeader("X-Frame-Options", "DENY");
        // files change with a redeploy; always revalidate (cheap: If-Modified-Since)
        res.setHeader("Cache-Control", "no-cache");
    }

    private void send(HttpServletRequest req, HttpServletResponse res, URL url, String ext) throws IOException {
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
            byte[] body = in.readAllBytes();
            res.setContentLength(body.length);
            if (!"HEAD".equals(req.getMethod())) {
                try (OutputStream out = res.getOutputStream()) {
                    out.write(body);
                }
            }
        }
    }

    private static void text(HttpServletResponse res, int status, String message) throws IOException {
        headers(res);
        res.setStatus(status);
        res.setContentType("text/plain;charset=UTF-8");
        byte[] body = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}

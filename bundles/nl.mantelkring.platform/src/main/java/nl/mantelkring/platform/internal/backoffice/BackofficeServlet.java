package nl.mantelkring.platform.internal.backoffice;

import java.io.IOException;
import java.net.URL;
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
        return StaticFiles.extension(path);
    }

    private static void send(HttpServletRequest req, HttpServletResponse res, URL url, String ext) throws IOException {
        StaticFiles.send(req, res, url, ext);
    }

    private static void text(HttpServletResponse res, int status, String message) throws IOException {
        StaticFiles.text(res, status, message);
    }
}

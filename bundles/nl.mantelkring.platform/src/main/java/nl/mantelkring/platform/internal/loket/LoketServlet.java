package nl.mantelkring.platform.internal.loket;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

import nl.mantelkring.platform.internal.backoffice.BackofficeParts;
import nl.mantelkring.platform.internal.backoffice.StaticFiles;
import nl.mantelkring.platform.internal.tenant.TenantStatus;
import nl.mantelkring.platform.internal.tenant.TenantStore;

/**
 * Serves the loket, the municipality's public front door for caregivers: {@code /loket/{gemeentecode}} (the shell page
 * of an active municipality), {@code /loket/{gemeentecode}/thema.css} and {@code .../logo} (the municipality's theme,
 * {@link LoketTheme}), the shell's files at {@code /loket/shell/*} and each {@link nl.mantelkring.platform.api.ui.LoketPart}'s
 * files at {@code /loket/onderdelen/<id>/<file>} from the bundle that registered it. Static files only; what the pages
 * show comes from {@code /api/v1}. The same strict Content-Security-Policy as the back-office, no third-party
 * resources.
 */
@Component(immediate = true)
public class LoketServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Where the loket is served. */
    public static final String ALIAS = "/loket";
    private static final String SHELL = "/loket/shell/";
    private static final Pattern TENANT_PATH = Pattern.compile("/(GM\\d{4})(/|/thema\\.css|/logo)?");

    private final transient HttpService http;
    private final transient LoketParts parts;
    private final transient TenantStore tenants;
    private final transient LoketTheme theme;
    private final transient Bundle own;

    @Activate
    public LoketServlet(@Reference HttpService http, @Reference LoketParts parts, @Reference TenantStore tenants,
                        @Reference LoketTheme theme) throws ServletException, NamespaceException {
        this.http = http;
        this.parts = parts;
        this.tenants = tenants;
        this.theme = theme;
        this.own = FrameworkUtil.getBundle(LoketServlet.class);
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
            StaticFiles.text(res, 405, "Methode niet toegestaan.");
            return;
        }
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        Matcher tenantPath = TENANT_PATH.matcher(path);
        if (tenantPath.matches()) {
            tenantPage(req, res, tenantPath.group(1), tenantPath.group(2) == null ? "/" : tenantPath.group(2));
            return;
        }
        Optional<URL> file = resolve(path);
        if (file.isEmpty()) {
            StaticFiles.text(res, 404, "Deze pagina bestaat niet. Het loket van uw gemeente staat op /loket/ met de"
                    + " code van uw gemeente, bijvoorbeeld /loket/GM0363.");
            return;
        }
        StaticFiles.send(req, res, file.get(), StaticFiles.extension(path));
    }

    private void tenantPage(HttpServletRequest req, HttpServletResponse res, String tenant, String what)
            throws IOException {
        boolean active = tenants.find(tenant).map(t -> t.status() == TenantStatus.ACTIVE).orElse(false);
        if (!active) {
            StaticFiles.text(res, 404, "Deze gemeente heeft hier geen loket.");
            return;
        }
        switch (what) {
            case "/thema.css" -> {
                StaticFiles.headers(res);
                res.setContentType("text/css;charset=UTF-8");
                StaticFiles.bytes(req, res, LoketTheme.css(theme.of(tenant).orElse(null))
                        .getBytes(StandardCharsets.UTF_8));
            }
            case "/logo" -> {
                Optional<LoketTheme.Theme> t = theme.of(tenant).filter(th -> th.logo() != null);
                if (t.isEmpty()) {
                    StaticFiles.text(res, 404, "Deze gemeente heeft geen logo ingesteld.");
                    return;
                }
                StaticFiles.headers(res);
                // an SVG opened on its own runs nothing and loads nothing
                res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
                res.setContentType(t.get().logo().type());
                StaticFiles.bytes(req, res, LoketTheme.logoBytes(t.get()));
            }
            default -> {
                URL index = own.getEntry(SHELL + "index.html");
                StaticFiles.send(req, res, index, "html");
            }
        }
    }

    private Optional<URL> resolve(String path) {
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
}

package nl.mantelkring.platform.internal.rest;

import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpService;
import org.osgi.service.http.NamespaceException;

import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.Problems;

/**
 * The default servlet ("/"): a path that no servlet serves (outside {@code /api/v1}) answers 404 as
 * {@code application/problem+json} too, instead of the web server's HTML page. A path under {@code /api/v1} only
 * comes here while the API's servlet is not registered (the platform is starting, or its REST server restarts):
 * 503, as {@link ApiServlet} answers until its endpoint is published.
 */
@Component(immediate = true)
public class NotFoundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = RestServer.objectMapper();

    private final transient HttpService http;

    @Activate
    public NotFoundServlet(@Reference HttpService http) throws ServletException, NamespaceException {
        this.http = http;
        http.registerServlet("/", this, null, null);
    }

    @Deactivate
    void deactivate() {
        http.unregister("/");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException, ServletException {
        String path = req.getRequestURI();
        if (path.equals(RestServer.API_ALIAS) || path.startsWith(RestServer.API_ALIAS + "/")) {
            ApiServlet.unavailable(req, res);
            return;
        }
        AccessLog.line(null, req.getMethod(), 404);
        byte[] body = JSON.writeValueAsBytes(ProblemResponses.body(404, Problems.NOT_FOUND, "Niet gevonden",
                "Er is geen resource op dit pad. De API staat onder /api/v1.", null, req.getRequestURI()));
        res.setStatus(404);
        res.setContentType(ApiInfo.PROBLEM_JSON);
        res.setHeader(ApiInfo.VERSION_HEADER, ApiInfo.VERSION);
        res.setHeader(ApiInfo.CORRELATION_HEADER, PreMatchFilter.correlationId(req.getHeader("traceparent"),
                req.getHeader(ApiInfo.CORRELATION_HEADER)));
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}

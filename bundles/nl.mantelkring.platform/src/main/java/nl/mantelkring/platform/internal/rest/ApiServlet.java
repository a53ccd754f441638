package nl.mantelkring.platform.internal.rest;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.cxf.Bus;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.internal.db.UnitOfWork;

/**
 * The servlet that serves {@code /api/v1}: CXF's servlet, plus problem+json for the requests CXF refuses before
 * JAX-RS sees them (an unknown charset in {@code Content-Type} would otherwise be a 500 HTML page), and 503 while no
 * endpoint is published (CXF's HTML "No service was found" otherwise, at start and when the REST server restarts).
 */
final class ApiServlet extends CXFNonSpringServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final ObjectMapper JSON = RestServer.objectMapper();

    private final transient BooleanSupplier published;

    ApiServlet(Bus bus, BooleanSupplier published) {
        super(null, bus);
        this.published = published;
    }

    @Override
    protected void invoke(HttpServletRequest req, HttpServletResponse res) throws ServletException {
        if (!published.getAsBoolean()) {
            unavailable(req, res);
            return;
        }
        String charset = req.getCharacterEncoding();
        if (charset != null && !isSupported(charset)) {
            write(res, 415, Problems.UNSUPPORTED_MEDIA_TYPE, "Mediatype niet ondersteund",
                    "De tekenset '" + charset + "' wordt niet ondersteund; gebruik UTF-8.", req);
            return;
        }
        try {
            super.invoke(req, res);
        } catch (ServletException | RuntimeException e) {
            if (res.isCommitted()) {
                throw e;
            }
            LOG.warn("Request refused below the API: {}", e.toString());
            write(res, 400, Problems.MALFORMED, "Onleesbaar verzoek", "Het verzoek kon niet worden gelezen.", req);
        } finally {
            // the response filter ends a request's unit of work; one left behind (the request failed before it) is
            // rolled back, so that neither its data nor its connection outlives the request
            UnitOfWork unit = UnitOfWork.unbind();
            if (unit != null) {
                LOG.warn("A request's transaction was not ended by the API; rolled back");
                unit.rollback();
            }
        }
    }

    private static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset.trim());
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    /**
     * 503 while the API is not served (the platform is starting, or its REST server restarts after a configuration
     * change): a readiness request gets the check {@code api} as {@code DOWN}.
     */
    static void unavailable(HttpServletRequest req, HttpServletResponse res) throws ServletException {
        ProblemBody body = ProblemResponses.body(503, Problems.UNAVAILABLE, "Tijdelijk niet beschikbaar",
                "De API start (opnieuw). Probeer het over 1 seconde opnieuw.", null, req.getRequestURI());
        if ((RestServer.API_ALIAS + "/health/ready").equals(req.getRequestURI())) {
            body.with("controles", Map.of("api", "DOWN"));
        }
        write(res, body, "1", req);
    }

    private static void write(HttpServletResponse res, int status, String type, String title, String detail,
                              HttpServletRequest req) throws ServletException {
        write(res, ProblemResponses.body(status, type, title, detail, null, req.getRequestURI()), null, req);
    }

    /** Writes a problem with the headers every API answer has ({@code retryAfter} seconds: null for none). */
    private static void write(HttpServletResponse res, ProblemBody problem, String retryAfter, HttpServletRequest req)
            throws ServletException {
        try {
            byte[] body = JSON.writeValueAsBytes(problem);
            res.reset();
            int status = problem.getStatus();
            res.setStatus(status);
            res.setContentType(ApiInfo.PROBLEM_JSON);
            res.setHeader(ApiInfo.VERSION_HEADER, ApiInfo.VERSION);
            res.setHeader(ApiInfo.CORRELATION_HEADER, PreMatchFilter.correlationId(req.getHeader("traceparent"),
                    req.getHeader(ApiInfo.CORRELATION_HEADER)));
            if (retryAfter != null) {
                res.setHeader("Retry-After", retryAfter);
            }
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
            AccessLog.line(null, req.getMethod(), status);
        } catch (IOException e) {
            throw new ServletException(e);
        }
    }
}

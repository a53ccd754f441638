package nl.mantelkring.platform.internal.rest;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

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
 * JAX-RS sees them (an unknown charset in {@code Content-Type} would otherwise be a 500 HTML page).
 */
final class ApiServlet extends CXFNonSpringServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final ObjectMapper JSON = RestServer.objectMapper();

    ApiServlet(Bus bus) {
        super(null, bus);
    }

    @Override
    protected void invoke(HttpServletRequest req, HttpServletResponse res) throws ServletException {
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

    private static void write(HttpServletResponse res, int status, String type, String title, String detail,
                              HttpServletRequest req) throws ServletException {
        try {
            byte[] body = JSON.writeValueAsBytes(ProblemResponses.body(status, type, title, detail, null,
                    req.getRequestURI()));
            res.reset();
            res.setStatus(status);
            res.setContentType(ApiInfo.PROBLEM_JSON);
            res.setHeader(ApiInfo.VERSION_HEADER, ApiInfo.VERSION);
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
            AccessLog.line(null, req.getMethod(), status);
        } catch (IOException e) {
            throw new ServletException(e);
        }
    }
}

package nl.mantelkring.platform.internal.rest;

import java.io.IOException;
import java.nio.ByteBuffer;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.Problems;

/**
 * Jetty's server-wide error handler, replaced so that what Jetty answers itself, before any servlet runs, is
 * {@code application/problem+json} too instead of an HTML page: a request Jetty cannot parse (a malformed
 * %-escape or NUL in the path, a bad header, a request line or headers too large: {@link #badMessageError}) and an
 * error raised outside any servlet context ({@link #generateAcceptableResponse}). Never a stack trace, for any method.
 */
public class ProblemErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = RestServer.objectMapper();

    public ProblemErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    /** A request that could not be parsed: no path to name, so the problem has no {@code instance}. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        if (HttpStatus.hasNoBody(status)) {
            return super.badMessageError(status, reason, fields);
        }
        fields.put(HttpHeader.CONTENT_TYPE, ApiInfo.PROBLEM_JSON);
        fields.put(ApiInfo.VERSION_HEADER, ApiInfo.VERSION);
        AccessLog.line(null, "-", status);
        return ByteBuffer.wrap(body(status, null));
    }

    /** Every method gets its problem body (Jetty's default answers only GET, POST and HEAD with a page). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        baseRequest.setHandled(true);
        if (HttpStatus.hasNoBody(code)) {
            return;
        }
        if (code == HttpStatus.NOT_FOUND_404 && underApi(instance(request))) {
            // no servlet context took a path of the API: its servlet is not registered yet (the node starts) or
            // again (the REST server restarts) — unavailable for a moment, as ApiServlet answers until it publishes
            try {
                ApiServlet.unavailable(request, response);
            } catch (javax.servlet.ServletException e) {
                throw new IOException(e);
            }
            return;
        }
        byte[] body = body(code, instance(request));
        response.setContentType(ApiInfo.PROBLEM_JSON);
        response.setHeader(ApiInfo.VERSION_HEADER, ApiInfo.VERSION);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        AccessLog.line(null, request.getMethod(), code);
    }

    private static boolean underApi(String path) {
        return path != null && (path.equals(RestServer.API_ALIAS) || path.startsWith(RestServer.API_ALIAS + "/"));
    }

    private static String instance(HttpServletRequest request) {
        try {
            return request.getRequestURI();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The problem for a status Jetty answers with itself; Jetty's own reason (English, technical) is not shown. */
    static byte[] body(int status, String instance) {
        String type;
        String title;
        String detail;
        switch (status) {
            case 400 -> {
                type = Problems.MALFORMED;
                title = "Onleesbaar verzoek";
                detail = "Het verzoek kon niet worden gelezen: controleer de URL (een % codeert een teken als %XX;"
                        + " codeer % zelf als %25) en de headers.";
            }
            case 413 -> {
                type = Problems.TOO_LARGE;
                title = "Verzoek te groot";
                detail = "Het verzoek is groter dan de server aanneemt.";
            }
            case 414 -> {
                type = Problems.TOO_LARGE;
                title = "URL te lang";
                detail = "De URL is langer dan de server aanneemt (8 KB).";
            }
            case 431 -> {
                type = Problems.TOO_LARGE;
                title = "Headers te groot";
                detail = "De headers van het verzoek zijn groter dan de server aanneemt (8 KB).";
            }
            case 404 -> {
                type = Problems.NOT_FOUND;
                title = "Niet gevonden";
                detail = "Er is geen resource op dit pad. De API staat onder /api/v1.";
            }
            case 503 -> {
                type = Problems.UNAVAILABLE;
                title = "Tijdelijk niet beschikbaar";
                detail = "De server kan het verzoek nu niet verwerken. Probeer het over een halve minuut opnieuw.";
            }
            default -> {
                boolean client = status < 500;
                type = client ? "about:blank" : Problems.INTERNAL;
                title = client ? "Fout in het verzoek" : "Interne fout";
                detail = client ? "Het verzoek is niet verwerkt (status " + status + ")."
                        : "Er ging iets mis aan onze kant.";
            }
        }
        try {
            return JSON.writeValueAsBytes(ProblemResponses.body(status, type, title, detail, null, instance));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

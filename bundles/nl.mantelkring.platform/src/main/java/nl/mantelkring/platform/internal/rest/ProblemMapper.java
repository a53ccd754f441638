package nl.mantelkring.platform.internal.rest;

import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.ClientErrorException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Jdbc;

/**
 * Turns every exception into {@code application/problem+json}: the platform's problems as they are, JAX-RS
 * client errors with their status (405 keeps its {@code Allow} header), unreadable JSON and a repeated key as 400
 * naming the field,
 * an unreachable database as 503, and anything else as 500 with the correlation id and no internals.
 */
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    private final RouteTable routes;

    ProblemMapper(RouteTable routes) {
        this.routes = routes;
    }

    @Context
    private UriInfo uriInfo;

    @Context
    private javax.ws.rs.core.Request request;

    @Override
    public Response toResponse(Throwable e) {
        String instance = instance();
        ProblemException problem = find(e, ProblemException.class);
        if (problem != null) {
            return ProblemResponses.of(problem, instance);
        }
        if (find(e, BodyTooLargeException.class) != null) {
            return ProblemResponses.of(413, Problems.TOO_LARGE, "Verzoek te groot",
                    "Het verzoek is groter dan " + BodyTooLargeException.describeLimit() + ".", null, instance);
        }
        if (e instanceof WebApplicationException wae) {
            return fromWebApplication(wae, instance);
        }
        JsonProcessingException json = find(e, JsonProcessingException.class);
        if (json != null) {
            return fromJson(json, instance);
        }
        DataAccessException dae = find(e, DataAccessException.class);
        if (dae != null && timedOut(dae)) {
            LOG.warn("Database statement timed out for {}: {}", instance, oneLine(dae));
            return Response.fromResponse(ProblemResponses.of(503, Problems.UNAVAILABLE, "Tijdelijk niet beschikbaar",
                    "De database antwoordde niet op tijd; het verzoek is niet uitgevoerd. Probeer het over een halve"
                            + " minuut opnieuw.", null, instance))
                    .header("Retry-After", "30").build();
        }
        if (dae != null && Jdbc.isUniqueViolation(dae)) {
            // two requests created the same thing at once and a module did not expect it: the loser learns why
            LOG.info("Unique key violated by {} (concurrent create): answered 409", instance);
            return ProblemResponses.of(409, Problems.CONFLICT, "Conflict",
                    "Dit bestaat al: een ander verzoek legde het zojuist vast. Haal de actuele stand op en probeer"
                            + " het zo nodig opnieuw.", null, instance);
        }
        if (dae != null && dae.isUnavailable()) {
            LOG.warn("Database unavailable: {}", oneLine(dae));
            return Response.fromResponse(ProblemResponses.of(503, Problems.UNAVAILABLE, "Tijdelijk niet beschikbaar",
                    "De database is niet bereikbaar. Probeer het over een halve minuut opnieuw.", null, instance))
                    .header("Retry-After", "30").build();
        }
        if (badEncoding(e)) {
            return ProblemResponses.of(400, Problems.MALFORMED, "Onleesbaar verzoek",
                    "De URL bevat een ongeldige %-codering (bijvoorbeeld een losse %). Codeer % als %25.", null,
                    instance);
        }
        if (clientGone(e)) {
            // the client closed the connection while the response was written (a browser navigating away aborts
            // its fetches): nothing to report to anyone, and no body — writing one to the closed connection would
            // fail again and make CXF log an ERROR with a stack trace for a client that merely left
            LOG.debug("Client went away during {}", instance);
            return Response.status(CLIENT_CLOSED).build();
        }
        LOG.error("Unexpected error for {}", instance, e);
        return ProblemResponses.of(500, Problems.INTERNAL, "Interne fout",
                "Er ging iets mis aan onze kant. Geef bij een melding het correlatie-id uit de header "
                        + ApiInfo.CORRELATION_HEADER + " door.", null, instance);
    }

    /**
     * Whether the database cut a statement off: its statement timeout (SQLSTATE 57014 on PostgreSQL and H2, or a
     * {@link java.sql.SQLTimeoutException}) or a lock wait that timed out (H2's HYT00, PostgreSQL's 55P03).
     */
    public static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTimeoutException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && java.util.Set.of("57014", "HYT00", "HYT01", "55P03").contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The exception as one log line: the database's message up to its first line break, and the SQLSTATE. */
    static String oneLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        String state = null;
        for (Throwable t = e; t != null && state == null; t = t.getCause()) {
            state = t instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
        }
        String first = (nl < 0 ? message : message.substring(0, nl)).trim();
        return state == null ? first : first + " (SQLSTATE " + state + ")";
    }

    /** Whether the database could not be reached (as {@link DataAccessException#isUnavailable()}). */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return new DataAccessException(sql).isUnavailable();
            }
        }
        return false;
    }

    /** Status in the access log for a request whose client disconnected (nginx's convention). */
    static final int CLIENT_CLOSED = 499;

    /** Whether CXF could not decode the URL's query (a stray or incomplete % escape): the client's mistake. */
    static boolean badEncoding(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null
                    && t.getMessage().startsWith("Invalid URL encoding")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is the client closing the connection (Jetty's EofException, a reset or broken pipe). */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals("org.eclipse.jetty.io.EofException")) {
                return true;
            }
            if (t instanceof java.io.IOException && t.getMessage() != null
                    && (t.getMessage().contains("Broken pipe") || t.getMessage().contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }

    private Response fromWebApplication(WebApplicationException wae, String instance) {
        Response r = wae.getResponse();
        int status = r == null ? 500 : r.getStatus();
        String type;
        String title;
        String detail;
        switch (status) {
            case 404 -> {
                type = Problems.NOT_FOUND;
                title = "Niet gevonden";
                detail = "Er is geen resource op dit pad.";
            }
            case 405 -> {
                type = Problems.METHOD_NOT_ALLOWED;
                title = "Methode niet toegestaan";
                detail = "Deze resource ondersteunt de methode " + method() + " niet.";
            }
            case 406 -> {
                type = Problems.NOT_ACCEPTABLE;
                title = "Niet acceptabel";
                detail = "Deze resource levert alleen application/json; pas de Accept-header aan.";
            }
            case 415 -> {
                type = Problems.UNSUPPORTED_MEDIA_TYPE;
                title = "Mediatype niet ondersteund";
                detail = "Stuur de inhoud als application/json.";
            }
            case 400 -> {
                type = Problems.MALFORMED;
                title = "Onleesbaar verzoek";
                detail = "Het verzoek kon niet worden gelezen; controleer de parameters.";
            }
            default -> {
                if (status >= 500 || !(wae instanceof ClientErrorException)) {
                    LOG.error("Unexpected error for {}", instance, wae);
                    status = 500;
                    type = Problems.INTERNAL;
                    title = "Interne fout";
                    detail = "Er ging iets mis aan onze kant.";
                } else {
                    type = "about:blank";
                    title = "Fout in het verzoek";
                    detail = "Het verzoek is niet verwerkt (status " + status + ").";
                }
            }
        }
        Response.ResponseBuilder b = Response.fromResponse(
                ProblemResponses.of(status, type, title, detail, null, instance));
        if (status == 405) {
            java.util.Set<String> allow = uriInfo == null ? java.util.Set.of() : routes.allowed(uriInfo.getPath());
            if (allow.isEmpty() && r != null) {
                allow = r.getAllowedMethods();
            }
            b.header(HttpHeaders.ALLOW, String.join(", ", new java.util.TreeSet<>(allow)));
        }
        return b.build();
    }

    private static Response fromJson(JsonProcessingException e, String instance) {
        String duplicate = duplicateField(e);
        if (duplicate != null) {
            return ProblemResponses.of(400, Problems.VALIDATION, "Ongeldige invoer",
                    "Het veld '" + duplicate + "' komt meer dan eens voor.",
                    List.of(new FieldViolation(duplicate, "Dit veld komt meer dan eens voor; geef het één keer.")),
                    instance);
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String field = fieldPath(jme);
            String reason;
            if (e instanceof TextInput.Refused refused) {
                reason = refused.reason();
            } else if (e instanceof UnrecognizedPropertyException) {
                reason = "Onbekend veld.";
            } else if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
                reason = "Waarde heeft het verkeerde type of formaat.";
            } else {
                reason = "Waarde kan niet worden gelezen.";
            }
            return ProblemResponses.of(400, Problems.VALIDATION, "Ongeldige invoer",
                    "Het veld '" + field + "' is ongeldig.", List.of(new FieldViolation(field, reason)), instance);
        }
        String where = e.getLocation() == null ? ""
                : " (regel " + e.getLocation().getLineNr() + ", kolom " + e.getLocation().getColumnNr() + ")";
        return ProblemResponses.of(400, Problems.MALFORMED, "Onleesbaar verzoek",
                "De inhoud is geen geldige JSON" + where + ".", null, instance);
    }

    /**
     * The repeated key of a body with a duplicate key (the mapper parses with strict duplicate detection), as a dotted
     * path like {@link #fieldPath}; null for any other error. The parser stands on the repeated key when it refuses it.
     */
    static String duplicateField(JsonProcessingException e) {
        // within a typed body the parser's exception arrives wrapped in the mapper's, which names only the parent
        StreamReadException sre = find(e, StreamReadException.class);
        String message = sre == null ? null : sre.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")) {
            return null;
        }
        JsonParser parser = sre.getProcessor();
        JsonStreamContext context = parser == null ? null : parser.getParsingContext();
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? String.valueOf(c.getCurrentIndex()) : c.getCurrentName());
        }
        if (parts.isEmpty() || parts.contains(null)) {
            // no parser to ask: the key alone, from the message
            return message.substring("Duplicate field '".length(), Math.max(message.lastIndexOf('\''),
                    "Duplicate field '".length()));
        }
        return String.join(".", parts);
    }

    private static String fieldPath(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            parts.add(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return String.join(".", parts);
    }

    @Context
    private javax.servlet.http.HttpServletRequest servletRequest;

    private String instance() {
        try {
            return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        } catch (RuntimeException e) {
            // e.g. a query CXF cannot decode: the servlet request still has the raw path
            try {
                return servletRequest == null ? null : servletRequest.getRequestURI();
            } catch (RuntimeException again) {
                return null;
            }
        }
    }

    private String method() {
        try {
            return request == null ? "" : request.getMethod();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

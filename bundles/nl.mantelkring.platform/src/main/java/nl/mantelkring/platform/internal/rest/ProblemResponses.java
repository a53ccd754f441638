package nl.mantelkring.platform.internal.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;

/** Builds {@code application/problem+json} responses (RFC 9457). */
public final class ProblemResponses {

    public static Response of(ProblemException p, String instance) {
        return of(p.status(), p.type(), p.title(), p.detail(), p.violations(), instance);
    }

    public static Response of(int status, String type, String title, String detail, List<FieldViolation> violations,
                              String instance) {
        return Response.status(status).type(ApiInfo.PROBLEM_JSON)
                .entity(body(status, type, title, detail, violations, instance)).build();
    }

    public static Map<String, Object> body(int status, String type, String title, String detail,
                                           List<FieldViolation> violations, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        if (violations != null && !violations.isEmpty()) {
            body.put("invalidParams", violations);
        }
        return body;
    }

    private ProblemResponses() {
    }
}

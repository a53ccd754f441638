package nl.mantelkring.platform.internal.rest;

import java.util.List;

import javax.ws.rs.core.Response;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;

/** Builds {@code application/problem+json} responses (RFC 9457). */
public final class ProblemResponses {

    public static Response of(ProblemException p, String instance) {
        ProblemBody body = body(p.status(), p.type(), p.title(), p.detail(), p.violations(), instance);
        p.extensions().forEach(body::with);
        return Response.status(p.status()).type(ApiInfo.PROBLEM_JSON).entity(body).build();
    }

    public static Response of(int status, String type, String title, String detail, List<FieldViolation> violations,
                              String instance) {
        return Response.status(status).type(ApiInfo.PROBLEM_JSON)
                .entity(body(status, type, title, detail, violations, instance)).build();
    }

    public static ProblemBody body(int status, String type, String title, String detail,
                                   List<FieldViolation> violations, String instance) {
        return new ProblemBody(status, type, title, detail, violations, instance);
    }

    private ProblemResponses() {
    }
}

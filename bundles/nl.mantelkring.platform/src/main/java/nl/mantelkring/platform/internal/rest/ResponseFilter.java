package nl.mantelkring.platform.internal.rest;

import java.lang.reflect.Method;
import java.net.URI;
import java.sql.SQLException;

import javax.annotation.Priority;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MultivaluedMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.Citizen;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.internal.oidc.CitizenPrincipal;
import nl.mantelkring.platform.internal.audit.AuditLogImpl;
import nl.mantelkring.platform.internal.db.UnitOfWork;
import nl.mantelkring.platform.internal.security.Caller;

/**
 * Last on every response: writes the audit entry of an {@link Audited} method called by an authenticated user
 * (whatever the outcome, refusals included; if the
 * entry cannot be written, the response becomes 503 so that no personal data leaves unaudited), ends the request's
 * {@link UnitOfWork} of an audited write (below 400: its data and audit entries commit together, or nothing does and
 * the answer is 503; 400 and higher: its data rolls back and the refusal is audited on its own), sets the
 * {@code API-Version} and correlation headers, and logs one line: correlation id, tenant, method, route,
 * status, duration. The route is the resource template, so no identifier or query value reaches the log.
 */
@Priority(100)
public class ResponseFilter implements ContainerResponseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseFilter.class);

    @Context
    private ResourceInfo resourceInfo;

    private final AuditLogImpl auditLog;

    public ResponseFilter(AuditLogImpl auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        String correlationId = (String) req.getProperty(RequestAttributes.CORRELATION_ID);
        String tenant = (String) req.getProperty(RequestAttributes.TENANT);
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        Audited audited = method == null ? null : method.getAnnotation(Audited.class);
        // unauthenticated calls processed nothing and name no one: the access log has them, the audit log does not
        // (so anonymous traffic cannot flood a tenant's chain)
        AuditEntry entry = audited != null && (req.getProperty(RequestAttributes.CALLER) != null
                || req.getProperty(RequestAttributes.CITIZEN) != null)
                ? entry(req, res, audited, tenant, correlationId) : null;
        UnitOfWork unit = UnitOfWork.unbind();
        if (unit != null && res.getStatus() < 400) {
            try {
                auditLog.commit(unit, entry);
            } catch (SQLException | RuntimeException e) {
                withhold(req, res, correlationId, e, "De wijziging kon niet samen met het logboek worden vastgelegd"
                        + " en is niet doorgevoerd. Probeer het later opnieuw.");
            }
            if (res.getStatus() < 400) {
                unit.runAfterCommit();
            }
        } else {
            if (unit != null) {
                // a rejected or failed request changes nothing
                unit.rollback();
            }
            if (entry != null) {
                try {
                    auditLog.record(entry);
                } catch (RuntimeException e) {
                    withhold(req, res, correlationId, e,
                            "Het logboek kon niet worden bijgewerkt; de gegevens worden daarom niet getoond.");
                }
            }
        }
        MultivaluedMap<String, Object> headers = res.getHeaders();
        headers.putSingle(ApiInfo.VERSION_HEADER, ApiInfo.VERSION);
        if (correlationId != null) {
            headers.putSingle(ApiInfo.CORRELATION_HEADER, correlationId);
        }
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Cache-Control", "no-store");
        Object start = req.getProperty(RequestAttributes.START_NANOS);
        long ms = start instanceof Long s ? (System.nanoTime() - s) / 1_000_000 : -1;
        AccessLog.line(correlationId, tenant, req.getMethod(), route(), res.getStatus(), ms);
    }

    private static AuditEntry entry(ContainerRequestContext req, ContainerResponseContext res, Audited a,
                                    String tenant, String correlationId) {
        Caller caller = (Caller) req.getProperty(RequestAttributes.CALLER);
        CitizenPrincipal citizen = (CitizenPrincipal) req.getProperty(RequestAttributes.CITIZEN);
        int status = res.getStatus();
        String outcome;
        if (Boolean.TRUE.equals(req.getProperty(RequestAttributes.DENIED))) {
            outcome = "geweigerd";
        } else if (status < 400) {
            outcome = "geslaagd";
        } else if (status < 500) {
            outcome = "afgewezen";
        } else {
            outcome = "mislukt";
        }
        String recordId = null;
        if (!a.idParam().isEmpty()) {
            recordId = req.getUriInfo().getPathParameters().getFirst(a.idParam());
        } else if (status == 201 && res.getLocation() != null) {
            recordId = lastSegment(res.getLocation());
        }
        String subject = a.subjectParam().isEmpty() ? (a.personalData() ? recordId : null)
                : req.getUriInfo().getPathParameters().getFirst(a.subjectParam());
        if (subject == null && !a.subjectParam().isEmpty() && status < 400) {
            // a filter on one person in the query (e.g. ?betrokkene=<id>), once the resource accepted it
            subject = req.getUriInfo().getQueryParameters().getFirst(a.subjectParam());
        }
        if (citizen != null && citizen.concerned() != null) {
            // a citizen's operation: the resource said whose record it touched (the citizen's own, e.g. the caregiver
            // the BSN led to): that is the data subject; it is the record too when the path names none
            if (recordId == null) {
                recordId = citizen.concerned();
            }
            subject = citizen.concerned();
        }
        String purpose = a.purpose();
        if (!a.purposeParam().isEmpty() && status < 400) {
            // only a value the resource accepted (it answered below 400) reaches the log
            String stated = req.getUriInfo().getQueryParameters().getFirst(a.purposeParam());
            if (stated != null) {
                purpose = purpose + " (doel: " + AuditFields.fit(stated, AuditFields.STATED_PURPOSE) + ")";
            }
        }
        // every value fits its column whatever the client sent: only a server fault can make this write fail. The
        // tenant is a well-formed gemeentecode (SecurityFilter), the correlation id at most 64 safe characters
        // (PreMatchFilter), activity and record type are the operation's own constants.
        String actor = citizen != null ? citizen.pseudonym() : caller.getName();
        String roles = citizen != null ? Citizen.ROLE : caller.describeRoles(tenant);
        return new AuditEntry(tenant, AuditFields.fit(actor, AuditFields.ACTOR),
                AuditFields.fit(roles, AuditFields.ACTOR_ROLES), a.activity(), a.recordType(),
                AuditFields.fit(recordId, AuditFields.RECORD_ID), AuditFields.fit(subject, AuditFields.SUBJECT_ID),
                AuditFields.fit(purpose, AuditFields.PURPOSE), a.personalData(), correlationId,
                AuditFields.fit(outcome + " " + status, AuditFields.OUTCOME));
    }

    /** The audit entry could not be written: the response becomes 503 and nothing of it leaves. */
    private static void withhold(ContainerRequestContext req, ContainerResponseContext res, String correlationId,
                                 Exception e, String detail) {
        // one line, without the driver's message (it quotes the values); the correlation id finds the request
        if (ProblemMapper.timedOut(e) || ProblemMapper.unreachable(e) || AuditFields.unavailable(e)) {
            LOG.warn("Audit entry could not be written, database unavailable (correlationId={}): {};"
                    + " response withheld", correlationId, AuditFields.describe(e));
        } else {
            LOG.error("Audit entry could not be written (correlationId={}): {}; response withheld",
                    correlationId, AuditFields.describe(e));
        }
        res.setStatus(503);
        res.getHeaders().putSingle("Content-Type", ApiInfo.PROBLEM_JSON);
        res.getHeaders().putSingle("Retry-After", "30");
        res.getHeaders().remove("Location");
        res.setEntity(ProblemResponses.body(503, Problems.UNAVAILABLE, "Tijdelijk niet beschikbaar", detail, null,
                req.getUriInfo().getRequestUri().getRawPath()));
    }

    private String route() {
        if (resourceInfo == null || resourceInfo.getResourceMethod() == null) {
            return "-";
        }
        javax.ws.rs.Path cp = resourceInfo.getResourceClass().getAnnotation(javax.ws.rs.Path.class);
        javax.ws.rs.Path mp = resourceInfo.getResourceMethod().getAnnotation(javax.ws.rs.Path.class);
        String route = "/" + (cp == null ? "" : cp.value()) + (mp == null ? "" : "/" + mp.value());
        return route.replaceAll("/+", "/");
    }

    private static String lastSegment(URI location) {
        String p = location.getPath();
        return p == null ? null : p.substring(p.lastIndexOf('/') + 1);
    }
}

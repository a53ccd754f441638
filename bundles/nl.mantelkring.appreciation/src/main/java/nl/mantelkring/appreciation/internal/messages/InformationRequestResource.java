package nl.mantelkring.appreciation.internal.messages;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.internal.ApplicationResource;
import nl.mantelkring.appreciation.internal.Applications;
import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.api.format.MultiLine;

/**
 * {@code /gemeenten/{gemeentecode}/waarderingsaanvragen/{aanvraagId}/informatieverzoeken}: the consultant asks the
 * caregiver for more information on an application that is not decided yet. The request is recorded with the
 * application and the message stored in the outbox, in the request's transaction (both or neither).
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=appreciation")
@Path("gemeenten/{gemeentecode}/waarderingsaanvragen/{aanvraagId}/informatieverzoeken")
@Produces(MediaType.APPLICATION_JSON)
public class InformationRequestResource implements RestResource {

    static final int MAX_EXPLANATION = 2000;

    public record RequestIn(@MultiLine @JsonProperty("toelichting") String explanation) {
    }

    public record RequestOut(@JsonProperty("id") String id, @JsonProperty("aanvraagId") String applicationId,
                             @JsonProperty("toelichting") String explanation,
                             @JsonProperty("gevraagdOp") Instant requestedAt,
                             @JsonProperty("gevraagdDoor") String requestedBy,
                             @JsonProperty("berichtId") String messageId) {
    }

    private final Applications applications;
    private final AppreciationMessages messages;

    @Activate
    public InformationRequestResource(@Reference Applications applications,
                                      @Reference AppreciationMessages messages) {
        this.applications = applications;
        this.messages = messages;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsaanvraag.informatie-vragen", recordType = "waarderingsaanvraag",
            purpose = AppreciationMessages.PURPOSE, idParam = "aanvraagId")
    public Response request(@PathParam("gemeentecode") String tenant, @PathParam("aanvraagId") String applicationId,
                            RequestIn body, @Context SecurityContext security) {
        ApplicationResource.id("aanvraagId", applicationId);
        if (body == null || body.explanation() == null || body.explanation().isBlank()) {
            throw ProblemException.invalid("toelichting", "Verplicht: wat de mantelzorger nog moet sturen of"
                    + " laten weten.");
        }
        if (body.explanation().length() > MAX_EXPLANATION) {
            throw ProblemException.invalid("toelichting", "Ten hoogste " + MAX_EXPLANATION + " tekens.");
        }
        Applications.Stored a = applications.find(tenant, applicationId)
                .orElseThrow(Applications::notFound);
        if (!Applications.SUBMITTED.equals(a.status()) && !Applications.WAITING.equals(a.status())) {
            throw ProblemException.conflict("Deze aanvraag is " + a.status() + "; informatie vragen kan alleen zolang"
                    + " er nog geen besluit is.");
        }
        String id = UUID.randomUUID().toString();
        String actor = security.getUserPrincipal().getName();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String explanation = body.explanation().strip();
        applications.jdbc().update("insert into appreciation_information_request (id, tenant, application_id,"
                + " caregiver_id, explanation, requested_at, requested_by) values (?,?,?,?,?,?,?)", id, tenant,
                applicationId, a.caregiverId(), explanation, now, actor);
        String messageId = messages.informationNeeded(tenant, a, id, explanation)
                .orElseThrow(() -> ProblemException.conflict("Deze mantelzorger is niet (meer) geregistreerd; er kan"
                        + " geen bericht naartoe."));
        applications.jdbc().update("update appreciation_information_request set message_id = ? where tenant = ?"
                + " and id = ?", messageId, tenant, id);
        return Response.created(URI.create("gemeenten/" + tenant + "/waarderingsaanvragen/" + applicationId
                + "/informatieverzoeken/" + id))
                .entity(new RequestOut(id, applicationId, explanation, now, actor, messageId)).build();
    }

    @GET
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsaanvraag.informatieverzoeken-lezen", recordType = "waarderingsaanvraag",
            purpose = AppreciationMessages.PURPOSE, idParam = "aanvraagId")
    public Page<RequestOut> list(@PathParam("gemeentecode") String tenant,
                                 @PathParam("aanvraagId") String applicationId, @QueryParam("pagina") String page,
                                 @QueryParam("paginaGrootte") String size) {
        PageRequest p = PageRequest.parse(page, size);
        ApplicationResource.id("aanvraagId", applicationId);
        applications.find(tenant, applicationId)
                .orElseThrow(Applications::notFound);
        List<RequestOut> all = applications.jdbc().query("select * from appreciation_information_request where"
                + " tenant = ? and application_id = ? order by requested_at, id", rs -> new RequestOut(
                        rs.getString("id"), rs.getString("application_id"), rs.getString("explanation"),
                        Jdbc.instant(rs, "requested_at"), rs.getString("requested_by"), rs.getString("message_id")),
                tenant, applicationId);
        return Page.slice(all, p);
    }

}

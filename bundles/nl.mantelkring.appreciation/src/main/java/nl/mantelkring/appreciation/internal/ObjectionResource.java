package nl.mantelkring.appreciation.internal;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.format.MultiLine;

/**
 * {@code /gemeenten/{gemeentecode}/waarderingsaanvragen/{aanvraagId}/bezwaren}: objections against the decision on an
 * application (Awb chapter 6): record one (date received, grounds; whether it was in time), list them.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("gemeenten/{gemeentecode}/waarderingsaanvragen/{aanvraagId}/bezwaren")
@Produces(MediaType.APPLICATION_JSON)
public class ObjectionResource implements RestResource {

    public record ObjectionIn(@JsonProperty("ontvangenOp") String receivedOn,
                              @MultiLine @JsonProperty("gronden") String grounds) {
    }

    public record ObjectionOut(@JsonProperty("id") String id, @JsonProperty("aanvraagId") String applicationId,
                               @JsonProperty("ontvangenOp") LocalDate receivedOn,
                               @JsonProperty("uiterlijk") LocalDate deadline, @JsonProperty("tijdig") boolean inTime,
                               @JsonProperty("gronden") String grounds,
                               @JsonProperty("tegenBesluit") String againstStatus,
                               @JsonProperty("geregistreerdOp") Instant registeredAt,
                               @JsonProperty("geregistreerdDoor") String registeredBy,
                               @JsonProperty("uitkomst") String outcome, @JsonProperty("motivering") String motivation,
                               @JsonProperty("beslistOp") Instant decidedAt,
                               @JsonProperty("beslistDoor") String decidedBy,
                               @JsonProperty("briefId") String letterId) {
        static ObjectionOut of(Applications.Objection o) {
            return new ObjectionOut(o.id(), o.applicationId(), o.receivedOn(), o.deadline(), o.inTime(), o.grounds(),
                    o.againstStatus(), o.registeredAt(), o.registeredBy(), o.outcome(), o.motivation(), o.decidedAt(),
                    o.decidedBy(), o.letterId());
        }
    }

    public record ObjectionsOut(@JsonProperty("bezwaren") List<ObjectionOut> objections) {
    }

    private final Applications applications;

    @Activate
    public ObjectionResource(@Reference Applications applications) {
        this.applications = applications;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsbezwaar.registreren", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE, idParam = "aanvraagId")
    public Response object(@PathParam("gemeentecode") String tenant, @PathParam("aanvraagId") String id,
                           ObjectionIn body, @Context SecurityContext security) {
        ApplicationResource.id("aanvraagId", id);
        if (body == null) {
            throw ProblemException.invalid("body", "Verplicht: een JSON-object.");
        }
        List<FieldViolation> v = new ArrayList<>();
        LocalDate received = null;
        if (body.receivedOn() == null) {
            v.add(new FieldViolation("ontvangenOp", "Verplicht: de datum waarop het bezwaarschrift binnenkwam."));
        } else {
            try {
                received = LocalDate.parse(body.receivedOn());
            } catch (DateTimeParseException e) {
                v.add(new FieldViolation("ontvangenOp", "Een datum als 2026-12-03."));
            }
        }
        if (body.grounds() == null || body.grounds().isBlank()) {
            v.add(new FieldViolation("gronden", "Verplicht: waarom de mantelzorger het niet eens is met het besluit."));
        } else if (body.grounds().length() > 4000) {
            v.add(new FieldViolation("gronden", "Ten hoogste 4000 tekens."));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        Applications.Objection o = applications.object(tenant, id, security.getUserPrincipal().getName(), received,
                body.grounds().strip());
        return Response.created(URI.create("gemeenten/" + tenant + "/waarderingsaanvragen/" + id + "/bezwaren/"
                + o.id())).entity(ObjectionOut.of(o)).build();
    }

    @GET
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsbezwaar.zoeken", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE, idParam = "aanvraagId")
    public ObjectionsOut list(@PathParam("gemeentecode") String tenant, @PathParam("aanvraagId") String id) {
        applications.find(tenant, ApplicationResource.id("aanvraagId", id)).orElseThrow(Applications::notFound);
        return new ObjectionsOut(applications.objections(tenant, id).stream().map(ObjectionOut::of).toList());
    }
}

package nl.mantelkring.employers.internal;

import java.net.URI;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * {@code /gemeenten/{gemeentecode}/werkgeversprogrammas}: programmes the municipality runs with employers (network
 * meetings, manager training, campaigns, surveys), their outcomes, and the participating employers
 * ({@code .../{programmaId}/deelnames}). No personal data; changes are audited as administrative records.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + EmployersModule.ID)
@Path("gemeenten/{gemeentecode}/werkgeversprogrammas")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.CONSULTANT)
public class ProgrammeResource implements RestResource {

    static final String RECORD = "werkgeversprogramma";

    private final ProgrammeStore store;

    @Activate
    public ProgrammeResource(@Reference ProgrammeStore store) {
        this.store = store;
    }

    @GET
    public Page<Programme.View> list(@PathParam("gemeentecode") String tenant, @QueryParam("soort") String kind,
                                     @QueryParam("pagina") String page, @QueryParam("paginaGrootte") String size) {
        PageRequest request = PageRequest.parse(page, size);
        Checks c = new Checks();
        c.code("soort", kind, Programme.KINDS, false);
        c.throwIfAny();
        return store.list(tenant, kind, request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(activity = "werkgeversprogramma.aanmaken", recordType = RECORD, purpose = EmployersModule.PURPOSE,
            personalData = false)
    public Response create(@PathParam("gemeentecode") String tenant, Programme.Input body) {
        Programme.View p = store.create(tenant, Programme.validate(body));
        return Response.created(URI.create("gemeenten/" + tenant + "/werkgeversprogrammas/" + p.id())).entity(p)
                .build();
    }

    @GET
    @Path("{programmaId}")
    public Programme.View get(@PathParam("gemeentecode") String tenant, @PathParam("programmaId") String id) {
        return store.require(tenant, Checks.id("programmaId", id));
    }

    @PUT
    @Path("{programmaId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(activity = "werkgeversprogramma.wijzigen", recordType = RECORD, purpose = EmployersModule.PURPOSE,
            personalData = false, idParam = "programmaId")
    public Programme.View update(@PathParam("gemeentecode") String tenant, @PathParam("programmaId") String id,
                                 Programme.Input body) {
        Checks.id("programmaId", id);
        return store.update(tenant, id, Programme.validate(body)).orElseThrow(ProgrammeResource::notFound);
    }

    @DELETE
    @Path("{programmaId}")
    @Audited(activity = "werkgeversprogramma.verwijderen", recordType = RECORD, purpose = EmployersModule.PURPOSE,
            personalData = false, idParam = "programmaId")
    public Response delete(@PathParam("gemeentecode") String tenant, @PathParam("programmaId") String id) {
        if (!store.delete(tenant, Checks.id("programmaId", id))) {
            throw notFound();
        }
        return Response.noContent().build();
    }

    @GET
    @Path("{programmaId}/deelnames")
    public Page<Programme.Participation> participations(@PathParam("gemeentecode") String tenant,
                                                        @PathParam("programmaId") String id,
                                                        @QueryParam("pagina") String page,
                                                        @QueryParam("paginaGrootte") String size) {
        PageRequest request = PageRequest.parse(page, size);
        store.require(tenant, Checks.id("programmaId", id));
        return Page.slice(store.participations(tenant, id), request);
    }

    @POST
    @Path("{programmaId}/deelnames")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(activity = "deelname.aanmelden", recordType = "deelname", purpose = EmployersModule.PURPOSE,
            personalData = false)
    public Response join(@PathParam("gemeentecode") String tenant, @PathParam("programmaId") String id,
                         Programme.NewParticipation body) {
        Checks.id("programmaId", id);
        Checks.body(body, "werkgeverId");
        Checks c = new Checks();
        String employer = c.matching("werkgeverId", body.employerId(), 36, true, Checks.ID, "Geen geldig id.");
        String outcome = c.text("resultaat", body.outcome(), 2000, false);
        c.throwIfAny();
        Programme.Participation p = store.join(tenant, id, employer, outcome);
        return Response.created(URI.create("gemeenten/" + tenant + "/werkgeversprogrammas/" + id + "/deelnames/"
                + employer)).entity(p).build();
    }

    @PUT
    @Path("{programmaId}/deelnames/{werkgeverId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(activity = "deelname.wijzigen", recordType = "deelname", purpose = EmployersModule.PURPOSE,
            personalData = false, idParam = "werkgeverId")
    public Programme.Participation changeOutcome(@PathParam("gemeentecode") String tenant,
                                                 @PathParam("programmaId") String id,
                                                 @PathParam("werkgeverId") String employerId,
                                                 Programme.ParticipationChange body) {
        Checks.id("programmaId", id);
        Checks.id("werkgeverId", employerId);
        Checks.body(body, "resultaat");
        Checks c = new Checks();
        String outcome = c.text("resultaat", body.outcome(), 2000, false);
        c.throwIfAny();
        return store.changeOutcome(tenant, id, employerId, outcome).orElseThrow(
                () -> ProblemException.notFound("Deze werkgever neemt niet deel aan dit programma."));
    }

    @DELETE
    @Path("{programmaId}/deelnames/{werkgeverId}")
    @Audited(activity = "deelname.afmelden", recordType = "deelname", purpose = EmployersModule.PURPOSE,
            personalData = false, idParam = "werkgeverId")
    public Response leave(@PathParam("gemeentecode") String tenant, @PathParam("programmaId") String id,
                          @PathParam("werkgeverId") String employerId) {
        if (!store.leave(tenant, Checks.id("programmaId", id), Checks.id("werkgeverId", employerId))) {
            throw ProblemException.notFound("Deze werkgever neemt niet deel aan dit programma.");
        }
        return Response.noContent().build();
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Geen programma met dit id.");
    }
}

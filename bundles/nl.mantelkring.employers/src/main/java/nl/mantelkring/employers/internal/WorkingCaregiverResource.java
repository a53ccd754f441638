package nl.mantelkring.employers.internal;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
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

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * {@code /gemeenten/{gemeentecode}/werkende-mantelzorgers}: registered caregivers marked as working, optionally
 * with their employer, with their consent; for reporting only. Needs the registration module.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + EmployersModule.ID)
@Path("gemeenten/{gemeentecode}/werkende-mantelzorgers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkingCaregiverResource implements RestResource {

    static final String RECORD = "werkende-mantelzorger";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** The body of a link. */
    public record LinkIn(@JsonProperty("werkgeverId") String employerId) {
    }

    private final CaregiverLinks links;

    @Activate
    public WorkingCaregiverResource(@Reference CaregiverLinks links) {
        this.links = links;
    }

    private static String id(String name, String value) {
        if (value == null || !value.matches(UUID)) {
            throw ProblemException.invalid(name, "Geen geldig id (UUID in kleine letters).");
        }
        return value;
    }

    @GET
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "werkende-mantelzorger.zoeken", recordType = RECORD, purpose = EmployersModule.PURPOSE)
    public Page<CaregiverLinks.View> list(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                          @QueryParam("paginaGrootte") String size) {
        return links.list(tenant, PageRequest.parse(page, size));
    }

    @GET
    @Path("rapportage")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    public Page<CaregiverLinks.Count> report(@PathParam("gemeentecode") String tenant,
                                             @QueryParam("pagina") String page,
                                             @QueryParam("paginaGrootte") String size) {
        PageRequest request = PageRequest.parse(page, size);
        List<CaregiverLinks.Count> all = links.report(tenant);
        return Page.slice(all, request);
    }

    @GET
    @Path("{mantelzorgerId}")
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "werkende-mantelzorger.lezen", recordType = RECORD, purpose = EmployersModule.PURPOSE,
            idParam = "mantelzorgerId")
    public CaregiverLinks.View read(@PathParam("gemeentecode") String tenant,
                                    @PathParam("mantelzorgerId") String caregiverId) {
        return links.find(tenant, id("mantelzorgerId", caregiverId)).orElseThrow(() -> ProblemException.notFound(
                "Deze mantelzorger is niet als werkende mantelzorger gekoppeld."));
    }

    @PUT
    @Path("{mantelzorgerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "werkende-mantelzorger.koppelen", recordType = RECORD, purpose = EmployersModule.PURPOSE,
            idParam = "mantelzorgerId")
    public CaregiverLinks.View link(@PathParam("gemeentecode") String tenant,
                                    @PathParam("mantelzorgerId") String caregiverId, LinkIn body,
                                    @Context SecurityContext security) {
        id("mantelzorgerId", caregiverId);
        if (body == null) {
            throw ProblemException.invalid("body", "Verplicht: een JSON-object (werkgeverId mag leeg zijn).");
        }
        if (body.employerId() != null) {
            id("werkgeverId", body.employerId());
        }
        return links.link(tenant, caregiverId, body.employerId(), security.getUserPrincipal().getName());
    }

    @DELETE
    @Path("{mantelzorgerId}")
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "werkende-mantelzorger.ontkoppelen", recordType = RECORD, purpose = EmployersModule.PURPOSE,
            idParam = "mantelzorgerId")
    public Response unlink(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String caregiverId) {
        if (!links.unlink(tenant, id("mantelzorgerId", caregiverId))) {
            throw ProblemException.notFound("Deze mantelzorger is niet als werkende mantelzorger gekoppeld.");
        }
        return Response.noContent().build();
    }
}

package nl.mantelkring.respite.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
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

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.format.Postcode;

/**
 * {@code /gemeenten/{gemeentecode}/postcodegebieden}: the tenant's PC4 areas with their centroid (WGS84), the map
 * for "distance from a postcode" and for the gap analysis. Configuration, no personal data.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RespiteModule.ID)
@Path("gemeenten/{gemeentecode}/postcodegebieden")
@Produces(MediaType.APPLICATION_JSON)
public class AreaResource implements RestResource {

    static final String PURPOSE = "Beheer van de respijtwijzer";

    /** An area as sent by the client (the postcode is in the path). */
    public record AreaBody(@JsonProperty("naam") String name, @JsonProperty("lat") Double lat,
                           @JsonProperty("lon") Double lon) {
    }

    private final AreaStore areas;

    @Activate
    public AreaResource(@Reference AreaStore areas) {
        this.areas = areas;
    }

    @GET
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    public Page<AreaStore.Area> list(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                     @QueryParam("paginaGrootte") String pageSize) {
        return Page.slice(areas.list(tenant), PageRequest.parse(page, pageSize));
    }

    @PUT
    @Path("{postcode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "postcodegebied.vastleggen", recordType = "postcodegebied", purpose = PURPOSE,
            personalData = false, idParam = "postcode")
    public Response put(@PathParam("gemeentecode") String tenant, @PathParam("postcode") String postcode,
                        AreaBody body) {
        checkPostcode(postcode);
        List<FieldViolation> v = new ArrayList<>();
        if (body == null || body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            v.add(new FieldViolation("naam", "Verplicht, ten hoogste 200 tekens."));
        }
        if (body == null || body.lat() == null || body.lat() < OfferingValidator.MIN_LAT
                || body.lat() > OfferingValidator.MAX_LAT) {
            v.add(new FieldViolation("lat", "Verplicht: breedtegraad in Nederland (WGS84)."));
        }
        if (body == null || body.lon() == null || body.lon() < OfferingValidator.MIN_LON
                || body.lon() > OfferingValidator.MAX_LON) {
            v.add(new FieldViolation("lon", "Verplicht: lengtegraad in Nederland (WGS84)."));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        AreaStore.Area a = new AreaStore.Area(postcode, body.name().strip(), body.lat(), body.lon());
        boolean created = areas.put(tenant, a);
        return created ? Response.created(URI.create("gemeenten/" + tenant + "/postcodegebieden/" + postcode))
                .entity(a).build() : Response.ok(a).build();
    }

    @DELETE
    @Path("{postcode}")
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "postcodegebied.verwijderen", recordType = "postcodegebied", purpose = PURPOSE,
            personalData = false, idParam = "postcode")
    public Response delete(@PathParam("gemeentecode") String tenant, @PathParam("postcode") String postcode) {
        checkPostcode(postcode);
        if (!areas.delete(tenant, postcode)) {
            throw ProblemException.notFound("Dit postcodegebied staat niet in de lijst van uw gemeente.");
        }
        return Response.noContent().build();
    }

    private static void checkPostcode(String postcode) {
        if (!Postcode.isPc4(postcode)) {
            throw ProblemException.invalid("postcode", Postcode.PC4_REASON);
        }
    }
}

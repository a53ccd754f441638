package nl.mantelkring.employers.internal;

import java.time.LocalDate;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.QueryValues;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;

/**
 * {@code /gemeenten/{gemeentecode}/erkenningen}: all recognitions of the tenant, by status, or those expiring within
 * N days ({@code verlooptBinnenDagen}), soonest first, so that a consultant can approach the employer in time.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + EmployersModule.ID)
@Path("gemeenten/{gemeentecode}/erkenningen")
@Produces(MediaType.APPLICATION_JSON)
public class RecognitionListResource implements RestResource {

    static final int MAX_DAYS = 3660;

    private final RecognitionStore store;

    @Activate
    public RecognitionListResource(@Reference RecognitionStore store) {
        this.store = store;
    }

    @GET
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    public Page<Recognition.View> list(@PathParam("gemeentecode") String tenant, @QueryParam("status") String status,
                                       @QueryParam("verlooptBinnenDagen") String withinDays,
                                       @QueryParam("pagina") String page,
                                       @QueryParam("paginaGrootte") String size) {
        PageRequest request = PageRequest.parse(page, size);
        Integer days = withinDays(withinDays);
        Checks c = new Checks();
        c.code("status", status, java.util.Set.copyOf(Recognition.STATUSES), false);
        c.throwIfAny();
        return store.list(tenant, status, days, request, LocalDate.now());
    }

    /** The {@code verlooptBinnenDagen} query value: null when absent, else 0 to {@value #MAX_DAYS}. */
    static Integer withinDays(String value) {
        Integer days = QueryValues.integer("verlooptBinnenDagen", value);
        if (days != null && (days < 0 || days > MAX_DAYS)) {
            throw ProblemException.invalid("verlooptBinnenDagen", "Moet tussen 0 en " + MAX_DAYS + " liggen.");
        }
        return days;
    }
}

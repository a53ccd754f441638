package nl.mantelkring.employers.internal;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;

import javax.ws.rs.Consumes;
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
 * {@code /gemeenten/{gemeentecode}/werkgevers/{werkgeverId}/erkenningen}: an employer's recognitions as a
 * caregiver-friendly employer. The expiry date follows from the recognition date and the tenant's policy
 * {@code werkgevers.erkenning}. Recognitions hold no personal data; changes are audited as administrative records.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + EmployersModule.ID)
@Path("gemeenten/{gemeentecode}/werkgevers/{werkgeverId}/erkenningen")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.CONSULTANT)
public class RecognitionResource implements RestResource {

    static final String RECORD = "erkenning";

    private final RecognitionStore store;
    private final EmployerStore employers;
    private final EmployersPolicy policy;
    private final Clock clock;

    @Activate
    public RecognitionResource(@Reference RecognitionStore store, @Reference EmployerStore employers,
                               @Reference EmployersPolicy policy) {
        this(store, employers, policy, Clock.systemDefaultZone());
    }

    RecognitionResource(RecognitionStore store, EmployerStore employers, EmployersPolicy policy, Clock clock) {
        this.store = store;
        this.employers = employers;
        this.policy = policy;
        this.clock = clock;
    }

    @GET
    public Page<Recognition.View> list(@PathParam("gemeentecode") String tenant,
                                       @PathParam("werkgeverId") String employerId,
                                       @QueryParam("pagina") String page, @QueryParam("paginaGrootte") String size) {
        PageRequest request = PageRequest.parse(page, size);
        employers.require(tenant, Checks.id("werkgeverId", employerId));
        return store.listForEmployer(tenant, employerId, request, LocalDate.now(clock));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(activity = "erkenning.starten", recordType = RECORD, purpose = EmployersModule.PURPOSE,
            personalData = false)
    public Response create(@PathParam("gemeentecode") String tenant, @PathParam("werkgeverId") String employerId,
                           Recognition.Input body) {
        Checks.id("werkgeverId", employerId);
        LocalDate today = LocalDate.now(clock);
        Recognition.Input in = Recognition.validate(body, today);
        Recognition.View r = store.create(tenant, employerId, in, expiry(tenant, in), today);
        return Response.created(URI.create("gemeenten/" + tenant + "/werkgevers/" + employerId + "/erkenningen/"
                + r.id())).entity(r).build();
    }

    @GET
    @Path("{erkenningId}")
    public Recognition.View get(@PathParam("gemeentecode") String tenant, @PathParam("werkgeverId") String employerId,
                                @PathParam("erkenningId") String id) {
        Checks.id("werkgeverId", employerId);
        Checks.id("erkenningId", id);
        return store.find(tenant, employerId, id, LocalDate.now(clock)).orElseThrow(RecognitionResource::notFound);
    }

    @PUT
    @Path("{erkenningId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(activity = "erkenning.wijzigen", recordType = RECORD, purpose = EmployersModule.PURPOSE,
            personalData = false, idParam = "erkenningId")
    public Recognition.View update(@PathParam("gemeentecode") String tenant,
                                   @PathParam("werkgeverId") String employerId, @PathParam("erkenningId") String id,
                                   Recognition.Input body) {
        Checks.id("werkgeverId", employerId);
        Checks.id("erkenningId", id);
        LocalDate today = LocalDate.now(clock);
        Recognition.Input in = Recognition.validate(body, today);
        return store.update(tenant, employerId, id, in, expiry(tenant, in), today)
                .orElseThrow(RecognitionResource::notFound);
    }

    private LocalDate expiry(String tenant, Recognition.Input in) {
        if (in.recognisedOn() == null) {
            return null;
        }
        return in.recognisedOn().plusMonths(policy.recognitionValidityMonths(tenant, in.recognisedOn().getYear()));
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Geen erkenning met dit id bij deze werkgever.");
    }
}

package nl.mantelkring.employers.internal;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * {@code /gemeenten/{gemeentecode}/werkgevers/{werkgeverId}/zelfscans}: the employer's self-scans on the tenant's
 * questionnaire (policy {@code werkgevers.zelfscan}), scored per theme with tips, oldest first and each compared with
 * the previous one. The questionnaire itself: {@code .../zelfscans/vragenlijst}.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + EmployersModule.ID)
@Path("gemeenten/{gemeentecode}/werkgevers/{werkgeverId}/zelfscans")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.CONSULTANT)
public class SelfScanResource implements RestResource {

    /** The questionnaire in the API. */
    public record QuestionnaireView(
            @JsonProperty("versie") String version,
            @JsonProperty("antwoordschaal") Map<String, Integer> scale,
            @JsonProperty("themas") List<ThemeView> themes) {
    }

    public record ThemeView(@JsonProperty("code") String code,
                            @JsonProperty("naam") String name,
                            @JsonProperty("vragen") List<QuestionView> q) {
    }

    public record QuestionView(@JsonProperty("code") String code,
                               @JsonProperty("tekst") String text) {
    }

    private final SelfScanStore store;
    private final EmployerStore employers;
    private final EmployersPolicy policy;

    @Activate
    public SelfScanResource(@Reference SelfScanStore store, @Reference EmployerStore employers,
                            @Reference EmployersPolicy policy) {
        this.store = store;
        this.employers = employers;
        this.policy = policy;
    }

    @GET
    public Page<SelfScan.View> list(@PathParam("gemeentecode") String tenant,
                                    @PathParam("werkgeverId") String employerId, @QueryParam("pagina") String page,
                                    @QueryParam("paginaGrootte") String size) {
        PageRequest request = PageRequest.parse(page, size);
        employers.require(tenant, Checks.id("werkgeverId", employerId));
        return Page.slice(store.list(tenant, employerId), request);
    }

    @GET
    @Path("vragenlijst")
    public QuestionnaireView questionnaire(@PathParam("gemeentecode") String tenant,
                                           @PathParam("werkgeverId") String employerId) {
        employers.require(tenant, Checks.id("werkgeverId", employerId));
        Questionnaire q = policy.questionnaire(tenant, LocalDate.now().getYear());
        return new QuestionnaireView(q.version(), q.scale(), q.themes().stream()
                .map(t -> new ThemeView(t.code(), t.name(), t.questions().stream()
                        .map(x -> new QuestionView(x.code(), x.text())).toList())).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(activity = "zelfscan.vastleggen", recordType = "zelfscan", purpose = EmployersModule.PURPOSE,
            personalData = false)
    public Response create(@PathParam("gemeentecode") String tenant, @PathParam("werkgeverId") String employerId,
                           SelfScan.Input body, @Context SecurityContext security) {
        employers.require(tenant, Checks.id("werkgeverId", employerId));
        Checks.body(body, "antwoorden");
        LocalDate today = LocalDate.now();
        LocalDate takenOn = body.takenOn() == null ? today : body.takenOn();
        if (takenOn.isAfter(today)) {
            throw ProblemException.invalid("afgenomenOp", "Mag niet in de toekomst liggen.");
        }
        Questionnaire q = policy.questionnaire(tenant, takenOn.getYear());
        Questionnaire.Outcome outcome = q.score(body.answers());
        String id = store.create(tenant, employerId, takenOn, q, body.answers(), outcome,
                security.getUserPrincipal().getName());
        SelfScan.View view = store.list(tenant, employerId).stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow();
        return Response.created(URI.create("gemeenten/" + tenant + "/werkgevers/" + employerId + "/zelfscans/" + id))
                .entity(view).build();
    }

    @GET
    @Path("{zelfscanId}")
    public SelfScan.View get(@PathParam("gemeentecode") String tenant, @PathParam("werkgeverId") String employerId,
                             @PathParam("zelfscanId") String id) {
        Checks.id("werkgeverId", employerId);
        Checks.id("zelfscanId", id);
        return store.list(tenant, employerId).stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Geen zelfscan met dit id bij deze werkgever."));
    }
}

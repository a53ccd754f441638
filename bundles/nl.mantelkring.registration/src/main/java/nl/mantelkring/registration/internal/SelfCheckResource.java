package nl.mantelkring.registration.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Anonymous;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.registration.internal.Policies.Questionnaire;

/**
 * The loket's anonymous self-check (zelftest): the tenant's overload-check questionnaire without sign-in, and the
 * outcome with advice at once. Nothing about the person is kept: only a count per day, outcome and (when given)
 * postcode area.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RegistrationModule.ID)
@Path("gemeenten/{gemeentecode}/zelftests")
@Produces(MediaType.APPLICATION_JSON)
public class SelfCheckResource implements RestResource {

    /** The answers and, if the visitor wants, the four digits of their postcode. */
    record SelfCheckIn(@JsonProperty("antwoorden") Map<String, String> answers,
                       @JsonProperty("postcode") String postcode) {
    }

    private final RegistrationStore store;
    private final Policies policies;

    @Activate
    public SelfCheckResource(@Reference RegistrationStore store, @Reference Policies policies) {
        this.store = store;
        this.policies = policies;
    }

    @GET
    @Path("vragenlijst")
    @Anonymous
    public Map<String, Object> questionnaire(@PathParam("gemeentecode") String tenant) {
        Questionnaire q = policies.questionnaire(tenant);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("versie", q.version());
        out.put("vragen", q.questions().stream().map(question -> Map.of("id", question.id(), "tekst", question.text(),
                "antwoorden", question.options().stream().map(o -> Map.of("code", o.code(), "tekst", o.text()))
                        .toList())).toList());
        return out;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Anonymous
    public SelfCheck.Result take(@PathParam("gemeentecode") String tenant, SelfCheckIn body) {
        if (body == null) {
            throw Inputs.missingBody();
        }
        Questionnaire q = policies.questionnaire(tenant);
        SelfCheck.Policy advice = policies.selfCheck(tenant);
        Validation v = new Validation();
        String pc4 = SelfCheck.pc4(v, "postcode", body.postcode());
        SelfCheck.Result result = SelfCheck.evaluate(v, q, advice, body.answers());
        v.throwIfInvalid();
        store.countSelfCheck(tenant, Clocks.today(), result.outcome(), pc4);
        return result;
    }
}

package nl.mantelkring.registration.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.registration.internal.Policies.Questionnaire;

/** The overload-check questionnaire in force for the tenant (policy {@code registratie.belastingscheck}). */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RegistrationModule.ID)
@Path("gemeenten/{gemeentecode}/belastingscheck-vragenlijsten")
@Produces(MediaType.APPLICATION_JSON)
public class QuestionnaireResource implements RestResource {

    private final Policies policies;

    @Activate
    public QuestionnaireResource(@Reference Policies policies) {
        this.policies = policies;
    }

    @GET
    @Path("actueel")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    public Map<String, Object> current(@PathParam("gemeentecode") String tenant) {
        Questionnaire q = policies.questionnaire(tenant);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("versie", q.version());
        out.put("vragen", q.questions().stream().map(question -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", question.id());
            m.put("tekst", question.text());
            m.put("soort", question.kind());
            m.put("antwoorden", question.options().stream().map(o -> Map.of("code", o.code(), "tekst", o.text(),
                    "punten", o.points())).toList());
            return m;
        }).toList());
        out.put("maximaleScore", q.maxScore());
        out.put("drempels", Map.of("oranje", q.amberFrom(), "rood", q.redFrom()));
        out.put("advies", q.advice());
        return out;
    }
}

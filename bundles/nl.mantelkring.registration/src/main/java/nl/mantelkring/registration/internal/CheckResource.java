package nl.mantelkring.registration.internal;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
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

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.registration.internal.Json.CheckIn;
import nl.mantelkring.registration.internal.Json.CheckOut;
import nl.mantelkring.registration.internal.Policies.Questionnaire;

/** Overload checks (belastingscheck): answers in, score and green/amber/red out, kept with their date. */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RegistrationModule.ID)
@Path("gemeenten/{gemeentecode}/mantelzorgers/{mantelzorgerId}/belastingschecks")
@Produces(MediaType.APPLICATION_JSON)
public class CheckResource implements RestResource {

    private final RegistrationStore store;
    private final Policies policies;

    @Activate
    public CheckResource(@Reference RegistrationStore store, @Reference Policies policies) {
        this.store = store;
        this.policies = policies;
    }

    @GET
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "belastingscheck.zoeken", recordType = "belastingscheck", purpose = CaregiverResource.PURPOSE,
            subjectParam = "mantelzorgerId")
    public Page<CheckOut> list(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String caregiverId,
                               @QueryParam("pagina") String page, @QueryParam("paginaGrootte") String size) {
        CaregiverResource.id("mantelzorgerId", caregiverId);
        PageRequest request = PageRequest.parse(page, size);
        if (!store.exists(tenant, caregiverId)) {
            throw RegistrationStore.caregiverNotFound();
        }
        return Page.slice(store.checks(tenant, caregiverId), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "belastingscheck.vastleggen", recordType = "belastingscheck",
            purpose = CaregiverResource.PURPOSE, subjectParam = "mantelzorgerId")
    public Response add(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String caregiverId,
                        CheckIn body, @Context SecurityContext security) {
        CaregiverResource.id("mantelzorgerId", caregiverId);
        Questionnaire q = policies.questionnaire(tenant);
        String id = record(store, q, tenant, caregiverId, security.getUserPrincipal().getName(), body);
        return Response.created(URI.create("gemeenten/" + tenant + "/mantelzorgers/" + caregiverId
                + "/belastingschecks/" + id)).entity(store.check(tenant, caregiverId, id, q.advice()).orElseThrow())
                .build();
    }

    /** Checks, scores and stores an overload check; returns its id (staff and the caregiver in the loket alike). */
    static String record(RegistrationStore store, Questionnaire q, String tenant, String caregiverId, String actor,
                         CheckIn body) {
        if (body == null) {
            throw Inputs.missingBody();
        }
        Validation v = new Validation();
        LocalDate today = Clocks.today();
        v.pastDate("datum", body.date(), today, false);
        int score = score(v, q, body.answers());
        v.throwIfInvalid();
        if (!store.exists(tenant, caregiverId)) {
            throw RegistrationStore.caregiverNotFound();
        }
        String outcome = q.outcome(score);
        Map<String, String> answers = new LinkedHashMap<>();
        q.questions().forEach(question -> answers.put(question.id(), body.answers().get(question.id())));
        return store.addCheck(tenant, caregiverId, actor, body.date() == null ? today : body.date(), q.version(),
                answers, score, q.maxScore(), outcome);
    }

    /** Sums the points of the answers; every question needs one of its answer codes, and nothing else is allowed. */
    static int score(Validation v, Questionnaire q, Map<String, String> answers) {
        if (answers == null) {
            v.add("antwoorden", "Verplicht: een antwoord per vraag.");
            return 0;
        }
        int score = 0;
        for (Questionnaire.Question question : q.questions()) {
            String a = answers.get(question.id());
            Questionnaire.Option o = a == null ? null : question.option(a);
            if (a == null) {
                v.add("antwoorden." + question.id(), "Verplicht: beantwoord deze vraag.");
            } else if (o == null) {
                v.add("antwoorden." + question.id(), "Onbekend antwoord; toegestaan: "
                        + String.join(", ", question.options().stream().map(Questionnaire.Option::code).toList()) + ".");
            } else {
                score += o.points();
            }
        }
        List<String> known = q.questions().stream().map(Questionnaire.Question::id).toList();
        for (String key : answers.keySet()) {
            if (!known.contains(key)) {
                v.add("antwoorden." + key, "Onbekende vraag in vragenlijst " + q.version() + ".");
            }
        }
        return score;
    }

    @GET
    @Path("{belastingscheckId}")
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "belastingscheck.lezen", recordType = "belastingscheck", purpose = CaregiverResource.PURPOSE,
            idParam = "belastingscheckId", subjectParam = "mantelzorgerId")
    public CheckOut read(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String caregiverId,
                         @PathParam("belastingscheckId") String id) {
        CaregiverResource.id("mantelzorgerId", caregiverId);
        CaregiverResource.id("belastingscheckId", id);
        return store.check(tenant, caregiverId, id, policies.questionnaire(tenant).advice())
                .orElseThrow(() -> nl.mantelkring.platform.api.ProblemException.notFound(
                        "Geen belastingscheck met dit id bij deze mantelzorger."));
    }
}

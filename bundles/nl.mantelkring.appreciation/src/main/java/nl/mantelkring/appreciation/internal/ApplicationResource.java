package nl.mantelkring.appreciation.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.internal.Applications.Stored;
import nl.mantelkring.appreciation.internal.payment.Vouchers;
import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.QueryValues;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.format.MultiLine;
import nl.mantelkring.registration.CaregiverRegistration;

/**
 * {@code /gemeenten/{gemeentecode}/waarderingsaanvragen}: apply (evaluated at once, granted automatically when the
 * policy says so), the consultant's queue, decide, withdraw.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("gemeenten/{gemeentecode}/waarderingsaanvragen")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationResource implements RestResource {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Set<String> APPLICANTS = Set.of("mantelzorger", "zorgvrager", "consulent");
    private static final Set<String> STATUSES = Set.of(Applications.SUBMITTED, Applications.GRANTED,
            Applications.REJECTED, Applications.WAITING, Applications.WITHDRAWN, Applications.OBJECTION);

    public record ApplicationIn(@JsonProperty("jaar") Integer year, @JsonProperty("mantelzorgerId") String caregiverId,
                                @JsonProperty("zorgrelatieId") String relationId,
                                @JsonProperty("aanvrager") String applicant,
                                @JsonProperty("zorgBetaald") Boolean carePaid,
                                @JsonProperty("uitbetaalwijze") String channelChoice,
                                @JsonProperty("mantelzorger") com.fasterxml.jackson.databind.JsonNode caregiver,
                                @JsonProperty("zorgrelatie") com.fasterxml.jackson.databind.JsonNode relation) {
    }

    public record DecisionIn(@JsonProperty("besluit") String decision,
                             @MultiLine @JsonProperty("reden") String reason) {
    }

    public record WithdrawalIn(@MultiLine @JsonProperty("reden") String reason) {
    }

    public record RuleOut(@JsonProperty("regel") String rule, @JsonProperty("voldaan") boolean passed,
                          @JsonProperty("toelichting") String reason) {
        /** The application's evaluation, rule by rule (staff and citizen see the same reasons). */
        static List<RuleOut> of(Stored s) {
            return s.evaluation().rules().stream().map(r -> new RuleOut(r.rule(), r.passed(), r.reason())).toList();
        }
    }

    public record ApplicationOut(@JsonProperty("id") String id, @JsonProperty("jaar") int year,
                                 @JsonProperty("mantelzorgerId") String caregiverId,
                                 @JsonProperty("zorgrelatieId") String relationId,
                                 @JsonProperty("zorgvragerId") String recipientId,
                                 @JsonProperty("status") String status,
                                 @JsonProperty("beoordeling") String outcome,
                                 @JsonProperty("regels") List<RuleOut> rules,
                                 @JsonProperty("bedrag") BigDecimal amount,
                                 @JsonProperty("bedragVoorlopig") boolean provisional,
                                 @JsonProperty("uitTeBetalen") BigDecimal payable,
                                 @JsonProperty("kanaal") String channel,
                                 @JsonProperty("ingediendOp") Instant submittedAt,
                                 @JsonProperty("besloten") String decidedBy,
                                 @JsonProperty("besluitReden") String decisionReason,
                                 @JsonProperty("toekenningId") String grantId,
                                 @JsonProperty("aanvraagkanaal") String intake) {
        static ApplicationOut of(Stored s) {
            return new ApplicationOut(s.id(), s.year(), s.caregiverId(), s.relationId(), s.recipientId(), s.status(),
                    s.evaluation().outcome(), RuleOut.of(s),
                    s.amount(), s.provisional(), s.payable(), s.channel(), s.submittedAt(), s.decidedBy(),
                    s.decisionReason(), s.grantId(), s.intake());
        }
    }

    private final Applications applications;
    private final Vouchers vouchers;
    private final CaregiverRegistration registration;

    @Activate
    public ApplicationResource(@Reference Applications applications, @Reference Vouchers vouchers,
                               @Reference CaregiverRegistration registration) {
        this.applications = applications;
        this.vouchers = vouchers;
        this.registration = registration;
    }

    /** A voucher or vendor payout is issued right after its grant was committed. */
    private Stored issued(String tenant, Stored s) {
        return issued(vouchers, tenant, s);
    }

    /** A voucher or vendor payout is issued right after its grant was committed (staff and loket alike). */
    static Stored issued(Vouchers vouchers, String tenant, Stored s) {
        if (Applications.GRANTED.equals(s.status())) {
            vouchers.issueForApplication(tenant, s.id());
        }
        return s;
    }

    public static String id(String name, String value) {
        if (value == null || !value.matches(UUID)) {
            throw ProblemException.invalid(name, "Geen geldig id (UUID in kleine letters).");
        }
        return value;
    }

    private static int thisYear() {
        return LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsaanvraag.indienen", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE)
    public Response apply(@PathParam("gemeentecode") String tenant, ApplicationIn body,
                          @Context SecurityContext security) {
        if (body == null) {
            throw ProblemException.invalid("body", "Verplicht: een JSON-object.");
        }
        List<FieldViolation> v = new ArrayList<>();
        int year = body.year() == null ? thisYear() : body.year();
        if (year < 2015 || year > thisYear() + 1) {
            v.add(new FieldViolation("jaar", "Een jaar van 2015 tot en met " + (thisYear() + 1) + "."));
        }
        // a registered caregiver and relation by id, or registered in this call: a new caregiver with their care
        // relation (mantelzorger + zorgrelatie), or a new relation of a registered caregiver (mantelzorgerId +
        // zorgrelatie), with the registration API's own bodies
        boolean newCaregiver = body.caregiver() != null && !body.caregiver().isNull();
        boolean newRelation = body.relation() != null && !body.relation().isNull();
        if (newCaregiver && body.caregiverId() != null) {
            v.add(new FieldViolation("mantelzorger", "Geef mantelzorgerId of mantelzorger, niet allebei."));
        } else if (newCaregiver) {
            object(v, "mantelzorger", body.caregiver());
        } else {
            check(v, "mantelzorgerId", body.caregiverId());
        }
        if (newRelation && body.relationId() != null) {
            v.add(new FieldViolation("zorgrelatie", "Geef zorgrelatieId of zorgrelatie, niet allebei."));
        } else if (newRelation) {
            object(v, "zorgrelatie", body.relation());
        } else if (newCaregiver) {
            v.add(new FieldViolation("zorgrelatie", "Verplicht bij een nieuwe mantelzorger: de zorgrelatie."));
        } else {
            check(v, "zorgrelatieId", body.relationId());
        }
        if (body.applicant() == null || !APPLICANTS.contains(body.applicant())) {
            v.add(new FieldViolation("aanvrager", "Verplicht; toegestaan: consulent, mantelzorger, zorgvrager."));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        if (body.channelChoice() != null && !body.channelChoice().matches("geld|waardebon|plugin:[a-z0-9][a-z0-9.-]{0,99}")) {
            throw ProblemException.invalid("uitbetaalwijze", "Toegestaan: geld, waardebon of plugin:<id>.");
        }
        String actor = security.getUserPrincipal().getName();
        String caregiverId = body.caregiverId();
        String relationId = body.relationId();
        if (newRelation) {
            // everything apply() refuses before evaluating is checked before anything is registered
            applications.checkApplicable(tenant, year, newCaregiver ? null : caregiverId, body.channelChoice());
            CaregiverRegistration.Registered r = registration.register(tenant, actor,
                    newCaregiver ? body.caregiver().toString() : null, newCaregiver ? null : caregiverId,
                    body.relation().toString(), "mantelzorger.", "zorgrelatie.");
            caregiverId = r.caregiverId();
            relationId = r.relationId();
        }
        Stored s = issued(tenant, applications.apply(tenant, actor,
                new Applications.NewApplication(year, caregiverId, relationId, body.applicant(),
                        Boolean.TRUE.equals(body.carePaid()), body.channelChoice(), Applications.BALIE)));
        return Response.created(URI.create("gemeenten/" + tenant + "/waarderingsaanvragen/" + s.id()))
                .entity(ApplicationOut.of(s)).build();
    }

    private static void object(List<FieldViolation> v, String field, com.fasterxml.jackson.databind.JsonNode value) {
        if (!value.isObject()) {
            v.add(new FieldViolation(field, "Een JSON-object, zoals bij het registreren."));
        }
    }

    private static void check(List<FieldViolation> v, String field, String value) {
        if (value == null) {
            v.add(new FieldViolation(field, "Verplicht veld."));
        } else if (!value.matches(UUID)) {
            v.add(new FieldViolation(field, "Geen geldig id (UUID in kleine letters)."));
        }
    }

    @GET
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsaanvraag.zoeken", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE)
    public Page<ApplicationOut> list(@PathParam("gemeentecode") String tenant, @QueryParam("jaar") String year,
                                     @QueryParam("status") String status,
                                     @QueryParam("aanvraagkanaal") String intake, @QueryParam("pagina") String page,
                                     @QueryParam("paginaGrootte") String size) {
        PageRequest request = PageRequest.parse(page, size);
        Integer y = QueryValues.integer("jaar", year);
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "Toegestaan: " + String.join(", ",
                    new java.util.TreeSet<>(STATUSES)) + ".");
        }
        if (intake != null && !Applications.LOKET.equals(intake) && !Applications.BALIE.equals(intake)) {
            throw ProblemException.invalid("aanvraagkanaal", "Toegestaan: balie, loket.");
        }
        Page<Stored> p = applications.list(tenant, y == null ? thisYear() : y, status, intake, request);
        return new Page<>(p.items().stream().map(ApplicationOut::of).toList(), p.paging());
    }

    @GET
    @Path("{aanvraagId}")
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsaanvraag.lezen", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE, idParam = "aanvraagId")
    public ApplicationOut read(@PathParam("gemeentecode") String tenant, @PathParam("aanvraagId") String id) {
        return ApplicationOut.of(applications.find(tenant, id("aanvraagId", id)).orElseThrow(Applications::notFound));
    }

    @POST
    @Path("{aanvraagId}/besluit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsaanvraag.besluiten", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE, idParam = "aanvraagId")
    public ApplicationOut decide(@PathParam("gemeentecode") String tenant, @PathParam("aanvraagId") String id,
                                 DecisionIn body, @Context SecurityContext security) {
        id("aanvraagId", id);
        if (body == null) {
            throw ProblemException.invalid("body", "Verplicht: een JSON-object.");
        }
        List<FieldViolation> v = new ArrayList<>();
        if (!"toekennen".equals(body.decision()) && !"afwijzen".equals(body.decision())) {
            v.add(new FieldViolation("besluit", "Verplicht; toegestaan: toekennen, afwijzen."));
        }
        if ("afwijzen".equals(body.decision()) && (body.reason() == null || body.reason().isBlank())) {
            v.add(new FieldViolation("reden", "Verplicht bij afwijzen: de mantelzorger leest de reden."));
        }
        if (body.reason() != null && body.reason().length() > 1000) {
            v.add(new FieldViolation("reden", "Ten hoogste 1000 tekens."));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        String actor = security.getUserPrincipal().getName();
        return ApplicationOut.of("toekennen".equals(body.decision())
                ? issued(tenant, applications.approve(tenant, id, actor, body.reason()))
                : applications.reject(tenant, id, actor, body.reason()));
    }

    @POST
    @Path("{aanvraagId}/intrekking")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsaanvraag.intrekken", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE, idParam = "aanvraagId")
    public ApplicationOut withdraw(@PathParam("gemeentecode") String tenant, @PathParam("aanvraagId") String id,
                                   WithdrawalIn body, @Context SecurityContext security) {
        id("aanvraagId", id);
        String reason = body == null ? null : body.reason();
        if (reason != null && reason.length() > 1000) {
            throw ProblemException.invalid("reden", "Ten hoogste 1000 tekens.");
        }
        return ApplicationOut.of(applications.withdraw(tenant, id, security.getUserPrincipal().getName(), reason));
    }
}

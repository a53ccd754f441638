package nl.mantelkring.appreciation.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.internal.ApplicationResource.RuleOut;
import nl.mantelkring.appreciation.internal.Applications.Stored;
import nl.mantelkring.appreciation.internal.letters.AppreciationLetters;
import nl.mantelkring.appreciation.internal.payment.Vouchers;
import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy;
import nl.mantelkring.platform.api.Citizen;
import nl.mantelkring.platform.api.CitizenAccess;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.registration.CareRelationInfo;
import nl.mantelkring.registration.CaregiverDirectory;
import nl.mantelkring.registration.CaregiverInfo;
import nl.mantelkring.registration.CaregiverRegistration;

/**
 * {@code /burgers/gemeenten/{gemeentecode}/waarderingsaanvragen}: the citizen signed in with DigiD applies as
 * caregiver at the loket (registered or updated in the same step by {@link CaregiverRegistration#registerCitizen},
 * evaluated at once by {@link Applications#apply}, as a consultant's application), lists and reads their own
 * applications, and gets next year's application prefilled. Only the signed-in person: the BSN comes from the session;
 * another person's application id is not found (404).
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("burgers/gemeenten/{gemeentecode}/waarderingsaanvragen")
@Produces(MediaType.APPLICATION_JSON)
public class CitizenApplicationResource implements RestResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An application at the loket: the registration bodies without BSN, and the purpose-bound consent. */
    public record CitizenApplicationIn(@JsonProperty("jaar") Integer year,
                                       @JsonProperty("mantelzorger") JsonNode caregiver,
                                       @JsonProperty("zorgrelatie") JsonNode relation,
                                       @JsonProperty("zorgBetaald") Boolean carePaid,
                                       @JsonProperty("uitbetaalwijze") String channelChoice,
                                       @JsonProperty("toestemming") Boolean consent) {
    }

    /** One of my applications, as the citizen sees it. */
    public record MyApplicationOut(@JsonProperty("id") String id, @JsonProperty("jaar") int year,
                                   @JsonProperty("status") String status,
                                   @JsonProperty("beoordeling") String outcome,
                                   @JsonProperty("regels") List<RuleOut> rules,
                                   @JsonProperty("bedrag") BigDecimal amount,
                                   @JsonProperty("bedragVoorlopig") boolean provisional,
                                   @JsonProperty("uitbetaalwijze") String channel,
                                   @JsonProperty("betaalstatus") String paymentStatus,
                                   @JsonProperty("waardeboncode") String voucherCode,
                                   @JsonProperty("aanvraagkanaal") String intake,
                                   @JsonProperty("ingediendOp") Instant submittedAt,
                                   @JsonProperty("beslotenOp") Instant decidedAt,
                                   @JsonProperty("besluitReden") String decisionReason,
                                   @JsonProperty("brieven") List<LetterResource.LetterOut> letters) {
        static MyApplicationOut of(Stored s, AppreciationLetters letters) {
            return new MyApplicationOut(s.id(), s.year(), s.status(), s.evaluation().outcome(), RuleOut.of(s),
                    s.payable() != null ? s.payable() : s.amount(), s.provisional(), s.channel(), s.grantStatus(),
                    s.voucherCode(), s.intake(), s.submittedAt(), s.decidedAt(), s.decisionReason(),
                    LetterResource.LetterOut.of(letters.ofApplication(s.tenant(), s.id())));
        }
    }

    /** A prefilled application for a year: confirm it by sending {@code aanvraag} (with consent) to apply. */
    public record DraftOut(@JsonProperty("jaar") int year, @JsonProperty("aanvraag") JsonNode application,
                           @JsonProperty("vorigeAanvraagId") String previousId,
                           @JsonProperty("vorigJaar") Integer previousYear,
                           @JsonProperty("rekeningnummerBekend") boolean ibanKnown,
                           @JsonProperty("alAangevraagd") boolean appliedAlready) {
    }

    private final Applications applications;
    private final Vouchers vouchers;
    private final CaregiverRegistration registration;
    private final CaregiverDirectory directory;
    private final AppreciationLetters letters;

    @Activate
    public CitizenApplicationResource(@Reference Applications applications, @Reference Vouchers vouchers,
                                      @Reference CaregiverRegistration registration,
                                      @Reference CaregiverDirectory directory,
                                      @Reference AppreciationLetters letters) {
        this.letters = letters;
        this.applications = applications;
        this.vouchers = vouchers;
        this.registration = registration;
        this.directory = directory;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CitizenAccess
    @Audited(activity = "waarderingsaanvraag.indienen", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE)
    public Response apply(@PathParam("gemeentecode") String tenant, CitizenApplicationIn body,
                          @Context SecurityContext security) {
        Citizen citizen = Citizen.of(security.getUserPrincipal());
        if (body == null) {
            throw ProblemException.invalid("body", "Verplicht: een JSON-object.");
        }
        LocalDate today = applications.today();
        List<FieldViolation> v = new ArrayList<>();
        int year = body.year() == null ? today.getYear() : body.year();
        if (year < 2015 || year > today.getYear() + 1) {
            v.add(new FieldViolation("jaar", "Een jaar van 2015 tot en met " + (today.getYear() + 1) + "."));
        }
        if (body.caregiver() == null || !body.caregiver().isObject()) {
            v.add(new FieldViolation("mantelzorger", "Verplicht: uw gegevens."));
        }
        if (body.relation() == null || !body.relation().isObject()) {
            v.add(new FieldViolation("zorgrelatie", "Verplicht: voor wie u zorgt."));
        }
        if (!Boolean.TRUE.equals(body.consent())) {
            v.add(new FieldViolation("toestemming", "Verplicht: geef toestemming om uw gegevens te gebruiken voor de"
                    + " mantelzorgwaardering."));
        }
        if (body.channelChoice() != null && !body.channelChoice().matches("geld|waardebon|plugin:[a-z0-9][a-z0-9.-]{0,99}")) {
            v.add(new FieldViolation("uitbetaalwijze", "Kies geld of waardebon."));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        // everything Applications.apply refuses before evaluating is checked before anything is registered
        applications.checkApplicable(tenant, year, null, body.channelChoice());
        AppreciationPolicy policy = applications.policy(tenant, year);
        if (!policy.applicants().contains("mantelzorger")) {
            throw new ProblemException(409, Problems.of("aanvragen-via-gemeente"), "Aanvragen via de gemeente",
                    "In deze gemeente vraagt u de waardering niet zelf aan bij het loket. Neem contact op met de"
                            + " gemeente.");
        }
        if (!policy.window().contains(today)) {
            throw new ProblemException(409, Problems.of("buiten-aanvraagperiode"), "Buiten de aanvraagperiode",
                    "U kunt voor " + year + " aanvragen van " + policy.window().from() + " tot en met "
                            + policy.window().until() + ". Vandaag kan dat niet.");
        }
        String payout = "keuze".equals(policy.channel()) ? body.channelChoice() : policy.channel();
        Optional<CaregiverInfo> registered = directory.findByBsn(tenant, citizen.bsn())
                .flatMap(id -> directory.caregiver(tenant, id));
        if ("geld".equals(payout) && registered.map(c -> !c.hasIban()).orElse(true)
                && !body.caregiver().path("iban").isTextual()) {
            throw ProblemException.invalid("mantelzorger.iban", "Verplicht: uw rekeningnummer (IBAN). De gemeente"
                    + " maakt het geld daarnaar over.");
        }
        ObjectNode caregiver = body.caregiver().deepCopy();
        // the purpose-bound consent the page explains, recorded with the registration as given at the loket
        caregiver.putArray("toestemmingen").addObject().put("doel", "waardering").put("gegeven", true)
                .put("bron", "digitaal");
        CaregiverRegistration.Registered r = registration.registerCitizen(tenant, citizen.pseudonym(), citizen.bsn(),
                caregiver.toString(), body.relation().toString(), "mantelzorger.", "zorgrelatie.");
        citizen.concerns(r.caregiverId());
        Stored s = ApplicationResource.issued(vouchers, tenant, applications.apply(tenant, citizen.pseudonym(),
                new Applications.NewApplication(year, r.caregiverId(), r.relationId(), "mantelzorger",
                        Boolean.TRUE.equals(body.carePaid()), body.channelChoice(), Applications.LOKET)));
        caregiver.remove(List.of("iban", "toestemmingen"));
        ObjectNode kept = JSON.createObjectNode();
        kept.set("mantelzorger", caregiver);
        kept.set("zorgrelatie", body.relation());
        kept.put("zorgBetaald", Boolean.TRUE.equals(body.carePaid()));
        if (body.channelChoice() != null) {
            kept.put("uitbetaalwijze", body.channelChoice());
        }
        applications.keepLoketRequest(tenant, s.id(), kept.toString());
        return Response.created(URI.create("burgers/gemeenten/" + tenant + "/waarderingsaanvragen/" + s.id()))
                .entity(MyApplicationOut.of(s, letters)).build();
    }

    @GET
    @CitizenAccess
    @Audited(activity = "waarderingsaanvraag.zoeken", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE)
    public Page<MyApplicationOut> mine(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                       @QueryParam("paginaGrootte") String size, @Context SecurityContext security) {
        PageRequest request = PageRequest.parse(page, size);
        List<MyApplicationOut> mine = me(tenant, security)
                .map(id -> applications.ofCaregiver(tenant, id).stream().map(a -> MyApplicationOut.of(a, letters)).toList())
                .orElse(List.of());
        return Page.slice(mine, request);
    }

    @GET
    @Path("{aanvraagId}")
    @CitizenAccess
    @Audited(activity = "waarderingsaanvraag.lezen", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE, idParam = "aanvraagId")
    public MyApplicationOut read(@PathParam("gemeentecode") String tenant, @PathParam("aanvraagId") String id,
                                 @Context SecurityContext security) {
        ApplicationResource.id("aanvraagId", id);
        String me = me(tenant, security).orElseThrow(Applications::notFound);
        return applications.find(tenant, id).filter(a -> a.caregiverId().equals(me)).map(a -> MyApplicationOut.of(a, letters))
                .orElseThrow(Applications::notFound);
    }

    @GET
    @Path("concepten/{jaar}")
    @CitizenAccess
    @Audited(activity = "waarderingsaanvraag.voorinvullen", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE)
    public DraftOut draft(@PathParam("gemeentecode") String tenant, @PathParam("jaar") String yearText,
                          @Context SecurityContext security) {
        int year = ExplanationResource.year(yearText);
        String me = me(tenant, security).orElseThrow(() -> ProblemException.notFound("Er is nog geen registratie"
                + " van u als mantelzorger. Vul het formulier in om aan te vragen."));
        CaregiverInfo info = directory.caregiver(tenant, me).orElseThrow(Applications::notFound);
        List<Stored> mine = applications.ofCaregiver(tenant, me);
        boolean already = mine.stream().anyMatch(a -> a.year() == year && !Applications.REJECTED.equals(a.status())
                && !Applications.WITHDRAWN.equals(a.status()));
        Optional<Stored> previous = mine.stream().filter(a -> a.year() < year).findFirst();   // newest first
        ObjectNode application = previous.flatMap(a -> applications.loketRequest(tenant, a.id()))
                .map(CitizenApplicationResource::parse).orElseGet(JSON::createObjectNode);
        application.put("jaar", year);
        application.put("toestemming", false);
        // the current registration wins over what was entered last year
        ObjectNode caregiver = application.has("mantelzorger") ? (ObjectNode) application.get("mantelzorger")
                : application.putObject("mantelzorger");
        ObjectNode name = caregiver.putObject("naam");
        name.put("voornaam", info.firstName());
        if (info.namePrefix() != null) {
            name.put("tussenvoegsel", info.namePrefix());
        }
        name.put("achternaam", info.lastName());
        caregiver.put("geboortedatum", info.birthDate().toString());
        ObjectNode address = caregiver.has("adres") ? (ObjectNode) caregiver.get("adres") : caregiver.putObject("adres");
        address.put("postcode", info.postcode());
        address.put("huisnummer", info.houseNumber());
        if (info.houseNumberAddition() != null) {
            address.put("huisnummertoevoeging", info.houseNumberAddition());
        }
        if (info.livesInMunicipality() != null) {
            caregiver.put("woontInGemeente", info.livesInMunicipality());
        }
        if (info.working() != null) {
            caregiver.put("werkend", info.working());
        }
        Optional<CareRelationInfo> relation = previous.flatMap(a -> directory.relations(tenant, me).stream()
                .filter(r -> r.id().equals(a.relationId()) && r.active()).findFirst());
        if (relation.isPresent() && application.path("zorgrelatie").isObject()) {
            CareRelationInfo r = relation.get();
            ObjectNode rel = (ObjectNode) application.get("zorgrelatie");
            rel.put("relatie", r.relation());
            rel.put("zorgSinds", r.careSince().toString());
            rel.put("urenPerWeek", r.hoursPerWeek());
            rel.putPOJO("soortenZorg", new java.util.TreeSet<>(r.careKinds()));
            rel.put("terminaleZorg", r.terminal());
        }
        return new DraftOut(year, application, previous.map(Stored::id).orElse(null),
                previous.map(Stored::year).orElse(null), info.hasIban(), already);
    }

    /** My caregiver id in the tenant (from the session's BSN), named to the audit entry; empty when unregistered. */
    private Optional<String> me(String tenant, SecurityContext security) {
        Citizen citizen = Citizen.of(security.getUserPrincipal());
        Optional<String> id = directory.findByBsn(tenant, citizen.bsn());
        id.ifPresent(citizen::concerns);
        return id;
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}

package nl.mantelkring.registration.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import nl.mantelkring.platform.api.ApiHeaders;
import nl.mantelkring.platform.api.Citizen;
import nl.mantelkring.platform.api.CitizenAccess;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.plugin.PluginCalls;
import nl.mantelkring.platform.api.plugin.PluginRegistry;
import nl.mantelkring.registration.PersonalDataSection;
import nl.mantelkring.registration.internal.Json.AddressIn;
import nl.mantelkring.registration.internal.Json.CaregiverOut;
import nl.mantelkring.registration.internal.Json.CheckIn;
import nl.mantelkring.registration.internal.Json.CheckOut;
import nl.mantelkring.registration.internal.Json.ConsentIn;
import nl.mantelkring.registration.internal.Json.ConsentsOut;
import nl.mantelkring.registration.internal.Json.DetailsIn;
import nl.mantelkring.registration.internal.Json.NameIn;
import nl.mantelkring.registration.internal.Policies.ErasureHandling;
import nl.mantelkring.registration.internal.Policies.Questionnaire;

/**
 * "Mijn gegevens": the signed-in citizen's own registration as a caregiver ({@code mantelzorgers/ik}), found through
 * the BSN of the DigiD session, never through an id from the request. Every operation is the staff operation it
 * mirrors (same validation, same store calls), with the citizen's pseudonym as the actor.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RegistrationModule.ID)
@Path("burgers/gemeenten/{gemeentecode}/mantelzorgers/ik")
@Produces(MediaType.APPLICATION_JSON)
public class MyRegistrationResource implements RestResource {

    static final String NOT_REGISTERED = "U staat nog niet ingeschreven als mantelzorger bij deze gemeente.";
    /** What the source of a consent given or withdrawn in the loket is recorded as. */
    static final String LOKET_SOURCE = "digitaal";

    /** Why each consent is asked, in plain Dutch, for the citizen's page. */
    static final Map<String, String> CONSENT_EXPLANATIONS = Map.of(
            "waardering", "Met deze toestemming kan de gemeente uw mantelzorgwaardering behandelen en uitbetalen.",
            "nieuwsbrief", "De gemeente stuurt u nieuws en uitnodigingen voor activiteiten voor mantelzorgers.",
            "contact-steunpunt", "Het steunpunt mantelzorg mag contact met u opnemen om te vragen hoe het gaat.",
            "doorverwijzing", "Verwijst de consulent u door naar een andere organisatie? Dan mag de gemeente de"
                    + " nodige gegevens aan die organisatie geven.",
            "werkgeverskoppeling", "Doet uw werkgever mee met werk en mantelzorg? Dan mag de gemeente uw"
                    + " registratie aan die regeling koppelen.");

    /** The citizen's page: the registration, what each consent is for, and an erasure request if one is open. */
    record MyRegistrationOut(@JsonProperty("mantelzorger") CaregiverOut caregiver,
                             @JsonProperty("toestemmingsdoelen") List<PurposeOut> purposes,
                             @JsonProperty("wisverzoek") ErasureRequestOut erasureRequest,
                             @JsonProperty("wisAfhandeling") String erasureHandling) {
    }

    record PurposeOut(@JsonProperty("doel") String purpose, @JsonProperty("omschrijving") String label,
                      @JsonProperty("uitleg") String explanation) {
    }

    /** Contact details the caregiver may change: address, e-mail, phone, preferred channel (replaced as a whole). */
    record ContactIn(@JsonProperty("adres") AddressIn address, @JsonProperty("email") String email,
                     @JsonProperty("telefoon") String phone, @JsonProperty("voorkeurskanaal") String channel) {
    }

    record IbanIn(@JsonProperty("iban") String iban) {
    }

    record IbanOut(@JsonProperty("iban") String ibanMasked) {
    }

    /** A consent given ({@code gegeven: true}) or withdrawn, today, by the caregiver themself. */
    record MyConsentIn(@JsonProperty("doel") String purpose, @JsonProperty("gegeven") Boolean given) {
    }

    record ErasureIn(@JsonProperty("bevestigd") Boolean confirmed, @JsonProperty("toelichting") String note) {
    }

    /** {@code status}: {@code ingediend} (a consultant handles it) or {@code uitgevoerd} (erased at once). */
    record ErasureRequestOut(@JsonProperty("status") String status, @JsonProperty("ingediendOp") Instant requestedAt,
                             @JsonProperty("toelichting") String note) {
    }

    private final RegistrationStore store;
    private final Policies policies;
    private final PluginRegistry plugins;
    private final Events events;
    private final Erasures erasures;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            service = PersonalDataSection.class)
    private volatile List<PersonalDataSection> sections = List.of();
    private final PluginCalls verifierCalls = new PluginCalls("mantelkring-persoonscontrole-loket", 2, 16);

    @Activate
    public MyRegistrationResource(@Reference RegistrationStore store, @Reference Policies policies,
                                  @Reference PluginRegistry plugins, @Reference Events events,
                                  @Reference Erasures erasures) {
        this.store = store;
        this.policies = policies;
        this.plugins = plugins;
        this.events = events;
        this.erasures = erasures;
    }

    @Deactivate
    void deactivate() {
        verifierCalls.close();
    }

    /** The signed-in citizen's active registration in this tenant (404 when there is none), named for the audit. */
    private String me(String tenant, Citizen citizen) {
        String id = store.findByBsn(tenant, citizen.bsn()).orElseThrow(MyRegistrationResource::notRegistered);
        citizen.concerns(id);
        return id;
    }

    static ProblemException notRegistered() {
        return new ProblemException(404, Problems.of("niet-ingeschreven"), "Niet ingeschreven", NOT_REGISTERED
                + " Schrijf u in bij de mantelzorgconsulent, of vraag een mantelzorgwaardering aan.");
    }

    private MyRegistrationOut view(String tenant, String id) {
        List<PurposeOut> purposes = Codes.CONSENT_PURPOSES.entrySet().stream()
                .map(e -> new PurposeOut(e.getKey(), e.getValue(), CONSENT_EXPLANATIONS.get(e.getKey()))).toList();
        ErasureRequestOut request = store.erasureRequest(tenant, id)
                .map(r -> new ErasureRequestOut("ingediend", r.requestedAt(), r.note())).orElse(null);
        return new MyRegistrationOut(store.read(tenant, id).orElseThrow(MyRegistrationResource::notRegistered),
                purposes, request, policies.erasureHandling(tenant).code());
    }

    @GET
    @CitizenAccess
    @Audited(activity = "mantelzorger.lezen", recordType = "mantelzorger", purpose = CaregiverResource.PURPOSE)
    public MyRegistrationOut read(@PathParam("gemeentecode") String tenant, @Context SecurityContext security) {
        return view(tenant, me(tenant, Citizen.of(security.getUserPrincipal())));
    }

    @PUT
    @Path("contactgegevens")
    @Consumes(MediaType.APPLICATION_JSON)
    @CitizenAccess
    @Audited(activity = "mantelzorger.wijzigen", recordType = "mantelzorger", purpose = CaregiverResource.PURPOSE)
    public MyRegistrationOut updateContact(@PathParam("gemeentecode") String tenant, ContactIn body,
                                           @Context SecurityContext security) {
        Citizen citizen = Citizen.of(security.getUserPrincipal());
        if (body == null) {
            throw Inputs.missingBody();
        }
        String id = me(tenant, citizen);
        // name, date of birth and the rest stay as registered: the citizen changes only how to reach them
        CaregiverOut now = store.find(tenant, id).orElseThrow(MyRegistrationResource::notRegistered);
        DetailsIn details = new DetailsIn(new NameIn(now.name().first(), now.name().prefix(), now.name().last()),
                now.birthDate(), body.address(), body.email(), body.phone(), body.channel(),
                now.livesInMunicipality(), now.working());
        CaregiverResource.updateDetails(store, plugins, verifierCalls, events, tenant, id, citizen.pseudonym(),
                details);
        return view(tenant, id);
    }

    @PUT
    @Path("iban")
    @Consumes(MediaType.APPLICATION_JSON)
    @CitizenAccess
    @Audited(activity = "mantelzorger.gevoelige-gegevens-wijzigen", recordType = "mantelzorger",
            purpose = CaregiverResource.PURPOSE)
    public IbanOut updateIban(@PathParam("gemeentecode") String tenant, IbanIn body,
                              @Context SecurityContext security) {
        Citizen citizen = Citizen.of(security.getUserPrincipal());
        if (body == null) {
            throw Inputs.missingBody();
        }
        Validation v = new Validation();
        v.required("iban", body.iban());
        String iban = v.iban("iban", body.iban());
        v.throwIfInvalid();
        String id = me(tenant, citizen);
        // the IBAN only: a loket registration may hold just the BSN's lookup hash, which must stay
        store.updateIban(tenant, id, citizen.pseudonym(), iban);
        events.changed(tenant, id);
        return new IbanOut(Model.maskIban(iban));
    }

    @GET
    @Path("inzage")
    @CitizenAccess
    @Audited(activity = "mantelzorger.inzage", recordType = "mantelzorger", purpose = CaregiverResource.ACCESS_PURPOSE)
    public Response export(@PathParam("gemeentecode") String tenant, @Context SecurityContext security) {
        String id = me(tenant, Citizen.of(security.getUserPrincipal()));
        return Response.ok(CaregiverResource.export(store, sections, tenant, id))
                .header("Content-Disposition", "attachment; filename=\"mijn-gegevens-" + tenant + ".json\"").build();
    }

    @POST
    @Path("toestemmingen")
    @Consumes(MediaType.APPLICATION_JSON)
    @CitizenAccess
    @Audited(activity = "toestemming.vastleggen", recordType = "toestemming", purpose = CaregiverResource.PURPOSE)
    public ConsentsOut consent(@PathParam("gemeentecode") String tenant, MyConsentIn body,
                               @Context SecurityContext security) {
        Citizen citizen = Citizen.of(security.getUserPrincipal());
        if (body == null) {
            throw Inputs.missingBody();
        }
        return ConsentResource.record(store, events, tenant, me(tenant, citizen), citizen.pseudonym(),
                new ConsentIn(body.purpose(), body.given(), null, LOKET_SOURCE));
    }

    @POST
    @Path("belastingschecks")
    @Consumes(MediaType.APPLICATION_JSON)
    @CitizenAccess
    @Audited(activity = "belastingscheck.vastleggen", recordType = "belastingscheck",
            purpose = CaregiverResource.PURPOSE)
    public Response saveCheck(@PathParam("gemeentecode") String tenant, CheckIn body,
                              @Context SecurityContext security) {
        Citizen citizen = Citizen.of(security.getUserPrincipal());
        Questionnaire q = policies.questionnaire(tenant);
        String me = me(tenant, citizen);
        String id = CheckResource.record(store, q, tenant, me, citizen.pseudonym(), body);
        return Response.created(URI.create("burgers/gemeenten/" + tenant + "/mantelzorgers/ik/belastingschecks/" + id))
                .entity(store.check(tenant, me, id, policies.selfCheck(tenant).texts()).orElseThrow())
                .build();
    }

    @GET
    @Path("belastingschecks/{belastingscheckId}")
    @CitizenAccess
    @Audited(activity = "belastingscheck.lezen", recordType = "belastingscheck", purpose = CaregiverResource.PURPOSE,
            idParam = "belastingscheckId")
    public CheckOut readCheck(@PathParam("gemeentecode") String tenant, @PathParam("belastingscheckId") String checkId,
                              @Context SecurityContext security) {
        Citizen citizen = Citizen.of(security.getUserPrincipal());
        CaregiverResource.id("belastingscheckId", checkId);
        String me = me(tenant, citizen);
        return store.check(tenant, me, checkId, policies.selfCheck(tenant).texts())
                .orElseThrow(() -> ProblemException.notFound("U heeft geen belastingscheck met dit id."));
    }

    @POST
    @Path("wisverzoeken")
    @Consumes(MediaType.APPLICATION_JSON)
    @CitizenAccess
    @Audited(activity = "mantelzorger.wissen-verzoek", recordType = "mantelzorger", purpose = Erasures.ERASURE_PURPOSE)
    public Response requestErasure(@PathParam("gemeentecode") String tenant, ErasureIn body,
                                   @Context SecurityContext security,
                                   @HeaderParam(ApiHeaders.CORRELATION_ID) String correlationId) {
        Citizen citizen = Citizen.of(security.getUserPrincipal());
        if (body == null) {
            throw Inputs.missingBody();
        }
        Validation v = new Validation();
        if (!Boolean.TRUE.equals(body.confirmed())) {
            v.add("bevestigd", "Bevestig dat u al uw gegevens wilt laten wissen: geef true.");
        }
        String note = v.text("toelichting", body.note(), 1000, false);
        v.throwIfInvalid();
        String id = me(tenant, citizen);
        if (policies.erasureHandling(tenant) == ErasureHandling.DIRECT) {
            erasures.erase(tenant, id, citizen.pseudonym(), Citizen.ROLE, Erasures.ON_REQUEST, correlationId);
            return Response.ok(new ErasureRequestOut("uitgevoerd", Clocks.now(), null)).build();
        }
        RegistrationStore.ErasureRequest r = store.requestErasure(tenant, id, citizen.pseudonym(), note);
        return Response.accepted(new ErasureRequestOut("ingediend", r.requestedAt(), r.note())).build();
    }
}

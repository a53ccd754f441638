package nl.mantelkring.registration.internal;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.ApiHeaders;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.address.Address;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.plugin.PluginCallException;
import nl.mantelkring.platform.api.plugin.PluginCalls;
import nl.mantelkring.platform.api.plugin.PluginRegistry;
import nl.mantelkring.registration.PersonQuery;
import nl.mantelkring.registration.PersonVerdict;
import nl.mantelkring.registration.PersonVerifier;
import nl.mantelkring.registration.PersonalDataSection;
import nl.mantelkring.registration.internal.Json.BsnSearchIn;
import nl.mantelkring.registration.internal.Json.CaregiverOut;
import nl.mantelkring.registration.internal.Json.DeregistrationIn;
import nl.mantelkring.registration.internal.Json.DetailsIn;
import nl.mantelkring.registration.internal.Json.RegistrationIn;
import nl.mantelkring.registration.internal.Json.SensitiveIn;
import nl.mantelkring.registration.internal.Json.SensitiveOut;
import nl.mantelkring.registration.internal.Model.Person;
import nl.mantelkring.registration.internal.Policies.BsnPolicy;

/** Caregivers: register, search, read, update, BSN/IBAN, deregister, erase, right-of-access export. */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RegistrationModule.ID)
@Path("gemeenten/{gemeentecode}/mantelzorgers")
@Produces(MediaType.APPLICATION_JSON)
public class CaregiverResource implements RestResource {

    static final String PURPOSE = "Ondersteuning van mantelzorgers (Wmo 2015 art. 2.1.2)";
    static final String ACCESS_PURPOSE = "Recht op inzage (AVG art. 15)";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CaregiverResource.class);
    static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final RegistrationStore store;
    private final Policies policies;
    private final PluginRegistry plugins;
    private final Events events;
    private final Erasures erasures;
    /** Other modules' parts of the right-of-access export; they come and go (field-injected, replaced whole). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            service = PersonalDataSection.class)
    private volatile List<PersonalDataSection> sections = List.of();

    /** How long the person verifier (a BRP gateway call) may take; the consultant waits at the form. */
    static final java.time.Duration VERIFIER_LIMIT = java.time.Duration.ofSeconds(5);
    private final PluginCalls verifierCalls = new PluginCalls("mantelkring-persoonscontrole", 4, 16);

    @Activate
    public CaregiverResource(@Reference RegistrationStore store, @Reference Policies policies,
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

    static String id(String name, String value) {
        if (value == null || !value.matches(ID)) {
            throw ProblemException.invalid(name, "Geen geldig id (UUID in kleine letters).");
        }
        return value;
    }

    private static String user(SecurityContext s) {
        return s.getUserPrincipal().getName();
    }

    @GET
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "mantelzorger.zoeken", recordType = "mantelzorger", purpose = PURPOSE)
    public Page<CaregiverOut> search(@PathParam("gemeentecode") String tenant, @QueryParam("naam") String name,
                                     @QueryParam("postcode") String postcode,
                                     @QueryParam("relatie") String relation,
                                     @QueryParam("jongeMantelzorger") String young,
                                     @QueryParam("werkend") String working,
                                     @QueryParam("belasting") String outcome,
                                     @QueryParam("geregistreerdVanaf") String from,
                                     @QueryParam("geregistreerdTot") String until,
                                     @QueryParam("status") String status, @QueryParam("sorteer") String sort,
                                     @QueryParam("pagina") String page, @QueryParam("paginaGrootte") String size) {
        Validation v = new Validation();
        if (name != null && (name.isBlank() || name.length() > 100)) {
            v.add("naam", "Geef 1 tot 100 tekens.");
        }
        String pc = null;
        if (postcode != null) {
            String compact = postcode.replace(" ", "");
            if (compact.matches("[1-9][0-9]{0,3}")) {
                pc = compact;                         // an area: 1, 2, 3 or 4 digits
            } else {
                pc = v.postcode("postcode", postcode, true);
            }
        }
        v.code("relatie", relation, Codes.RELATIONS, false);
        Boolean isYoung = bool(v, "jongeMantelzorger", young);
        Boolean isWorking = bool(v, "werkend", working);
        if (outcome != null && !Codes.OUTCOMES.contains(outcome)) {
            v.add("belasting", "Toegestaan: groen, oranje, rood.");
        }
        LocalDate fromDate = date(v, "geregistreerdVanaf", from);
        LocalDate untilDate = date(v, "geregistreerdTot", until);
        String st = status == null ? Codes.ACTIVE : status;
        if (!List.of(Codes.ACTIVE, Codes.DEREGISTERED, "alle").contains(st)) {
            v.add("status", "Toegestaan: actief, uitgeschreven, alle.");
        }
        if (sort != null && !List.of("naam", "geregistreerdOp", "-geregistreerdOp").contains(sort)) {
            v.add("sorteer", "Toegestaan: naam, geregistreerdOp, -geregistreerdOp.");
        }
        v.throwIfInvalid();
        PageRequest request = PageRequest.parse(page, size);
        return store.search(tenant, new RegistrationStore.Criteria(name, pc, relation, isYoung, isWorking, outcome,
                fromDate, untilDate, "alle".equals(st) ? null : st, sort), request);
    }

    static Boolean bool(Validation v, String key, String value) {
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            v.add(key, "Toegestaan: true of false.");
            return null;
        }
        return Boolean.valueOf(value);
    }

    static LocalDate date(Validation v, String key, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            v.add(key, "Geef een datum als 2026-01-31.");
            return null;
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "mantelzorger.registreren", recordType = "mantelzorger", purpose = PURPOSE)
    public Response register(@PathParam("gemeentecode") String tenant, RegistrationIn body,
                             @Context SecurityContext security) {
        if (body == null) {
            throw Inputs.missingBody();
        }
        LocalDate today = Clocks.today();
        BsnPolicy bsnPolicy = policies.bsn(tenant);
        Validation v = new Validation();
        Inputs.NewRegistration in = Inputs.registration(v, body, bsnPolicy.caregiver(), today);
        v.throwIfInvalid();
        Person person = verified(plugins, verifierCalls, tenant, in.person(), in.bsn());
        String id = store.register(tenant, user(security), person, in.bsn(), in.iban(), in.consents());
        events.registered(tenant, id);
        return Response.created(URI.create("gemeenten/" + tenant + "/mantelzorgers/" + id))
                .entity(store.read(tenant, id).orElseThrow()).build();
    }

    /** Asks the tenant's person verifier (BRP gateway); it may refuse, or fill residence. */
    static Person verified(PluginRegistry plugins, PluginCalls verifierCalls, String tenant, Person p, String bsn) {
        PersonVerifier verifier = plugins.select(PersonVerifier.class, tenant, PersonVerifier.POLICY_KEY,
                Clocks.today().getYear(), PersonVerifier.BUILT_IN);
        PersonQuery query = new PersonQuery(bsn, p.birthDate(),
                new Address(p.street(), p.number(), p.addition(), p.postcode(), p.city()));
        PersonVerdict verdict;
        try {
            // on a thread of its own with a time limit: a hanging gateway cannot hold the request
            verdict = verifierCalls.call(PersonVerifier.POLICY_KEY, VERIFIER_LIMIT, () -> verifier.verify(tenant, query));
        } catch (PluginCallException e) {
            if (e.getCause() instanceof ProblemException problem) {
                throw problem;
            }
            // the plugin's failure (e.g. the BRP gateway is down) is not the client's: nothing is registered unchecked
            LOG.warn("Person verifier {} failed for {}: {}", verifier.getClass().getName(), tenant, e.getMessage());
            verdict = null;
        }
        if (verdict == null) {
            throw new ProblemException(503, Problems.of("persoonscontrole-mislukt"), "Persoonscontrole mislukt",
                    "De persoonscontrole van de gemeente (beleid " + PersonVerifier.POLICY_KEY
                            + ") gaf geen antwoord. Probeer het later opnieuw; er is niets vastgelegd.");
        }
        if (!verdict.accepted()) {
            throw ProblemException.invalid(verdict.problems().isEmpty()
                    ? List.of(new nl.mantelkring.platform.api.FieldViolation("adres",
                            "Niet gevonden in de Basisregistratie Personen.")) : verdict.problems());
        }
        if (verdict.livesInMunicipality() == null) {
            return p;
        }
        return new Person(p.first(), p.prefix(), p.last(), p.birthDate(), p.street(), p.number(), p.addition(),
                p.postcode(), p.city(), p.email(), p.phone(), p.channel(), verdict.livesInMunicipality(), p.working());
    }

    @POST
    @Path("zoekopdrachten")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "mantelzorger.zoeken-op-bsn", recordType = "mantelzorger", purpose = PURPOSE)
    public Page<CaregiverOut> searchByBsn(@PathParam("gemeentecode") String tenant, BsnSearchIn body) {
        if (body == null) {
            throw Inputs.missingBody();
        }
        Validation v = new Validation();
        v.required("bsn", body.bsn());
        String bsn = v.bsn("bsn", body.bsn());
        v.throwIfInvalid();
        List<CaregiverOut> found = store.findByBsn(tenant, bsn).flatMap(id -> store.find(tenant, id))
                .map(List::of).orElse(List.of());
        return Page.slice(found, PageRequest.of(1, PageRequest.DEFAULT_SIZE));
    }

    @GET
    @Path("{mantelzorgerId}")
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "mantelzorger.lezen", recordType = "mantelzorger", purpose = PURPOSE,
            idParam = "mantelzorgerId")
    public CaregiverOut read(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String id) {
        return store.read(tenant, id("mantelzorgerId", id)).orElseThrow(RegistrationStore::caregiverNotFound);
    }

    @PUT
    @Path("{mantelzorgerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "mantelzorger.wijzigen", recordType = "mantelzorger", purpose = PURPOSE,
            idParam = "mantelzorgerId")
    public CaregiverOut update(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String id,
                               DetailsIn body, @Context SecurityContext security) {
        id("mantelzorgerId", id);
        return updateDetails(store, plugins, verifierCalls, events, tenant, id, user(security), body);
    }

    /** Checks and stores a caregiver's new details (staff and the caregiver in the loket alike). */
    static CaregiverOut updateDetails(RegistrationStore store, PluginRegistry plugins, PluginCalls verifierCalls,
                                      Events events, String tenant, String id, String actor, DetailsIn body) {
        if (body == null) {
            throw Inputs.missingBody();
        }
        Validation v = new Validation();
        Person person = Inputs.person(v, body, Clocks.today());
        v.throwIfInvalid();
        if (!store.exists(tenant, id)) {
            throw RegistrationStore.caregiverNotFound();
        }
        store.update(tenant, id, actor, verified(plugins, verifierCalls, tenant, person, store.sensitive(tenant, id).bsn()));
        events.changed(tenant, id);
        return store.read(tenant, id).orElseThrow();
    }

    @GET
    @Path("{mantelzorgerId}/gevoelige-gegevens")
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "mantelzorger.gevoelige-gegevens-inzien", recordType = "mantelzorger", purpose = PURPOSE,
            idParam = "mantelzorgerId", purposeParam = "doel")
    public SensitiveOut reveal(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String id,
                               @QueryParam("doel") String purpose) {
        id("mantelzorgerId", id);
        Validation v = new Validation();
        v.code("doel", purpose, Codes.REVEAL_PURPOSES, true);
        v.throwIfInvalid();
        return store.sensitive(tenant, id);
    }

    @PUT
    @Path("{mantelzorgerId}/gevoelige-gegevens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "mantelzorger.gevoelige-gegevens-wijzigen", recordType = "mantelzorger", purpose = PURPOSE,
            idParam = "mantelzorgerId")
    public Map<String, String> updateSensitive(@PathParam("gemeentecode") String tenant,
                                               @PathParam("mantelzorgerId") String id, SensitiveIn body,
                                               @Context SecurityContext security) {
        id("mantelzorgerId", id);
        if (body == null) {
            throw Inputs.missingBody();
        }
        Validation v = new Validation();
        String bsn = Inputs.bsn(v, "bsn", body.bsn(), policies.bsn(tenant).caregiver(), true);
        String iban = v.iban("iban", body.iban());
        v.throwIfInvalid();
        store.updateSensitive(tenant, id, user(security), bsn, iban);
        events.changed(tenant, id);
        Map<String, String> masked = new LinkedHashMap<>();
        masked.put("bsn", Model.maskBsn(bsn));
        masked.put("iban", Model.maskIban(iban));
        return masked;
    }

    @POST
    @Path("{mantelzorgerId}/uitschrijving")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "mantelzorger.uitschrijven", recordType = "mantelzorger", purpose = PURPOSE,
            idParam = "mantelzorgerId")
    public CaregiverOut deregister(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String id,
                                   DeregistrationIn body, @Context SecurityContext security) {
        id("mantelzorgerId", id);
        if (body == null) {
            throw Inputs.missingBody();
        }
        Validation v = new Validation();
        v.code("reden", body.reason(), Codes.DEREGISTRATION_REASONS, true);
        v.throwIfInvalid();
        store.deregister(tenant, id, user(security), body.reason());
        events.changed(tenant, id);
        return store.read(tenant, id).orElseThrow();
    }

    @DELETE
    @Path("{mantelzorgerId}")
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "mantelzorger.wissen-verzoek", recordType = "mantelzorger",
            purpose = Erasures.ERASURE_PURPOSE, idParam = "mantelzorgerId")
    public Response erase(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String id,
                          @Context SecurityContext security,
                          @HeaderParam(ApiHeaders.CORRELATION_ID) String correlationId) {
        id("mantelzorgerId", id);
        erasures.erase(tenant, id, user(security), Role.CONSULTANT.roleName(), Erasures.ON_REQUEST, correlationId);
        return Response.noContent().build();
    }

    @GET
    @Path("{mantelzorgerId}/inzage")
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "mantelzorger.inzage", recordType = "mantelzorger", purpose = ACCESS_PURPOSE,
            idParam = "mantelzorgerId")
    public Map<String, Object> export(@PathParam("gemeentecode") String tenant,
                                      @PathParam("mantelzorgerId") String id) {
        id("mantelzorgerId", id);
        return export(store, sections, tenant, id);
    }

    /** The right-of-access export: this module's data and every other module's section (staff and loket alike). */
    static Map<String, Object> export(RegistrationStore store, List<PersonalDataSection> sections, String tenant,
                                      String id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gemeentecode", tenant);
        out.put("opgesteldOp", Clocks.now());
        out.put("registratie", store.export(tenant, id));
        for (PersonalDataSection section : List.copyOf(sections)) {
            Map<String, Object> part = section.export(tenant, id);
            if (part != null && !part.isEmpty()) {
                out.put(section.name(), part);
            }
        }
        return out;
    }
}

package nl.mantelkring.registration.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.plugin.PluginCalls;
import nl.mantelkring.platform.api.plugin.PluginRegistry;
import nl.mantelkring.registration.CaregiverRegistration;
import nl.mantelkring.registration.internal.Json.RegistrationIn;
import nl.mantelkring.registration.internal.Json.RelationIn;
import nl.mantelkring.registration.internal.Model.Person;
import nl.mantelkring.registration.internal.Model.Relation;
import nl.mantelkring.registration.internal.Policies.BsnPolicy;
import nl.mantelkring.registration.internal.Policies.BsnRule;

/**
 * {@link CaregiverRegistration}: the registration API's checks on the bodies another module's request carries, then
 * the same store calls, events and audit entries as {@code POST /mantelzorgers} and {@code POST .../zorgrelaties}.
 */
@Component(service = CaregiverRegistration.class)
public class CaregiverRegistrationImpl implements CaregiverRegistration {

    /** As the platform's API mapper: unknown fields are refused, dates are ISO dates. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final RegistrationStore store;
    private final Policies policies;
    private final PluginRegistry plugins;
    private final Events events;
    private final AuditLog audit;
    /** The person verifier is a plugin: called with a time limit, as by the registration API. */
    private final PluginCalls verifierCalls = new PluginCalls("mantelkring-persoonscontrole-aanvraag", 4, 16);

    @Activate
    public CaregiverRegistrationImpl(@Reference RegistrationStore store, @Reference Policies policies,
                                     @Reference PluginRegistry plugins, @Reference Events events,
                                     @Reference AuditLog audit) {
        this.store = store;
        this.policies = policies;
        this.plugins = plugins;
        this.events = events;
        this.audit = audit;
    }

    @Deactivate
    void deactivate() {
        verifierCalls.close();
    }

    @Override
    public Registered register(String tenant, String actor, String caregiverJson, String caregiverId,
                               String relationJson, String caregiverField, String relationField) {
        if ((caregiverJson == null) == (caregiverId == null) || relationJson == null) {
            throw new IllegalArgumentException("a new caregiver or a caregiver id, and a relation");
        }
        LocalDate today = Clocks.today();
        BsnPolicy bsnPolicy = policies.bsn(tenant);
        List<FieldViolation> problems = new ArrayList<>();
        RegistrationIn in = null;
        Inputs.NewRegistration fields = null;
        LocalDate birth;
        if (caregiverJson != null) {
            in = read(caregiverJson, RegistrationIn.class, caregiverField, problems);
            Validation v = new Validation();
            if (in != null) {
                fields = Inputs.registration(v, in, bsnPolicy.caregiver(), today);
            }
            collect(v, caregiverField, problems);
            birth = in == null ? null : in.birthDate();
        } else {
            birth = store.info(tenant, caregiverId).orElseThrow(RegistrationStore::caregiverNotFound).birthDate();
        }
        Relation relation = relation(tenant, relationJson, relationField, birth, bsnPolicy, today, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        String id = caregiverId;
        if (caregiverJson != null) {
            Person person = verify(tenant, fields.person(), fields.bsn(), caregiverField);
            id = store.register(tenant, actor, person, fields.bsn(), fields.iban(), fields.consents());
            audit.record(entry(tenant, actor, "mantelzorger.registreren", "mantelzorger", id, id));
            events.registered(tenant, id);
        }
        String relationId = store.addRelation(tenant, id, actor, relation);
        audit.record(entry(tenant, actor, "zorgrelatie.registreren", "zorgrelatie", relationId, id));
        events.changed(tenant, id);
        return new Registered(id, relationId, caregiverJson != null);
    }

    /** The care relation body, checked as by the registration API; problems are named under the prefix. */
    private Relation relation(String tenant, String relationJson, String relationField, LocalDate birth,
                              BsnPolicy bsnPolicy, LocalDate today, List<FieldViolation> problems) {
        RelationIn relationIn = read(relationJson, RelationIn.class, relationField, problems);
        if (relationIn == null) {
            return null;
        }
        Validation v = new Validation();
        Relation relation = Inputs.relation(v, relationIn, bsnPolicy.recipient(), birth, today);
        collect(v, relationField, problems);
        return relation;
    }

    /** The tenant's person verifier, as for {@code POST /mantelzorgers}; its refusals named under the prefix. */
    private Person verify(String tenant, Person person, String bsn, String caregiverField) {
        try {
            return CaregiverResource.verified(plugins, verifierCalls, tenant, person, bsn);
        } catch (ProblemException e) {
            // the person verifier may refuse fields: named under the caregiver's prefix like every other problem
            throw withPrefix(caregiverField, e);
        }
    }

    private static AuditEntry entry(String tenant, String actor, String activity, String type, String id,
                                    String subject) {
        return new AuditEntry(tenant, actor, null, activity, type, id, subject, CaregiverResource.PURPOSE, true, null,
                "geslaagd");
    }

    private static <T> T read(String json, Class<T> type, String prefix, List<FieldViolation> problems) {
        try {
            T value = JSON.readValue(json, type);
            if (value == null) {
                problems.add(new FieldViolation(strip(prefix), "Verplicht: een JSON-object."));
            }
            return value;
        } catch (JsonMappingException e) {
            List<String> parts = new ArrayList<>();
            for (JsonMappingException.Reference ref : e.getPath()) {
                parts.add(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
            }
            problems.add(new FieldViolation(parts.isEmpty() ? strip(prefix) : prefix + String.join(".", parts),
                    e instanceof UnrecognizedPropertyException ? "Onbekend veld."
                            : "Waarde heeft het verkeerde type of formaat."));
            return null;
        } catch (JsonProcessingException e) {
            problems.add(new FieldViolation(strip(prefix), "Geen geldige JSON."));
            return null;
        }
    }

    private static String strip(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static void collect(Validation v, String prefix, List<FieldViolation> problems) {
        try {
            v.throwIfInvalid();
        } catch (ProblemException e) {
            for (FieldViolation f : e.violations()) {
                problems.add(new FieldViolation(prefix + f.field(), f.reason()));
            }
        }
    }

    private static ProblemException withPrefix(String prefix, ProblemException e) {
        if (e.violations() == null || e.violations().isEmpty()) {
            return e;
        }
        return ProblemException.invalid(e.violations().stream()
                .map(f -> new FieldViolation(prefix + f.field(), f.reason())).toList());
    }

    @Override
    public Registered registerCitizen(String tenant, String actor, String bsn, String caregiverJson,
                                      String relationJson, String caregiverField, String relationField) {
        if (bsn == null || caregiverJson == null || relationJson == null) {
            throw new IllegalArgumentException("the citizen's BSN, the caregiver and a relation");
        }
        LocalDate today = Clocks.today();
        BsnPolicy bsnPolicy = policies.bsn(tenant);
        List<FieldViolation> problems = new ArrayList<>();
        RegistrationIn in = read(caregiverJson, RegistrationIn.class, caregiverField, problems);
        String existing = store.findByBsn(tenant, bsn).orElse(null);
        Inputs.NewRegistration fields = null;
        LocalDate birth = null;
        if (in != null) {
            Validation v = new Validation();
            if (in.bsn() != null) {
                v.add("bsn", "Laat dit veld weg: uw BSN komt uit uw DigiD-inlog.");
            }
            // the BSN from the session, recorded as the tenant's policy allows (NEE: only its lookup hash, below)
            String recorded = bsnPolicy.caregiver() == BsnRule.NEE ? null : bsn;
            if (existing == null) {
                fields = Inputs.registration(v, withBsn(in, recorded), bsnPolicy.caregiver(), today);
                birth = in.birthDate();
            } else {
                // a registered citizen keeps name and date of birth as registered; contact details are updated
                Json.CaregiverOut now = store.find(tenant, existing).orElseThrow(RegistrationStore::caregiverNotFound);
                birth = now.birthDate();
                Json.DetailsIn details = new Json.DetailsIn(new Json.NameIn(now.name().first(), now.name().prefix(),
                        now.name().last()), birth, in.address(), in.email(), in.phone(), in.channel(),
                        in.livesInMunicipality() == null ? now.livesInMunicipality() : in.livesInMunicipality(),
                        in.working() == null ? now.working() : in.working());
                fields = new Inputs.NewRegistration(Inputs.person(v, details, today), recorded,
                        v.iban("iban", in.iban()), Inputs.consents(v, "toestemmingen.", atLoket(in.consents()), today));
            }
            collect(v, caregiverField, problems);
        }
        Relation relation = relation(tenant, relationJson, relationField, birth, bsnPolicy, today, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        Person person = verify(tenant, fields.person(), bsn, caregiverField);
        String id = existing;
        if (id == null) {
            try {
                id = store.register(tenant, actor, person, fields.bsn(), fields.iban(), fields.consents());
            } catch (ProblemException e) {
                if (e.status() == 409) {
                    // never point a citizen at another record: the same name, birth date and postcode without this BSN
                    throw ProblemException.conflict("Er is al een registratie met deze naam, geboortedatum en postcode."
                            + " Neem contact op met de gemeente; er is niets vastgelegd.");
                }
                throw e;
            }
            if (fields.bsn() == null) {
                store.linkCitizenBsn(tenant, id, bsn);
            }
            audit.record(entry(tenant, actor, "mantelzorger.registreren", "mantelzorger", id, id));
            events.registered(tenant, id);
        } else {
            store.update(tenant, id, actor, person);
            store.updateIban(tenant, id, actor, fields.iban());
            for (Model.Consent consent : fields.consents()) {
                store.addConsent(tenant, id, actor, consent);
            }
            audit.record(entry(tenant, actor, "mantelzorger.wijzigen", "mantelzorger", id, id));
            events.changed(tenant, id);
        }
        String relationId = store.activeRelationWith(tenant, id, relation.recipient()).map(Json.RelationOut::id)
                .orElse(null);
        if (relationId == null) {
            relationId = store.addRelation(tenant, id, actor, relation);
            audit.record(entry(tenant, actor, "zorgrelatie.registreren", "zorgrelatie", relationId, id));
        } else {
            store.updateRelation(tenant, id, relationId, actor, relation);
            audit.record(entry(tenant, actor, "zorgrelatie.wijzigen", "zorgrelatie", relationId, id));
        }
        events.changed(tenant, id);
        return new Registered(id, relationId, existing == null);
    }

    /** The body with the session's BSN (as recorded), and its consents as given at the loket (source digitaal). */
    private static RegistrationIn withBsn(RegistrationIn in, String bsn) {
        return new RegistrationIn(in.name(), in.birthDate(), in.address(), in.email(), in.phone(), in.channel(),
                in.livesInMunicipality(), in.working(), bsn, in.iban(), atLoket(in.consents()));
    }

    private static List<Json.ConsentIn> atLoket(List<Json.ConsentIn> consents) {
        return consents == null ? null : consents.stream().map(c -> c == null ? null
                : new Json.ConsentIn(c.purpose(), c.given(), c.date(), "digitaal")).toList();
    }
}

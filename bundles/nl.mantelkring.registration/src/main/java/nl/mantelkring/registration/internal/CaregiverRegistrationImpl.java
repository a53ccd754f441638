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
        RelationIn relationIn = read(relationJson, RelationIn.class, relationField, problems);
        Relation relation = null;
        if (relationIn != null) {
            Validation v = new Validation();
            relation = Inputs.relation(v, relationIn, bsnPolicy.recipient(), birth, today);
            collect(v, relationField, problems);
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        String id = caregiverId;
        if (caregiverJson != null) {
            Person person;
            try {
                person = CaregiverResource.verified(plugins, verifierCalls, tenant, fields.person(), fields.bsn());
            } catch (ProblemException e) {
                // the person verifier may refuse fields: named under the caregiver's prefix like every other problem
                throw withPrefix(caregiverField, e);
            }
            id = store.register(tenant, actor, person, fields.bsn(), fields.iban(), fields.consents());
            audit.record(entry(tenant, actor, "mantelzorger.registreren", "mantelzorger", id, id));
            events.registered(tenant, id);
        }
        String relationId = store.addRelation(tenant, id, actor, relation);
        audit.record(entry(tenant, actor, "zorgrelatie.registreren", "zorgrelatie", relationId, id));
        events.changed(tenant, id);
        return new Registered(id, relationId, caregiverJson != null);
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
        // PLACEHOLDER (issue 18, being implemented on branch issue-18-appreciation): never lands as is
        throw new UnsupportedOperationException("registerCitizen is not implemented yet");
    }
}

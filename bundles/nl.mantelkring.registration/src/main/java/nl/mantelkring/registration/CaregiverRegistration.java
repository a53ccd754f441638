package nl.mantelkring.registration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registration on behalf of another module's request, e.g. an appreciation application that registers the caregiver
 * and the care relation in the same call. The bodies are the registration API's own JSON ({@code POST
 * /mantelzorgers} and {@code POST /mantelzorgers/{id}/zorgrelaties}), checked exactly as there (formats, the tenant's
 * BSN policy, the person verifier, duplicates), and audited as {@code mantelzorger.registreren} and
 * {@code zorgrelatie.registreren} with the actor given.
 *
 * <p>Everything is checked before anything is stored: a {@code ProblemException} (400 with the offending fields
 * named under the prefixes given, 404 for an unknown caregiver, 409 {@code dubbele-registratie} with
 * {@code bestaandeRegistratie}, 503 when the person verifier does not answer) means nothing was registered.
 *
 * @since 1.1
 */
@ProviderType
public interface CaregiverRegistration {

    /** What was registered: the caregiver (new, or the one given) and the new care relation. */
    record Registered(String caregiverId, String relationId, boolean newCaregiver) {
    }

    /**
     * Registers a new caregiver with one care relation, or a new care relation of a registered caregiver.
     *
     * @param caregiverJson  the registration ({@code POST /mantelzorgers} body), or null with {@code caregiverId}
     * @param caregiverId    a registered caregiver of the tenant, or null with {@code caregiverJson}
     * @param relationJson   the care relation ({@code POST .../zorgrelaties} body)
     * @param caregiverField field name prefix for problems in {@code caregiverJson}, e.g. {@code "mantelzorger."}
     * @param relationField  field name prefix for problems in {@code relationJson}, e.g. {@code "zorgrelatie."}
     */
    Registered register(String tenant, String actor, String caregiverJson, String caregiverId, String relationJson,
                        String caregiverField, String relationField);
}

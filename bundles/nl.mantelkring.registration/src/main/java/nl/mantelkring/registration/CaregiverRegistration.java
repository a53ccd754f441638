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

    /**
     * Registers or updates the signed-in citizen as caregiver, with one care relation, for an application the citizen
     * makes at the loket: the registration is made or updated in the same step, checked exactly as
     * {@link #register}.
     * <ul>
     * <li>The BSN is {@code bsn}, from the citizen's session; {@code caregiverJson} must not carry one (400 on
     * {@code <caregiverField>bsn}).</li>
     * <li>When the tenant has an active registration with that BSN, it is kept and updated with the contact fields
     * given (address, e-mail, phone, preferred channel, IBAN); name and date of birth stay as registered. Otherwise a
     * new registration is made from {@code caregiverJson} ({@code POST /mantelzorgers} body without {@code bsn}).</li>
     * <li>An active care relation of that caregiver with the same care recipient (by the recipient's BSN, or else by
     * the recipient's name) is reused and updated (hours, care kinds); otherwise a new one is added from
     * {@code relationJson}.</li>
     * <li>Consents in {@code caregiverJson} ({@code toestemmingen}) are recorded as given at the loket.</li>
     * </ul>
     * Audited as {@code mantelzorger.registreren} or {@code mantelzorger.wijzigen} and
     * {@code zorgrelatie.registreren} or {@code zorgrelatie.wijzigen}, with {@code actor} (the citizen's pseudonym).
     *
     * @return the caregiver and the relation; {@link Registered#newCaregiver()} when the registration was made now
     * @since 1.2
     */
    Registered registerCitizen(String tenant, String actor, String bsn, String caregiverJson, String relationJson,
                               String caregiverField, String relationField);
}

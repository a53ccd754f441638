package nl.mantelkring.registration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * SPI: checks a caregiver's BSN and address, typically against the municipality's BRP gateway (Haal Centraal
 * BRP bevragen), when a caregiver is registered or their address or BSN changes. Register it as a DS component
 * with {@code mantelkring.plugin.id} (and optionally {@code mantelkring.tenant}); a tenant selects it with the policy
 * key {@link #POLICY_KEY} ({@code {"plugin": "<id>"}}). It may fill {@code woontInGemeente} and
 * {@code brpGecontroleerd}; the built-in plugin {@link #BUILT_IN} accepts everyone and fills neither.
 *
 * <p>Called on request threads: thread-safe, and answer within a few seconds (a gateway call needs its own
 * timeout). A thrown exception refuses the registration with 503, so nothing is registered unchecked.
 */
@ConsumerType
public interface PersonVerifier {

    /** Policy key naming the tenant's person verifier. */
    String POLICY_KEY = "registratie.persoonsverificatie";

    /** Id of the built-in plugin, which accepts without checking. */
    String BUILT_IN = "geen-controle";

    /** Verifies the person for the tenant; never returns null. */
    PersonVerdict verify(String tenant, PersonQuery query);
}

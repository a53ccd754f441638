package nl.mantelkring.platform.api.address;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * SPI: verifies an address. Register an implementation as a DS component with the property
 * {@link nl.mantelkring.platform.api.plugin.Plugins#ID}; a tenant selects it with the policy key
 * {@link #POLICY_KEY} ({@code {"plugin": "<id>"}}). Implementations must be thread-safe and must not block for
 * long; the platform calls them on request threads.
 */
@ConsumerType
public interface AddressVerifier {

    /** Policy key naming the tenant's address verifier. */
    String POLICY_KEY = "adresverificatie";

    /** Id of the built-in plugin, used when the tenant's policy names none. */
    String BUILT_IN = "formaat";

    /** Verifies the address for the tenant; never returns null. */
    AddressVerdict verify(String tenant, Address address);
}

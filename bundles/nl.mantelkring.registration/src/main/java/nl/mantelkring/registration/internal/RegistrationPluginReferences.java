package nl.mantelkring.registration.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.plugin.PluginReference;
import nl.mantelkring.platform.api.plugin.PluginReferences;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.registration.PersonVerifier;

/** The person verifier ({@code registratie.persoonsverificatie}) a tenant's policy names. */
@Component(service = PluginReferences.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RegistrationModule.ID)
public class RegistrationPluginReferences implements PluginReferences {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyStore policy;

    @Activate
    public RegistrationPluginReferences(@Reference PolicyStore policy) {
        this.policy = policy;
    }

    @Override
    public List<PluginReference> references(String tenant, int year) {
        return policy.current(tenant, PersonVerifier.POLICY_KEY, year).map(v -> {
            try {
                return JSON.readTree(v.value()).path("plugin").asText(null);
            } catch (Exception e) {
                return null;    // an unusable value: registration answers 503 beleid-onbruikbaar for it
            }
        }).filter(id -> !id.isBlank()).map(id -> List.of(PluginReference.of(PersonVerifier.POLICY_KEY,
                PersonVerifier.class, id, "Registreren en wijzigen van mantelzorgers antwoordt 503; er wordt niets"
                        + " vastgelegd zonder persoonscontrole."))).orElse(List.of());
    }
}

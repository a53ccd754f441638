package nl.mantelkring.platform.internal.address;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.address.AddressVerifier;
import nl.mantelkring.platform.api.plugin.PluginReference;
import nl.mantelkring.platform.api.plugin.PluginReferences;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.internal.plugin.PluginRegistryImpl;

/** The address verifier a tenant's policy ({@code adresverificatie}) names. */
@Component(service = PluginReferences.class,
        property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
public class AddressVerifierReferences implements PluginReferences {

    private final PolicyStore policy;

    @Activate
    public AddressVerifierReferences(@Reference PolicyStore policy) {
        this.policy = policy;
    }

    @Override
    public List<PluginReference> references(String tenant, int year) {
        return policy.current(tenant, AddressVerifier.POLICY_KEY, year).map(PluginRegistryImpl::pluginIdOf)
                .map(id -> List.of(PluginReference.of(AddressVerifier.POLICY_KEY, AddressVerifier.class, id,
                        "Adrescontroles antwoorden 503 (plugin niet beschikbaar); er wordt niets vastgelegd.")))
                .orElse(List.of());
    }
}

package nl.mantelkring.respite.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.plugin.PluginReference;
import nl.mantelkring.platform.api.plugin.PluginReferences;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.respite.OfferingSource;

/** The offering source ({@code respijtzorg.bron}) a tenant's policy names. */
@Component(service = PluginReferences.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RespiteModule.ID)
public class RespitePluginReferences implements PluginReferences {

    private final PolicyStore policy;

    @Activate
    public RespitePluginReferences(@Reference PolicyStore policy) {
        this.policy = policy;
    }

    @Override
    public List<PluginReference> references(String tenant, int year) {
        return policy.current(tenant, OfferingSource.POLICY_KEY, year).map(v -> {
            try {
                return SourceSync.pluginId(v.value());
            } catch (ProblemException e) {
                return null;    // an unusable value: the sync reports it (503 beleid-onbruikbaar)
            }
        }).map(id -> List.of(PluginReference.of(OfferingSource.POLICY_KEY,
                OfferingSource.class, id, "De aanbodbron wordt overgeslagen (gelogd); het aanbod blijft zoals het"
                        + " is."))).orElse(List.of());
    }
}

package nl.mantelkring.respite.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.plugin.PluginReference;
import nl.mantelkring.platform.api.plugin.PluginReferences;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.respite.OfferingSource;

/** The offering source ({@code respijtzorg.bron}) a tenant's policy names. */
@Component(service = PluginReferences.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RespiteModule.ID)
public class RespitePluginReferences implements PluginReferences {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyStore policy;

    @Activate
    public RespitePluginReferences(@Reference PolicyStore policy) {
        this.policy = policy;
    }

    @Override
    public List<PluginReference> references(String tenant, int year) {
        return policy.current(tenant, OfferingSource.POLICY_KEY, year).map(v -> {
            try {
                return JSON.readTree(v.value()).path("plugin").asText(null);
            } catch (Exception e) {
                return null;    // an unusable value: the sync reports it (503 beleid-onbruikbaar)
            }
        }).filter(id -> !id.isBlank()).map(id -> List.of(PluginReference.of(OfferingSource.POLICY_KEY,
                OfferingSource.class, id, "De aanbodbron wordt overgeslagen (gelogd); het aanbod blijft zoals het"
                        + " is."))).orElse(List.of());
    }
}

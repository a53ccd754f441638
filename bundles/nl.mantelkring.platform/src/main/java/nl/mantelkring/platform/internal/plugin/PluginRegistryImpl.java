package nl.mantelkring.platform.internal.plugin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.plugin.PluginInfo;
import nl.mantelkring.platform.api.plugin.PluginRegistry;
import nl.mantelkring.platform.api.plugin.PluginUnavailableException;
import nl.mantelkring.platform.api.plugin.Plugins;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyVersion;

/**
 * Tracks every service carrying {@link Plugins#ID}, whatever its SPI, so lookups always reflect the plugins
 * registered right now. A tenant-scoped plugin is invisible to other tenants.
 */
@Component(service = PluginRegistry.class)
public class PluginRegistryImpl implements PluginRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BundleContext context;
    private final PolicyStore policy;
    private final ServiceTracker<Object, Object> tracker;

    @Activate
    public PluginRegistryImpl(BundleContext context, @Reference PolicyStore policy) throws InvalidSyntaxException {
        this.context = context;
        this.policy = policy;
        this.tracker = new ServiceTracker<>(context, context.createFilter("(" + Plugins.ID + "=*)"), null);
        this.tracker.open(true);
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    @Override
    public <T> Optional<T> find(Class<T> spi, String tenant, String pluginId) {
        if (pluginId == null) {
            return Optional.empty();
        }
        return candidates(spi.getName(), tenant)
                .filter(r -> pluginId.equals(String.valueOf(r.getProperty(Plugins.ID))))
                .filter(r -> isCompatible(r, spi))
                .max(Comparator.naturalOrder())
                .map(tracker::getService)
                .map(spi::cast);
    }

    @Override
    public <T> T select(Class<T> spi, String tenant, String policyKey, int year, String defaultPluginId) {
        String id = policy.current(tenant, policyKey, year).map(PluginRegistryImpl::pluginIdOf)
                .orElse(defaultPluginId);
        return find(spi, tenant, id).orElseThrow(() -> new PluginUnavailableException(spi.getSimpleName(),
                id == null ? "(geen)" : id));
    }

    @Override
    public List<PluginInfo> available(Class<?> spi, String tenant) {
        return candidates(spi.getName(), tenant).map(r -> info(spi.getName(), r))
                .sorted(Comparator.comparing(PluginInfo::id)).toList();
    }

    @Override
    public List<PluginInfo> available(String tenant) {
        List<PluginInfo> out = new ArrayList<>();
        for (ServiceReference<Object> r : refs()) {
            if (visibleTo(r, tenant)) {
                for (String type : (String[]) r.getProperty(Constants.OBJECTCLASS)) {
                    out.add(info(type, r));
                }
            }
        }
        out.sort(Comparator.comparing(PluginInfo::extensionPoint).thenComparing(PluginInfo::id));
        return out;
    }

    private java.util.stream.Stream<ServiceReference<Object>> candidates(String type, String tenant) {
        return refs().stream().filter(r -> Arrays.asList((String[]) r.getProperty(Constants.OBJECTCLASS))
                .contains(type)).filter(r -> visibleTo(r, tenant));
    }

    private List<ServiceReference<Object>> refs() {
        ServiceReference<Object>[] refs = tracker.getServiceReferences();
        return refs == null ? List.of() : Arrays.asList(refs);
    }

    private boolean isCompatible(ServiceReference<?> ref, Class<?> spi) {
        var bundle = FrameworkUtil.getBundle(spi);
        return bundle == null || ref.isAssignableTo(bundle, spi.getName());
    }

    static boolean visibleTo(ServiceReference<?> ref, String tenant) {
        List<String> scoped = tenantsOf(ref.getProperty(Plugins.TENANT));
        return scoped.isEmpty() || scoped.contains(tenant);
    }

    static List<String> tenantsOf(Object property) {
        if (property == null) {
            return List.of();
        }
        if (property instanceof String[] a) {
            return List.of(a);
        }
        if (property instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(property));
    }

    private static PluginInfo info(String type, ServiceReference<?> r) {
        Object name = r.getProperty(Plugins.NAME);
        Object ranking = r.getProperty(Constants.SERVICE_RANKING);
        String id = String.valueOf(r.getProperty(Plugins.ID));
        return new PluginInfo(type, id, name == null ? id : String.valueOf(name),
                r.getBundle().getSymbolicName() + " " + r.getBundle().getVersion(),
                tenantsOf(r.getProperty(Plugins.TENANT)), ranking instanceof Integer i ? i : 0);
    }

    /** The {@code plugin} field of a policy value naming a plugin, or null. */
    public static String pluginIdOf(PolicyVersion v) {
        try {
            JsonNode n = JSON.readTree(v.value());
            JsonNode id = n.get("plugin");
            return id == null || !id.isTextual() ? null : id.asText();
        } catch (Exception e) {
            return null;
        }
    }
}

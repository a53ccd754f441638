package nl.mantelkring.platform.internal.module;

import java.time.Year;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyVersion;

/**
 * Whiteboard of installed modules, and which are enabled per tenant. Enablement is tenant policy (key
 * {@code module.<id>}, value {@code {"ingeschakeld": true}}), so it is versioned and shared by every node; it is
 * cached here for two seconds and invalidated at once on this node when changed.
 */
@Component(service = ModuleRegistry.class)
public class ModuleRegistry {

    public static final String POLICY_PREFIX = "module.";
    private static final long CACHE_NANOS = 2_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ModuleRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached(boolean enabled, long at) {
    }

    private final PolicyStore policy;
    private final Map<String, InstalledModule> modules = new ConcurrentHashMap<>();
    private final Map<String, Cached> enabledCache = new ConcurrentHashMap<>();

    @Activate
    public ModuleRegistry(@Reference PolicyStore policy) {
        this.policy = policy;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModule(MantelkringModule module, ServiceReference<MantelkringModule> ref) {
        InstalledModule previous = modules.putIfAbsent(module.id(), new InstalledModule(module, ref.getBundle()));
        if (previous != null) {
            LOG.warn("Module id '{}' registered twice (bundles {} and {}); keeping the first", module.id(),
                    previous.bundle().getSymbolicName(), ref.getBundle().getSymbolicName());
        } else {
            LOG.info("Module '{}' installed ({} {})", module.id(), ref.getBundle().getSymbolicName(),
                    ref.getBundle().getVersion());
        }
    }

    void removeModule(MantelkringModule module) {
        modules.computeIfPresent(module.id(), (id, m) -> m.descriptor() == module ? null : m);
        LOG.info("Module '{}' uninstalled", module.id());
    }

    public List<InstalledModule> installed() {
        return modules.values().stream().sorted(Comparator.comparing(InstalledModule::id)).toList();
    }

    public Optional<InstalledModule> find(String id) {
        return Optional.ofNullable(modules.get(id));
    }

    /** The module owning the first path segment after {@code gemeenten/{gemeentecode}/}, if installed. */
    public Optional<InstalledModule> ownerOfPath(String segment) {
        return modules.values().stream().filter(m -> m.apiPaths().contains(segment)).findFirst();
    }

    public boolean isEnabled(String tenant, String moduleId) {
        String key = tenant + "/" + moduleId;
        long now = System.nanoTime();
        Cached c = enabledCache.get(key);
        if (c != null && now - c.at < CACHE_NANOS) {
            return c.enabled;
        }
        boolean enabled = enablement(tenant, moduleId).map(v -> enabledIn(v.value())).orElse(false);
        enabledCache.put(key, new Cached(enabled, now));
        return enabled;
    }

    /** The policy version holding the module's enablement for the tenant, if ever set. */
    public Optional<PolicyVersion> enablement(String tenant, String moduleId) {
        return policy.current(tenant, POLICY_PREFIX + moduleId, Year.now().getValue());
    }

    public PolicyVersion setEnabled(String tenant, String moduleId, boolean enabled, String by, String reason) {
        PolicyVersion v = policy.save(tenant, POLICY_PREFIX + moduleId, null,
                "{\"ingeschakeld\":" + enabled + "}", by, reason);
        enabledCache.remove(tenant + "/" + moduleId);
        return v;
    }

    /** Whether an enablement policy value ({@code {"ingeschakeld": true}}) says enabled. */
    public static boolean enabledIn(String value) {
        try {
            JsonNode n = JSON.readTree(value);
            return n.path("ingeschakeld").asBoolean(false);
        } catch (Exception e) {
            return false;
        }
    }
}

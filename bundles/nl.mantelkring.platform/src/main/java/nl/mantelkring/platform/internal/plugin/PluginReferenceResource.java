package nl.mantelkring.platform.internal.plugin;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.QueryValues;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.plugin.PluginInfo;
import nl.mantelkring.platform.api.plugin.PluginReference;
import nl.mantelkring.platform.api.plugin.PluginReferences;
import nl.mantelkring.platform.api.plugin.PluginRegistry;
import nl.mantelkring.platform.internal.module.ModuleRegistry;

/**
 * {@code /gemeenten/{gemeentecode}/plugin-verwijzingen}: every plugin the tenant's policy names (from the
 * {@link PluginReferences} of the modules enabled for it, and the platform's own), whether it is there for the
 * tenant, and what happens while it is missing. {@code ontbrekend=true} lists only the missing ones: after a vendor's
 * feature was uninstalled, this is where an administrator sees which policies still name it.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten/{gemeentecode}/plugin-verwijzingen")
@Produces(MediaType.APPLICATION_JSON)
public class PluginReferenceResource implements RestResource {

    private static final Logger LOG = LoggerFactory.getLogger(PluginReferenceResource.class);

    /** A reference as the API shows it. */
    public record ReferenceView(@JsonProperty("beleid") String policyKey,
                                @JsonProperty("uitbreidingspunt") String extensionPoint,
                                @JsonProperty("plugin") String pluginId, @JsonProperty("aanwezig") boolean present,
                                @JsonProperty("gevolgAlsHetOntbreekt") String whenMissing) {
    }

    private final PluginRegistry registry;
    private final ModuleRegistry modules;
    private final Map<ServiceReference<PluginReferences>, PluginReferences> sources = new ConcurrentHashMap<>();

    @Activate
    public PluginReferenceResource(@Reference PluginRegistry registry, @Reference ModuleRegistry modules) {
        this.registry = registry;
        this.modules = modules;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(ServiceReference<PluginReferences> ref, PluginReferences source) {
        sources.put(ref, source);
    }

    void removeSource(ServiceReference<PluginReferences> ref) {
        sources.remove(ref);
    }

    @GET
    @Allowed(Role.MUNICIPAL_ADMIN)
    public Page<ReferenceView> list(@PathParam("gemeentecode") String tenant, @QueryParam("jaar") String yearParam,
                                    @QueryParam("ontbrekend") String missingParam, @QueryParam("pagina") String page,
                                    @QueryParam("paginaGrootte") String pageSize) {
        Integer y = QueryValues.integer("jaar", yearParam);
        int year = y == null ? LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear() : y;
        if (year < 2000 || year > 2100) {
            throw ProblemException.invalid("jaar", "Een jaar ligt tussen 2000 en 2100.");
        }
        if (missingParam != null && !missingParam.equals("true") && !missingParam.equals("false")) {
            throw ProblemException.invalid("ontbrekend", "Toegestaan: true of false.");
        }
        boolean onlyMissing = "true".equals(missingParam);
        PageRequest request = PageRequest.parse(page, pageSize);
        List<PluginInfo> available = registry.available(tenant);
        List<ReferenceView> out = new ArrayList<>();
        for (Map.Entry<ServiceReference<PluginReferences>, PluginReferences> e : sources.entrySet()) {
            Object module = e.getKey().getProperty(MantelkringModule.MODULE_PROPERTY);
            if (module != null && !MantelkringModule.PLATFORM.equals(module)
                    && !modules.isEnabled(tenant, String.valueOf(module))) {
                continue;   // a module switched off for the tenant decides nothing with its plugins
            }
            List<PluginReference> refs;
            try {
                refs = e.getValue().references(tenant, year);
            } catch (RuntimeException ex) {
                LOG.warn("Plugin references of module {} failed for {}: {}", module, tenant, ex.toString());
                continue;
            }
            for (PluginReference r : refs == null ? List.<PluginReference>of() : refs) {
                boolean present = available.stream().anyMatch(i -> i.extensionPoint().equals(r.extensionPoint())
                        && i.id().equals(r.pluginId()));
                if (!onlyMissing || !present) {
                    out.add(new ReferenceView(r.policyKey(), r.extensionPoint(), r.pluginId(), present,
                            r.whenMissing()));
                }
            }
        }
        out.sort(Comparator.comparing(ReferenceView::policyKey).thenComparing(ReferenceView::extensionPoint)
                .thenComparing(ReferenceView::pluginId));
        return Page.slice(out, request);
    }
}

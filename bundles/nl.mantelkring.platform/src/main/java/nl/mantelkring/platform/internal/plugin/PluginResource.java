package nl.mantelkring.platform.internal.plugin;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.plugin.PluginInfo;
import nl.mantelkring.platform.api.plugin.PluginRegistry;

/** {@code /gemeenten/{gemeentecode}/plugins}: the plugins a municipal administrator can select in policy. */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten/{gemeentecode}/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource implements RestResource {

    /** A plugin as the API shows it. */
    public record PluginView(@JsonProperty("uitbreidingspunt") String extensionPoint, @JsonProperty("id") String id,
                             @JsonProperty("naam") String name, @JsonProperty("bundel") String bundle,
                             @JsonProperty("alleenVoorGemeenten") List<String> tenants,
                             @JsonProperty("rangorde") int ranking) {
        static PluginView of(PluginInfo i) {
            return new PluginView(i.extensionPoint(), i.id(), i.name(), i.bundle(), i.tenants(), i.ranking());
        }
    }

    private final PluginRegistry registry;

    @Activate
    public PluginResource(@Reference PluginRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Allowed(Role.MUNICIPAL_ADMIN)
    public Page<PluginView> list(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                 @QueryParam("paginaGrootte") String pageSize) {
        return Page.slice(registry.available(tenant).stream().map(PluginView::of).toList(),
                PageRequest.parse(page, pageSize));
    }
}

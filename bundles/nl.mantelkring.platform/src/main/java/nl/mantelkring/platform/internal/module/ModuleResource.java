package nl.mantelkring.platform.internal.module;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.Role;

/** {@code /modules}: the modules installed in this installation. */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("modules")
@Produces(MediaType.APPLICATION_JSON)
public class ModuleResource implements RestResource {

    /** A module as the API shows it. */
    public record ModuleView(@JsonProperty("id") String id, @JsonProperty("naam") String name,
                             @JsonProperty("versie") String version, @JsonProperty("omschrijving") String description,
                             @JsonProperty("apiPaden") List<String> apiPaths, @JsonProperty("heeftUi") boolean hasUi,
                             @JsonProperty("bundel") String bundle) {
        static ModuleView of(InstalledModule m) {
            return new ModuleView(m.id(), m.descriptor().name(), m.version(), m.descriptor().description(),
                    m.apiPaths(), m.descriptor().hasUi(), m.bundle().getSymbolicName());
        }
    }

    private final ModuleRegistry registry;

    @Activate
    public ModuleResource(@Reference ModuleRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Allowed({Role.PLATFORM_ADMIN, Role.MUNICIPAL_ADMIN})
    public Page<ModuleView> list(@QueryParam("pagina") String page, @QueryParam("paginaGrootte") String pageSize) {
        return Page.slice(registry.installed().stream().map(ModuleView::of).toList(), PageRequest.parse(page, pageSize));
    }
}

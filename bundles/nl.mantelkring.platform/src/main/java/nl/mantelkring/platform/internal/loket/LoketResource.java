package nl.mantelkring.platform.internal.loket;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Anonymous;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.ui.LoketPart;
import nl.mantelkring.platform.internal.module.ModuleRegistry;
import nl.mantelkring.platform.internal.oidc.CitizenSessions;
import nl.mantelkring.platform.internal.tenant.Tenant;
import nl.mantelkring.platform.internal.tenant.TenantStore;

/**
 * {@code /gemeenten/{gemeentecode}/loket-onderdelen} (public): what the municipality's loket shows — its name, its
 * logo when it set one, whether citizens can sign in with DigiD, and the parts of the modules it enabled.
 */
@Component(service = RestResource.class,
        property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten/{gemeentecode}/loket-onderdelen")
@Produces(MediaType.APPLICATION_JSON)
public class LoketResource implements RestResource {

    /** The loket of one municipality. */
    public record LoketView(@JsonProperty("gemeente") Municipality municipality, @JsonProperty("digid") boolean digid,
                            @JsonProperty("logo") LogoView logo,
                            @JsonProperty("onderdelen") List<PartView> parts) {
    }

    public record Municipality(@JsonProperty("code") String code, @JsonProperty("naam") String name) {
    }

    public record LogoView(@JsonProperty("url") String url, @JsonProperty("alt") String alt) {
    }

    /** A part as the API shows it. */
    public record PartView(@JsonProperty("id") String id, @JsonProperty("module") String module,
                           @JsonProperty("titel") String title, @JsonProperty("samenvatting") String summary,
                           @JsonProperty("aanmeldenNodig") boolean signInRequired,
                           @JsonProperty("element") String element, @JsonProperty("script") String script,
                           @JsonProperty("volgorde") int order) {
    }

    private final LoketParts parts;
    private final ModuleRegistry modules;
    private final TenantStore tenants;
    private final CitizenSessions citizens;
    private final LoketTheme theme;

    @Activate
    public LoketResource(@Reference LoketParts parts, @Reference ModuleRegistry modules,
                         @Reference TenantStore tenants, @Reference CitizenSessions citizens,
                         @Reference LoketTheme theme) {
        this.parts = parts;
        this.modules = modules;
        this.tenants = tenants;
        this.citizens = citizens;
        this.theme = theme;
    }

    @GET
    @Anonymous
    public LoketView loket(@PathParam("gemeentecode") String tenant) {
        Tenant t = tenants.find(tenant).orElseThrow(() -> new ProblemException(404, Problems.NOT_FOUND,
                "Niet gevonden", "Er is geen loket op dit pad."));
        List<PartView> visible = parts.all().stream().map(LoketParts.Registered::part)
                .filter(part -> available(tenant, part.moduleId()))
                .map(LoketResource::view).toList();
        LogoView logo = theme.of(tenant).filter(th -> th.logo() != null)
                .map(th -> new LogoView(LoketServlet.ALIAS + "/" + tenant + "/logo", th.logo().alt())).orElse(null);
        return new LoketView(new Municipality(t.code(), t.name()), citizens.signInConfigured(), logo, visible);
    }

    private boolean available(String tenant, String moduleId) {
        return MantelkringModule.PLATFORM.equals(moduleId)
                || modules.find(moduleId).isPresent() && modules.isEnabled(tenant, moduleId);
    }

    static PartView view(LoketPart part) {
        return new PartView(part.id(), part.moduleId(), part.title(), part.summary(), part.signInRequired(),
                part.element(), LoketServlet.ALIAS + "/onderdelen/" + part.id() + "/" + part.script(), part.order());
    }
}

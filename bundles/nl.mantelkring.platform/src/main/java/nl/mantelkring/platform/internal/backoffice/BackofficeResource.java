package nl.mantelkring.platform.internal.backoffice;

import java.util.List;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.ui.BackofficePart;
import nl.mantelkring.platform.internal.module.ModuleRegistry;
import nl.mantelkring.platform.internal.security.Caller;

/**
 * {@code /gemeenten/{gemeentecode}/backoffice-onderdelen}: the back-office parts the caller may see in the
 * municipality: a role of the part held there, and the part's module installed and enabled there.
 */
@Component(service = RestResource.class,
        property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten/{gemeentecode}/backoffice-onderdelen")
@Produces(MediaType.APPLICATION_JSON)
public class BackofficeResource implements RestResource {

    /** A menu entry as the API shows it. */
    public record MenuView(@JsonProperty("label") String label, @JsonProperty("route") String route) {
    }

    /** A part as the API shows it. */
    public record PartView(@JsonProperty("id") String id, @JsonProperty("module") String module,
                           @JsonProperty("titel") String title, @JsonProperty("element") String element,
                           @JsonProperty("script") String script, @JsonProperty("rollen") List<String> roles,
                           @JsonProperty("menu") List<MenuView> menu, @JsonProperty("volgorde") int order) {
    }

    private final BackofficeParts parts;
    private final ModuleRegistry modules;

    @Activate
    public BackofficeResource(@Reference BackofficeParts parts, @Reference ModuleRegistry modules) {
        this.parts = parts;
        this.modules = modules;
    }

    @GET
    @Allowed({Role.MUNICIPAL_ADMIN, Role.CONSULTANT, Role.AUDITOR})
    public Page<PartView> list(@PathParam("gemeentecode") String tenant, @Context SecurityContext security,
                               @QueryParam("pagina") String page, @QueryParam("paginaGrootte") String pageSize) {
        PageRequest p = PageRequest.parse(page, pageSize);
        Set<Role> held = ((Caller) security.getUserPrincipal()).rolesIn(tenant);
        List<PartView> visible = parts.all().stream().map(BackofficeParts.Registered::part)
                .filter(part -> part.roles().stream().anyMatch(held::contains))
                .filter(part -> available(tenant, part.moduleId()))
                .map(BackofficeResource::view).toList();
        return Page.slice(visible, p);
    }

    private boolean available(String tenant, String moduleId) {
        return MantelkringModule.PLATFORM.equals(moduleId)
                || modules.find(moduleId).isPresent() && modules.isEnabled(tenant, moduleId);
    }

    static PartView view(BackofficePart part) {
        return new PartView(part.id(), part.moduleId(), part.title(), part.element(),
                BackofficeServlet.ALIAS + "/onderdelen/" + part.id() + "/" + part.script(),
                part.roles().stream().map(Role::roleName).sorted().toList(),
                part.menu().stream().map(m -> new MenuView(m.label(), m.route())).toList(), part.order());
    }
}

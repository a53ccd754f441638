package nl.mantelkring.platform.internal.module;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
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
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.policy.PolicyVersion;
import nl.mantelkring.platform.api.format.MultiLine;

/** {@code /gemeenten/{gemeentecode}/modules}: which installed modules a tenant has enabled; switch them. */
@Component(service = RestResource.class,
        property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten/{gemeentecode}/modules")
@Produces(MediaType.APPLICATION_JSON)
public class TenantModuleResource implements RestResource {

    /** A module and its state for the tenant. */
    public record TenantModuleView(@JsonProperty("id") String id, @JsonProperty("naam") String name,
                                   @JsonProperty("versie") String version,
                                   @JsonProperty("omschrijving") String description,
                                   @JsonProperty("apiPaden") List<String> apiPaths,
                                   @JsonProperty("heeftUi") boolean hasUi,
                                   @JsonProperty("ingeschakeld") boolean enabled,
                                   @JsonProperty("gewijzigdDoor") String changedBy,
                                   @JsonProperty("gewijzigdOp") Instant changedAt) {
    }

    /** Body of a switch. */
    public record Switch(@JsonProperty("ingeschakeld") Boolean enabled,
                         @MultiLine @JsonProperty("reden") String reason) {
    }

    private final ModuleRegistry registry;

    @Activate
    public TenantModuleResource(@Reference ModuleRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Allowed({Role.MUNICIPAL_ADMIN, Role.CONSULTANT, Role.AUDITOR})
    public Page<TenantModuleView> list(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                       @QueryParam("paginaGrootte") String pageSize) {
        PageRequest p = PageRequest.parse(page, pageSize);
        return Page.slice(registry.installed().stream().map(m -> view(tenant, m)).toList(), p);
    }

    @GET
    @Path("{moduleId}")
    @Allowed({Role.MUNICIPAL_ADMIN, Role.CONSULTANT, Role.AUDITOR})
    public TenantModuleView get(@PathParam("gemeentecode") String tenant, @PathParam("moduleId") String moduleId) {
        return view(tenant, installed(moduleId));
    }

    @PUT
    @Path("{moduleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "module.schakelen", recordType = "module", purpose = "Beheer van de gemeente",
            personalData = false, idParam = "moduleId")
    public TenantModuleView set(@PathParam("gemeentecode") String tenant, @PathParam("moduleId") String moduleId,
                                Switch body, @Context SecurityContext security) {
        InstalledModule m = installed(moduleId);
        if (body == null || body.enabled() == null) {
            throw ProblemException.invalid("ingeschakeld", "Geef aan of de module ingeschakeld is (true of false).");
        }
        if (body.reason() != null && body.reason().length() > 1000) {
            throw ProblemException.invalid("reden", "Een reden is hoogstens 1000 tekens.");
        }
        registry.setEnabled(tenant, moduleId, body.enabled(), security.getUserPrincipal().getName(), body.reason());
        return view(tenant, m);
    }

    private InstalledModule installed(String moduleId) {
        return registry.find(moduleId).orElseThrow(() -> ProblemException.notFound(
                "Module '" + moduleId + "' is niet geinstalleerd."));
    }

    private TenantModuleView view(String tenant, InstalledModule m) {
        Optional<PolicyVersion> v = registry.enablement(tenant, m.id());
        return new TenantModuleView(m.id(), m.descriptor().name(), m.version(), m.descriptor().description(),
                m.apiPaths(), m.descriptor().hasUi(), registry.isEnabled(tenant, m.id()),
                v.map(PolicyVersion::changedBy).orElse(null), v.map(PolicyVersion::changedAt).orElse(null));
    }
}

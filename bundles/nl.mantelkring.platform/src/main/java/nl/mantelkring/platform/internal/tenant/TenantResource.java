package nl.mantelkring.platform.internal.tenant;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.Gemeentecode;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.internal.security.Caller;

/** {@code /gemeenten}: the tenants of this installation. */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource implements RestResource {

    /** A tenant as the API shows it. */
    public record TenantView(@JsonProperty("gemeentecode") String code, @JsonProperty("naam") String name,
                             @JsonProperty("status") String status, @JsonProperty("aangemaaktOp") Instant createdAt,
                             @JsonProperty("gewijzigdOp") Instant updatedAt) {
        static TenantView of(Tenant t) {
            return new TenantView(t.code(), t.name(), t.status().apiName(), t.createdAt(), t.updatedAt());
        }
    }

    /** Body of a create. */
    public record NewTenant(@JsonProperty("gemeentecode") String code, @JsonProperty("naam") String name,
                            @JsonProperty("status") String status) {
    }

    /** Body of an update. */
    public record TenantChange(@JsonProperty("naam") String name, @JsonProperty("status") String status) {
    }

    private final TenantStore store;

    @Activate
    public TenantResource(@Reference TenantStore store) {
        this.store = store;
    }

    @GET
    @Allowed({Role.PLATFORM_ADMIN, Role.MUNICIPAL_ADMIN, Role.CONSULTANT, Role.AUDITOR})
    public Page<TenantView> list(@Context SecurityContext security, @QueryParam("pagina") String page,
                                 @QueryParam("paginaGrootte") String pageSize) {
        Caller caller = (Caller) security.getUserPrincipal();
        Page<Tenant> p = store.list(PageRequest.parse(page, pageSize), caller.isPlatformAdmin() ? null : caller.tenants());
        return new Page<>(p.items().stream().map(TenantView::of).toList(), p.paging());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.PLATFORM_ADMIN)
    @Audited(activity = "gemeente.aanmaken", recordType = "gemeente", purpose = "Beheer van de installatie",
            personalData = false)
    public Response create(NewTenant body) {
        if (body == null) {
            throw ProblemException.invalid("gemeentecode", "Stuur een gemeente met gemeentecode en naam.");
        }
        List<FieldViolation> v = new ArrayList<>();
        if (!Gemeentecode.isValid(body.code())) {
            v.add(new FieldViolation("gemeentecode", "Een gemeentecode is GM gevolgd door 4 cijfers, bijvoorbeeld GM0363."));
        }
        validateName(body.name(), v);
        TenantStatus status = parseStatus(body.status(), v);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        Tenant t = store.create(body.code(), body.name().trim(), status);
        return Response.created(URI.create("gemeenten/" + t.code())).entity(TenantView.of(t)).build();
    }

    @GET
    @Path("{gemeentecode}")
    @Allowed({Role.PLATFORM_ADMIN, Role.MUNICIPAL_ADMIN, Role.CONSULTANT, Role.AUDITOR})
    public TenantView get(@PathParam("gemeentecode") String code) {
        return store.find(code).map(TenantView::of).orElseThrow(TenantResource::notFound);
    }

    @PUT
    @Path("{gemeentecode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.PLATFORM_ADMIN)
    @Audited(activity = "gemeente.wijzigen", recordType = "gemeente", purpose = "Beheer van de installatie",
            personalData = false, idParam = "gemeentecode")
    public TenantView update(@PathParam("gemeentecode") String code, TenantChange body) {
        if (store.find(code).isEmpty()) {
            throw notFound();
        }
        if (body == null) {
            throw ProblemException.invalid("naam", "Stuur naam en status.");
        }
        List<FieldViolation> v = new ArrayList<>();
        validateName(body.name(), v);
        if (body.status() == null) {
            v.add(new FieldViolation("status", "Vul de status in: actief of inactief."));
        }
        TenantStatus status = parseStatus(body.status(), v);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return store.update(code, body.name().trim(), status).map(TenantView::of).orElseThrow(TenantResource::notFound);
    }

    private static void validateName(String name, List<FieldViolation> v) {
        if (name == null || name.isBlank()) {
            v.add(new FieldViolation("naam", "Vul de naam van de gemeente in."));
        } else if (name.trim().length() > 200) {
            v.add(new FieldViolation("naam", "Een naam is hoogstens 200 tekens."));
        }
    }

    private static TenantStatus parseStatus(String status, List<FieldViolation> v) {
        if (status == null) {
            return TenantStatus.ACTIVE;
        }
        return TenantStatus.byApiName(status).orElseGet(() -> {
            v.add(new FieldViolation("status", "De status is actief of inactief."));
            return TenantStatus.ACTIVE;
        });
    }

    static ProblemException notFound() {
        return ProblemException.notFound("Er is geen resource op dit pad.");
    }
}

package nl.mantelkring.platform.internal.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * {@code /gemeenten/{gemeentecode}/gebruikers}: the roles a municipal administrator grants to users of the realm in
 * the tenant (consultant, auditor, municipal-admin). Roles that the realm itself gives
 * (mantelkring-users.properties, LDAP group mapping) also count but are managed in the realm.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten/{gemeentecode}/gebruikers")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource implements RestResource {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,200}");

    /** A user's granted roles in the tenant. */
    public record GrantView(@JsonProperty("gebruikersnaam") String username, @JsonProperty("rollen") List<String> roles,
                            @JsonProperty("toegekendDoor") String grantedBy,
                            @JsonProperty("toegekendOp") Instant grantedAt) {
        static GrantView of(RoleGrants.Grant g) {
            return new GrantView(g.username(), g.roles().stream().map(Role::roleName).sorted().toList(),
                    g.grantedBy(), g.grantedAt());
        }
    }

    /** Body of a change: the complete set of roles the user holds in the tenant afterwards. */
    public record GrantChange(@JsonProperty("rollen") List<String> roles) {
    }

    private final RoleGrants grants;

    @Activate
    public UserResource(@Reference RoleGrants grants) {
        this.grants = grants;
    }

    @GET
    @Allowed({Role.MUNICIPAL_ADMIN, Role.PLATFORM_ADMIN})
    public Page<GrantView> list(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                @QueryParam("paginaGrootte") String pageSize) {
        Page<RoleGrants.Grant> p = grants.list(tenant, PageRequest.parse(page, pageSize));
        return new Page<>(p.items().stream().map(GrantView::of).toList(), p.paging());
    }

    @GET
    @Path("{gebruikersnaam}")
    @Allowed({Role.MUNICIPAL_ADMIN, Role.PLATFORM_ADMIN})
    public GrantView get(@PathParam("gemeentecode") String tenant, @PathParam("gebruikersnaam") String username) {
        checkUsername(username);
        return GrantView.of(grants.find(tenant, username));
    }

    @PUT
    @Path("{gebruikersnaam}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.MUNICIPAL_ADMIN, Role.PLATFORM_ADMIN})
    @Audited(activity = "gebruiker.rollen-wijzigen", recordType = "gebruiker", purpose = "Beheer van de gemeente",
            personalData = false, idParam = "gebruikersnaam")
    public GrantView put(@PathParam("gemeentecode") String tenant, @PathParam("gebruikersnaam") String username,
                         GrantChange body, @Context SecurityContext security) {
        checkUsername(username);
        if (body == null || body.roles() == null) {
            throw ProblemException.invalid("rollen", "Geef de rollen als lijst; een lege lijst trekt alle rollen in.");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<FieldViolation> v = new ArrayList<>();
        for (int i = 0; i < body.roles().size(); i++) {
            String name = body.roles().get(i);
            var role = Role.byName(name).filter(Role::perTenant);
            if (role.isEmpty()) {
                v.add(new FieldViolation("rollen." + i,
                        "Onbekende rol; kies uit municipal-admin, consultant en auditor."));
            } else {
                roles.add(role.get());
            }
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return GrantView.of(grants.set(tenant, username, roles, security.getUserPrincipal().getName()));
    }

    private static void checkUsername(String username) {
        if (!USERNAME.matcher(username).matches()) {
            throw ProblemException.invalid("gebruikersnaam",
                    "Een gebruikersnaam bestaat uit letters, cijfers en . _ @ - (hoogstens 200 tekens).");
        }
    }
}

package nl.mantelkring.platform.internal.health;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.PublicEndpoint;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.internal.module.ModuleRegistry;
import nl.mantelkring.platform.internal.rest.ServedModules;
import nl.mantelkring.platform.internal.rest.ApiInfo;
import nl.mantelkring.platform.internal.rest.ProblemResponses;

/**
 * {@code /health} (liveness: the process answers) and {@code /health/ready} (readiness: the datasource answers,
 * the platform's migrations are applied, and every module that some tenant has enabled is installed and its API is
 * served — a module's resources are published a moment after the module itself, and until then its paths answer 404).
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource implements RestResource {

    private final Database database;
    private final ModuleRegistry modules;
    private final EnabledModules enabledModules;
    /** Which modules' APIs the REST endpoint serves. */
    private final ServedModules served;

    @Activate
    public HealthResource(@Reference Database database, @Reference ModuleRegistry modules,
                          @Reference EnabledModules enabledModules, @Reference ServedModules served) {
        this.database = database;
        this.modules = modules;
        this.enabledModules = enabledModules;
        this.served = served;
    }

    @GET
    @PublicEndpoint
    public Map<String, String> live() {
        return Map.of("status", "UP");
    }

    @GET
    @Path("ready")
    @PublicEndpoint
    @Produces({MediaType.APPLICATION_JSON, ApiInfo.PROBLEM_JSON})
    public Response ready() {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean ok = true;
        try (Connection c = database.dataSource().getConnection()) {
            boolean valid = c.isValid(2);
            checks.put("database", valid ? "UP" : "DOWN");
            ok = valid;
        } catch (Exception e) {
            checks.put("database", "DOWN");
            ok = false;
        }
        boolean migrated = database.isMigrated("platform");
        checks.put("migraties", migrated ? "UP" : "DOWN");
        ok &= migrated;
        if (ok) {
            for (String id : enabledModules.enabledSomewhere()) {
                var module = modules.find(id);
                boolean up = module.isPresent() && (module.get().descriptor().apiPaths().isEmpty()
                        || served.serves(id));
                checks.put("module." + id, up ? "UP" : "DOWN");
                ok &= up;
            }
        }
        if (ok) {
            return Response.ok(Map.of("status", "UP", "controles", checks), MediaType.APPLICATION_JSON).build();
        }
        var body = ProblemResponses.body(503, Problems.UNAVAILABLE, "Niet gereed",
                "Het platform is (nog) niet gereed; zie 'controles'.", null, "/api/v1/health/ready")
                .with("controles", checks);
        return Response.status(503).type(ApiInfo.PROBLEM_JSON).entity(body).build();
    }
}

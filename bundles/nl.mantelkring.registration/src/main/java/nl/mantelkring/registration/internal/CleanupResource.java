package nl.mantelkring.registration.internal;

import java.util.Map;

import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.ApiHeaders;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.registration.internal.Json.CleanupOut;

/**
 * Applies the retention policy now (the daily job does the same for every tenant): for an administrator who just
 * shortened the period, and for tests.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RegistrationModule.ID)
@Path("gemeenten/{gemeentecode}/registratie-opschoningen")
@Produces(MediaType.APPLICATION_JSON)
public class CleanupResource implements RestResource {

    private final Erasures erasures;

    @Activate
    public CleanupResource(@Reference Erasures erasures) {
        this.erasures = erasures;
    }

    @POST
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "bewaartermijn.toepassen", recordType = "registratie-opschoning",
            purpose = Erasures.RETENTION_PURPOSE, personalData = false)
    public CleanupOut run(@PathParam("gemeentecode") String tenant, @Context SecurityContext security,
                          @HeaderParam(ApiHeaders.CORRELATION_ID) String correlationId) {
        Map<String, Integer> counts = erasures.applyRetention(tenant, security.getUserPrincipal().getName(),
                Role.MUNICIPAL_ADMIN.roleName(), correlationId);
        return new CleanupOut(tenant, Clocks.now(), counts.values().stream().mapToInt(Integer::intValue).sum(), counts);
    }
}

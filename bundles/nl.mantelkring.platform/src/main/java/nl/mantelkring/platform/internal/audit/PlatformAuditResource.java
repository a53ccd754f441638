package nl.mantelkring.platform.internal.audit;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/** {@code /logboek}: the installation-wide chain (events not tied to an existing tenant), for platform admins. */
@Component(service = RestResource.class,
        property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("logboek")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformAuditResource implements RestResource {

    private final AuditResource tenantLog;
    private final AuditLogImpl log;

    @Activate
    public PlatformAuditResource(@Reference AuditLogImpl log) {
        this.log = log;
        this.tenantLog = new AuditResource(log);
    }

    @GET
    @Allowed(Role.PLATFORM_ADMIN)
    @Audited(activity = "logboek.raadplegen", recordType = "logboek", purpose = "Beheer van de installatie",
            personalData = false)
    public Page<AuditResource.EntryView> list(@QueryParam("gebruiker") String actor,
                                              @QueryParam("soortGegeven") String recordType,
                                              @QueryParam("gegevenId") String recordId,
                                              @QueryParam("verwerkingsactiviteit") String activity,
                                              @QueryParam("vanaf") String from, @QueryParam("tot") String until,
                                              @QueryParam("pagina") String page,
                                              @QueryParam("paginaGrootte") String pageSize) {
        return tenantLog.query(AuditLogImpl.PLATFORM_CHAIN, actor, recordType, recordId, null, activity, from, until,
                page, pageSize);
    }

    @GET
    @Path("verificatie")
    @Allowed(Role.PLATFORM_ADMIN)
    @Audited(activity = "logboek.verifieren", recordType = "logboek", purpose = "Beheer van de installatie",
            personalData = false)
    public AuditResource.VerificationView verify() {
        return AuditResource.VerificationView.of(log.verify(AuditLogImpl.PLATFORM_CHAIN));
    }
}

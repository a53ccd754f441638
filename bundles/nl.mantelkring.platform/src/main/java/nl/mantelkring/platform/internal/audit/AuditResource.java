package nl.mantelkring.platform.internal.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

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

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * {@code /gemeenten/{gemeentecode}/logboek}: the tenant's audit log for its auditors, with a verify operation.
 * Reading the log is itself logged.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten/{gemeentecode}/logboek")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource implements RestResource {

    /** An audit entry as the API shows it (shape after the Logboek Dataverwerkingen standard). */
    public record EntryView(@JsonProperty("volgnummer") long seq, @JsonProperty("tijdstip") Instant occurredAt,
                            @JsonProperty("gemeentecode") String tenant, @JsonProperty("gebruiker") String actor,
                            @JsonProperty("rollen") String roles, @JsonProperty("verwerkingsactiviteit") String activity,
                            @JsonProperty("soortGegeven") String recordType, @JsonProperty("gegevenId") String recordId,
                            @JsonProperty("betrokkene") String subjectId, @JsonProperty("doelbinding") String purpose,
                            @JsonProperty("persoonsgegevens") boolean personalData,
                            @JsonProperty("traceId") String correlationId, @JsonProperty("uitkomst") String outcome,
                            @JsonProperty("vorigeHash") String prevHash, @JsonProperty("hash") String hash) {
        static EntryView of(StoredAuditEntry s) {
            var e = s.entry();
            return new EntryView(s.seq(), s.occurredAt(), e.tenant(), e.actor(), e.actorRoles(), e.activity(),
                    e.recordType(), e.recordId(), e.subjectId(), e.purpose(), e.personalData(), e.correlationId(),
                    e.outcome(), s.prevHash(), s.hash());
        }
    }

    /** Result of a verification. */
    public record VerificationView(@JsonProperty("keten") String chain, @JsonProperty("geldig") boolean valid,
                                   @JsonProperty("aantalGecontroleerd") long checked,
                                   @JsonProperty("eersteFoutVolgnummer") Long firstBadSeq,
                                   @JsonProperty("melding") String problem) {
        static VerificationView of(AuditLogImpl.Verification v) {
            return new VerificationView(v.chain(), v.valid(), v.checked(), v.firstBadSeq(), v.problem());
        }
    }

    private final AuditLogImpl log;

    @Activate
    public AuditResource(@Reference AuditLogImpl log) {
        this.log = log;
    }

    @GET
    @Allowed(Role.AUDITOR)
    @Audited(activity = "logboek.raadplegen", recordType = "logboek", purpose = "Toezicht op verwerkingen (AVG art. 5 lid 2)",
            personalData = false)
    public Page<EntryView> list(@PathParam("gemeentecode") String tenant, @QueryParam("gebruiker") String actor,
                                @QueryParam("soortGegeven") String recordType,
                                @QueryParam("gegevenId") String recordId, @QueryParam("betrokkene") String subject,
                                @QueryParam("verwerkingsactiviteit") String activity,
                                @QueryParam("vanaf") String from, @QueryParam("tot") String until,
                                @QueryParam("pagina") String page, @QueryParam("paginaGrootte") String pageSize) {
        return query(tenant, actor, recordType, recordId, subject, activity, from, until, page, pageSize);
    }

    @GET
    @Path("verificatie")
    @Allowed(Role.AUDITOR)
    @Audited(activity = "logboek.verifieren", recordType = "logboek", purpose = "Toezicht op verwerkingen (AVG art. 5 lid 2)",
            personalData = false)
    public VerificationView verify(@PathParam("gemeentecode") String tenant) {
        return VerificationView.of(log.verify(tenant));
    }

    Page<EntryView> query(String chain, String actor, String recordType, String recordId, String subject,
                          String activity, String from, String until, String page, String pageSize) {
        PageRequest p = PageRequest.parse(page, pageSize);
        var q = new AuditLogImpl.Query(actor, recordType, recordId, subject, activity, instant("vanaf", from),
                instant("tot", until));
        Page<StoredAuditEntry> result = log.find(chain, q, p);
        return new Page<>(result.items().stream().map(EntryView::of).toList(), result.paging());
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "Geef een tijdstip als 2026-01-31T23:00:00Z.");
        }
    }
}

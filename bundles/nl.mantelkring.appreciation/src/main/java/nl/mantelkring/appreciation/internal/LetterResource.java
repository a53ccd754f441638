package nl.mantelkring.appreciation.internal;

import java.time.Instant;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.internal.letters.AppreciationLetters;
import nl.mantelkring.appreciation.internal.letters.LetterInfo;
import nl.mantelkring.appreciation.internal.letters.StoredLetter;
import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * {@code /gemeenten/{gemeentecode}/waarderingsaanvragen/{aanvraagId}/brieven}: the decision and voucher letters of an
 * application as stored (PDF/A), for the consultant.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("gemeenten/{gemeentecode}/waarderingsaanvragen/{aanvraagId}/brieven")
@Produces(MediaType.APPLICATION_JSON)
public class LetterResource implements RestResource {

    static final String PDF = "application/pdf";

    /** A letter in a list (staff and citizen alike). */
    public record LetterOut(@JsonProperty("id") String id, @JsonProperty("soort") String kind,
                            @JsonProperty("bestandsnaam") String fileName, @JsonProperty("grootte") long size,
                            @JsonProperty("sha256") String sha256, @JsonProperty("gemaaktOp") Instant createdAt) {
        static LetterOut of(LetterInfo l) {
            return new LetterOut(l.id(), l.kind(), l.fileName(), l.size(), l.sha256(), l.createdAt());
        }

        static List<LetterOut> of(List<LetterInfo> l) {
            return l.stream().map(LetterOut::of).toList();
        }
    }

    /** The letters of an application in a list response. */
    public record LettersOut(@JsonProperty("brieven") List<LetterOut> letters) {
    }

    private final Applications applications;
    private final AppreciationLetters letters;

    @Activate
    public LetterResource(@Reference Applications applications, @Reference AppreciationLetters letters) {
        this.applications = applications;
        this.letters = letters;
    }

    @GET
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsbrief.zoeken", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE, idParam = "aanvraagId")
    public LettersOut list(@PathParam("gemeentecode") String tenant, @PathParam("aanvraagId") String id) {
        applications.find(tenant, ApplicationResource.id("aanvraagId", id)).orElseThrow(Applications::notFound);
        return new LettersOut(LetterOut.of(letters.ofApplication(tenant, id)));
    }

    @GET
    @Path("{briefId}")
    @Produces({PDF, MediaType.APPLICATION_JSON + ";qs=0.1"})
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsbrief.lezen", recordType = "waarderingsbrief",
            purpose = AppreciationModule.PURPOSE, idParam = "briefId")
    public Response download(@PathParam("gemeentecode") String tenant, @PathParam("aanvraagId") String id,
                             @PathParam("briefId") String letterId) {
        ApplicationResource.id("aanvraagId", id);
        ApplicationResource.id("briefId", letterId);
        return pdf(letters.find(tenant, id, letterId).orElseThrow(LetterResource::noLetter));
    }

    static ProblemException noLetter() {
        return ProblemException.notFound("Geen brief met dit id bij deze aanvraag.");
    }

    /** The stored PDF as a download, with its SHA-256 for the archive. */
    static Response pdf(StoredLetter l) {
        return Response.ok(l.pdf(), PDF)
                .header("Content-Disposition", "attachment; filename=\"" + l.fileName() + "\"")
                .header("Cache-Control", "no-store").build();
    }
}

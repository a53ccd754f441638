package nl.mantelkring.appreciation.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.internal.letters.AppreciationLetters;
import nl.mantelkring.platform.api.Citizen;
import nl.mantelkring.platform.api.CitizenAccess;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.registration.CaregiverDirectory;

/**
 * {@code /burgers/gemeenten/{gemeentecode}/waarderingsaanvragen/{aanvraagId}/brieven/{briefId}}: the citizen downloads
 * a letter of their own application (the same stored PDF the consultant downloads); another person's letter is not
 * found (404).
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("burgers/gemeenten/{gemeentecode}/waarderingsaanvragen/{aanvraagId}/brieven")
@Produces(MediaType.APPLICATION_JSON)
public class CitizenLetterResource implements RestResource {

    private final Applications applications;
    private final AppreciationLetters letters;
    private final CaregiverDirectory directory;

    @Activate
    public CitizenLetterResource(@Reference Applications applications, @Reference AppreciationLetters letters,
                                 @Reference CaregiverDirectory directory) {
        this.applications = applications;
        this.letters = letters;
        this.directory = directory;
    }

    @GET
    @Path("{briefId}")
    @Produces({LetterResource.PDF, MediaType.APPLICATION_JSON + ";qs=0.1"})
    @CitizenAccess
    @Audited(activity = "waarderingsbrief.lezen", recordType = "waarderingsbrief",
            purpose = AppreciationModule.PURPOSE, idParam = "briefId")
    public Response download(@PathParam("gemeentecode") String tenant, @PathParam("aanvraagId") String id,
                             @PathParam("briefId") String letterId, @Context SecurityContext security) {
        ApplicationResource.id("aanvraagId", id);
        ApplicationResource.id("briefId", letterId);
        Citizen citizen = Citizen.of(security.getUserPrincipal());
        String me = directory.findByBsn(tenant, citizen.bsn()).orElseThrow(LetterResource::noLetter);
        citizen.concerns(me);
        applications.find(tenant, id).filter(a -> a.caregiverId().equals(me)).orElseThrow(LetterResource::noLetter);
        return LetterResource.pdf(letters.find(tenant, id, letterId).orElseThrow(LetterResource::noLetter));
    }
}

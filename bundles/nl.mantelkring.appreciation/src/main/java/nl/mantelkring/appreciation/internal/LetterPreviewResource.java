package nl.mantelkring.appreciation.internal;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.internal.letters.AppreciationLetters;
import nl.mantelkring.appreciation.internal.letters.LetterPolicy;
import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;

/**
 * {@code POST /gemeenten/{gemeentecode}/waarderingsbrieven/voorbeeld}: a letter of one kind with sample data (no
 * person's data), from the saved templates or from an unsaved policy value, so the administrator sees the letter
 * before saving it. An unusable value: 400 with each problem as {@code sjablonen.<soort>.tekst}.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("gemeenten/{gemeentecode}/waarderingsbrieven")
@Produces(MediaType.APPLICATION_JSON)
public class LetterPreviewResource implements RestResource {

    public record PreviewIn(@JsonProperty("soort") String kind, @JsonProperty("sjablonen") JsonNode templates) {
    }

    private final AppreciationLetters letters;

    @Activate
    public LetterPreviewResource(@Reference AppreciationLetters letters) {
        this.letters = letters;
    }

    @POST
    @Path("voorbeeld")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({LetterResource.PDF, MediaType.APPLICATION_JSON + ";qs=0.1"})
    @Allowed(Role.MUNICIPAL_ADMIN)
    public Response preview(@PathParam("gemeentecode") String tenant, PreviewIn body) {
        if (body == null) {
            throw ProblemException.invalid("body", "Verplicht: een JSON-object.");
        }
        if (body.kind() == null || !LetterPolicy.KINDS.contains(body.kind())) {
            throw ProblemException.invalid("soort", "Verplicht; toegestaan: " + String.join(", ", LetterPolicy.KINDS)
                    + ".");
        }
        JsonNode unsaved = body.templates() == null || body.templates().isNull() ? null : body.templates();
        byte[] pdf;
        try {
            pdf = letters.preview(tenant, body.kind(), unsaved);
        } catch (LetterPolicy.Invalid e) {
            throw ProblemException.invalid(e.problems().stream().map(p -> new FieldViolation(
                    p.field().isEmpty() ? "sjablonen" : "sjablonen." + p.field(), p.reason())).toList());
        }
        return Response.ok(pdf, LetterResource.PDF)
                .header("Content-Disposition", "inline; filename=\"voorbeeld-" + body.kind() + ".pdf\"")
                .header("Cache-Control", "no-store").build();
    }
}

package nl.mantelkring.platform.internal.messages;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.documents.Letters;

/**
 * {@code /gemeenten/{gemeentecode}/afdrukbatches}: per day the letters for the municipality's print service (post
 * messages of the outbox), and a day's letters as one PDF/A.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten/{gemeentecode}/afdrukbatches")
@Produces(MediaType.APPLICATION_JSON)
public class PrintBatchResource implements RestResource {

    /** A day's print batch. */
    public record BatchOut(@JsonProperty("datum") LocalDate date, @JsonProperty("aantalBrieven") int letters) {
    }

    private final OutboxImpl outbox;
    private volatile Letters letters;

    @Activate
    public PrintBatchResource(@Reference OutboxImpl outbox) {
        this.outbox = outbox;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setLetters(Letters letters) {
        this.letters = letters;
    }

    void unsetLetters(Letters letters) {
        if (this.letters == letters) {
            this.letters = null;
        }
    }

    @GET
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    public Page<BatchOut> batches(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                  @QueryParam("paginaGrootte") String pageSize) {
        return Page.slice(outbox.batches(tenant).stream().map(b -> new BatchOut(b.date(), b.letters())).toList(),
                PageRequest.parse(page, pageSize));
    }

    @GET
    @Path("{datum}")
    @Produces("application/pdf")
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "afdrukbatch.downloaden", recordType = "afdrukbatch", purpose = MessageResource.PURPOSE, idParam = "datum")
    public Response batch(@PathParam("gemeentecode") String tenant, @PathParam("datum") String date) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("datum", "Geef een datum als jjjj-mm-dd.");
        }
        List<byte[]> pdfs = outbox.batchLetters(tenant, day);
        if (pdfs.isEmpty()) {
            throw ProblemException.notFound("Er zijn geen brieven (meer) in de afdrukbatch van " + day + ".");
        }
        Letters l = letters;
        if (l == null) {
            throw new ProblemException(503, Problems.of("documenten-niet-beschikbaar"), "Documenten niet beschikbaar",
                    "De documentenservice draait nu niet; probeer het later opnieuw.");
        }
        byte[] pdf = l.merge(pdfs);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"afdrukbatch-" + tenant + "-" + day + ".pdf\"")
                .build();
    }
}

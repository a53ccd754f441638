package nl.mantelkring.appreciation.internal.payment;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.internal.AppreciationModule;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns.Run;
import nl.mantelkring.appreciation.internal.sepa.SepaFormat;
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
 * {@code /gemeenten/{gemeentecode}/betaalruns}: a municipal administrator starts a payment run (answered at once with
 * 202; the files are written in the background, progress in the run), downloads the SEPA files, and confirms (bank
 * accepted) or cancels the run.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("gemeenten/{gemeentecode}/betaalruns")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentRunResource implements RestResource {

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final String PURPOSE = "Uitbetaling mantelzorgwaardering (Wmo 2015 art. 2.1.6)";

    public record RunIn(@JsonProperty("jaar") Integer year, @JsonProperty("uitvoerdatum") String executionDate,
                        @JsonProperty("formaat") String format,
                        @JsonProperty("maxTransactiesPerBestand") Integer maxPerFile) {
    }

    public record FileOut(@JsonProperty("volgnummer") int number, @JsonProperty("berichtId") String messageId,
                          @JsonProperty("aantalTransacties") int transactions,
                          @JsonProperty("controlesom") BigDecimal total, @JsonProperty("sha256") String sha256,
                          @JsonProperty("grootte") long size) {
    }

    public record Progress(@JsonProperty("toekenningenVastgelegd") int prepared,
                           @JsonProperty("toekenningenTotaal") int candidates,
                           @JsonProperty("bestandenGereed") int written, @JsonProperty("bestandenTotaal") int files) {
    }

    public record RunOut(@JsonProperty("id") String id, @JsonProperty("jaar") int year,
                         @JsonProperty("status") String status, @JsonProperty("formaat") String format,
                         @JsonProperty("uitvoerdatum") LocalDate executionDate,
                         @JsonProperty("maxTransactiesPerBestand") int maxPerFile,
                         @JsonProperty("aantalTransacties") int transactions,
                         @JsonProperty("totaalbedrag") BigDecimal total,
                         @JsonProperty("overgeslagen") int skipped, @JsonProperty("voortgang") Progress progress,
                         @JsonProperty("probleem") String problem, @JsonProperty("gestartOp") Instant createdAt,
                         @JsonProperty("gestartDoor") String createdBy, @JsonProperty("gereedOp") Instant finishedAt,
                         @JsonProperty("afgeslotenOp") Instant closedAt,
                         @JsonProperty("afgeslotenDoor") String closedBy,
                         @JsonProperty("bestanden") List<FileOut> files) {
        static RunOut of(Run r) {
            return new RunOut(r.id(), r.year(), r.status(), r.format(), r.executionDate(), r.maxPerFile(),
                    r.transactions(), r.total(), r.skipped(), new Progress(r.prepared(), r.candidates(), r.writtenFiles(),
                    r.files()), r.problem(),
                    r.createdAt(), r.createdBy(), r.finishedAt(), r.closedAt(), r.closedBy(), r.fileList().stream()
                            .map(f -> new FileOut(f.number(), f.messageId(), f.transactions(), f.total(), f.sha256(),
                                    f.size())).toList());
        }
    }

    private final PaymentRuns runs;

    @Activate
    public PaymentRunResource(@Reference PaymentRuns runs) {
        this.runs = runs;
    }

    static String id(String name, String value) {
        if (value == null || !value.matches(UUID)) {
            throw ProblemException.invalid(name, "Geen geldig id (UUID in kleine letters).");
        }
        return value;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "betaalrun.starten", recordType = "betaalrun", purpose = PURPOSE)
    public Response start(@PathParam("gemeentecode") String tenant, RunIn body, @Context SecurityContext security) {
        if (body == null) {
            throw ProblemException.invalid("body", "Verplicht: een JSON-object.");
        }
        List<FieldViolation> v = new ArrayList<>();
        int thisYear = today().getYear();
        if (body.year() == null || body.year() < 2015 || body.year() > thisYear + 1) {
            v.add(new FieldViolation("jaar", "Verplicht; een jaar van 2015 tot en met " + (thisYear + 1) + "."));
        }
        LocalDate date = today().plusDays(1);
        if (body.executionDate() != null) {
            try {
                date = LocalDate.parse(body.executionDate());
                if (date.isBefore(today()) || date.isAfter(today().plusYears(1))) {
                    v.add(new FieldViolation("uitvoerdatum", "Vandaag of later, ten hoogste een jaar vooruit."));
                }
            } catch (DateTimeParseException e) {
                v.add(new FieldViolation("uitvoerdatum", "Een datum als 2026-12-15."));
            }
        }
        SepaFormat format = null;
        if (body.format() != null) {
            switch (body.format()) {
                case "pain.001.001.09" -> format = SepaFormat.PAIN_001_001_09;
                case "pain.001.001.03" -> format = SepaFormat.PAIN_001_001_03;
                default -> v.add(new FieldViolation("formaat", "Toegestaan: pain.001.001.09, pain.001.001.03."));
            }
        }
        if (body.maxPerFile() != null && (body.maxPerFile() < 1 || body.maxPerFile() > 100_000)) {
            v.add(new FieldViolation("maxTransactiesPerBestand", "Een geheel getal van 1 tot en met 100000."));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        PaymentRuns.Started s = runs.start(tenant, security.getUserPrincipal().getName(), body.year(), date, format,
                body.maxPerFile());
        URI location = URI.create("gemeenten/" + tenant + "/betaalruns/" + s.run().id());
        return (s.created() ? Response.accepted() : Response.ok()).location(location).entity(RunOut.of(s.run()))
                .build();
    }

    @GET
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "betaalrun.zoeken", recordType = "betaalrun", purpose = PURPOSE, personalData = false)
    public Page<RunOut> list(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                             @QueryParam("paginaGrootte") String size) {
        Page<Run> p = runs.list(tenant, PageRequest.parse(page, size));
        return new Page<>(p.items().stream().map(RunOut::of).toList(), p.paging());
    }

    @GET
    @Path("{betaalrunId}")
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "betaalrun.lezen", recordType = "betaalrun", purpose = PURPOSE, personalData = false,
            idParam = "betaalrunId")
    public RunOut read(@PathParam("gemeentecode") String tenant, @PathParam("betaalrunId") String id) {
        return RunOut.of(runs.find(tenant, id("betaalrunId", id)).orElseThrow(PaymentRuns::runNotFound));
    }

    @GET
    @Path("{betaalrunId}/bestanden/{volgnummer}")
    @Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON + ";qs=0.1"})
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "betaalrun.bestand-downloaden", recordType = "betaalrun", purpose = PURPOSE,
            idParam = "betaalrunId")
    public Response download(@PathParam("gemeentecode") String tenant, @PathParam("betaalrunId") String id,
                             @PathParam("volgnummer") String number) {
        id("betaalrunId", id);
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("volgnummer", "Een geheel getal (het volgnummer van het bestand).");
        }
        Run run = runs.find(tenant, id).orElseThrow(PaymentRuns::runNotFound);
        PaymentRuns.RunFile file = run.fileList().stream().filter(f -> f.number() == n).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Deze betaalrun heeft geen bestand " + n + "."));
        if (PaymentRuns.CANCELLED.equals(run.status()) || PaymentRuns.FAILED.equals(run.status())) {
            throw new ProblemException(410, nl.mantelkring.platform.api.Problems.of("bestand-verwijderd"),
                    "Bestand verwijderd", "Deze betaalrun is " + run.status() + "; de bestanden zijn verwijderd.");
        }
        StreamingOutput body = out -> runs.download(tenant, id, n, out);
        return Response.ok(body, MediaType.APPLICATION_XML_TYPE.withCharset("UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + file.messageId() + ".xml\"")
                .header("Content-Length", file.size())
                .header("Digest", "sha-256=" + java.util.Base64.getEncoder().encodeToString(
                        java.util.HexFormat.of().parseHex(file.sha256())))
                .build();
    }

    @POST
    @Path("{betaalrunId}/bevestiging")
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "betaalrun.bevestigen", recordType = "betaalrun", purpose = PURPOSE, personalData = false,
            idParam = "betaalrunId")
    public RunOut confirm(@PathParam("gemeentecode") String tenant, @PathParam("betaalrunId") String id,
                          @Context SecurityContext security) {
        return RunOut.of(runs.confirm(tenant, id("betaalrunId", id), security.getUserPrincipal().getName()));
    }

    @POST
    @Path("{betaalrunId}/annulering")
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "betaalrun.annuleren", recordType = "betaalrun", purpose = PURPOSE, personalData = false,
            idParam = "betaalrunId")
    public RunOut cancel(@PathParam("gemeentecode") String tenant, @PathParam("betaalrunId") String id,
                         @Context SecurityContext security) {
        return RunOut.of(runs.cancel(tenant, id("betaalrunId", id), security.getUserPrincipal().getName()));
    }
}

package nl.mantelkring.platform.internal.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
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
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.documents.Letters;
import nl.mantelkring.platform.api.messages.MessageInfo;

/**
 * {@code /gemeenten/{gemeentecode}/berichten}: the messages of the outbox for the consultant (what was sent to whom,
 * what failed or bounced, per person with {@code betrokkene}), a retry of a failed one; and
 * {@code /gemeenten/{gemeentecode}/afdrukbatches}: the day's letters for the municipality's print service as one PDF.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten/{gemeentecode}")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource implements RestResource {

    static final String PURPOSE = "Berichten en brieven aan inwoners (Awb, Wmo 2015)";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern KIND = Pattern.compile("[a-z]+(\\.[a-z0-9-]+)+");
    private static final Set<String> STATUSES = Set.of(OutboxImpl.QUEUED, OutboxImpl.SENT, OutboxImpl.PRINT,
            OutboxImpl.FAILED, OutboxImpl.BOUNCED);

    /** A message as the consultant sees it: no body, no address. */
    public record MessageOut(@JsonProperty("id") String id, @JsonProperty("soort") String kind,
                             @JsonProperty("betrokkene") String subjectId, @JsonProperty("kanaal") String channel,
                             @JsonProperty("status") String status, @JsonProperty("onderwerp") String subject,
                             @JsonProperty("pogingen") int attempts, @JsonProperty("probleem") String problem,
                             @JsonProperty("aangemaaktOp") Instant createdAt,
                             @JsonProperty("verzondenOp") Instant sentAt,
                             @JsonProperty("afdrukbatch") String printBatch) {
        static MessageOut of(MessageInfo m) {
            return new MessageOut(m.id(), m.kind(), m.subjectId(), m.channel(), m.status(), m.subject(), m.attempts(),
                    m.problem(), m.createdAt(), m.sentAt(), m.printBatch());
        }
    }

    /** A day's print batch. */
    public record BatchOut(@JsonProperty("datum") LocalDate date, @JsonProperty("aantalBrieven") int letters) {
    }

    private final OutboxImpl outbox;
    private volatile Letters letters;

    @Activate
    public MessageResource(@Reference OutboxImpl outbox) {
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
    @Path("berichten")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "bericht.zoeken", recordType = "bericht", purpose = PURPOSE, subjectParam = "betrokkene")
    public Page<MessageOut> list(@PathParam("gemeentecode") String tenant, @QueryParam("betrokkene") String subject,
                                 @QueryParam("status") String status, @QueryParam("soort") String kind,
                                 @QueryParam("pagina") String page, @QueryParam("paginaGrootte") String pageSize) {
        List<FieldViolation> v = new ArrayList<>();
        if (subject != null && !SUBJECT.matcher(subject).matches()) {
            v.add(new FieldViolation("betrokkene", "Geef het id van de betrokkene (zoals het id van een mantelzorger)."));
        }
        if (status != null && !STATUSES.contains(status)) {
            v.add(new FieldViolation("status", "Kies wachtrij, verzonden, afdrukken, mislukt of onbestelbaar."));
        }
        if (kind != null && (kind.length() > 60 || !KIND.matcher(kind).matches())) {
            v.add(new FieldViolation("soort", "Geef een soort bericht, zoals waardering.besluit."));
        }
        PageRequest p = PageRequest.parse(page, pageSize);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        List<MessageOut> items = outbox.list(tenant, subject, status, kind, (int) p.offset(), p.pageSize()).stream()
                .map(MessageOut::of).toList();
        return Page.of(items, p, outbox.count(tenant, subject, status, kind));
    }

    @GET
    @Path("berichten/{berichtId}")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "bericht.lezen", recordType = "bericht", purpose = PURPOSE, idParam = "berichtId")
    public MessageOut read(@PathParam("gemeentecode") String tenant, @PathParam("berichtId") String id) {
        return MessageOut.of(outbox.find(tenant, id(id)).orElseThrow(MessageResource::notFound));
    }

    @POST
    @Path("berichten/{berichtId}/opnieuw")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "bericht.opnieuw-verzenden", recordType = "bericht", purpose = PURPOSE, idParam = "berichtId")
    public MessageOut retry(@PathParam("gemeentecode") String tenant, @PathParam("berichtId") String id) {
        MessageInfo m = outbox.find(tenant, id(id)).orElseThrow(MessageResource::notFound);
        if (!outbox.retry(tenant, m.id())) {
            throw ProblemException.conflict(OutboxImpl.FAILED.equals(m.status())
                    || OutboxImpl.BOUNCED.equals(m.status())
                    ? "De inhoud van dit bericht is na de bewaartermijn verwijderd; het kan niet opnieuw verzonden worden."
                    : "Dit bericht is " + m.status() + "; alleen een mislukt of onbestelbaar bericht kan opnieuw.");
        }
        outbox.signal();
        return MessageOut.of(outbox.find(tenant, m.id()).orElseThrow());
    }

    @GET
    @Path("afdrukbatches")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    public Page<BatchOut> batches(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                  @QueryParam("paginaGrootte") String pageSize) {
        return Page.slice(outbox.batches(tenant).stream().map(b -> new BatchOut(b.date(), b.letters())).toList(),
                PageRequest.parse(page, pageSize));
    }

    @GET
    @Path("afdrukbatches/{datum}")
    @Produces("application/pdf")
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "afdrukbatch.downloaden", recordType = "afdrukbatch", purpose = PURPOSE, idParam = "datum")
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

    private static String id(String id) {
        if (!ID.matcher(id).matches()) {
            throw ProblemException.invalid("berichtId", "Een bericht-id is een UUID.");
        }
        return id;
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Er is geen bericht met dit id in deze gemeente.");
    }
}

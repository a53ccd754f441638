package nl.mantelkring.appreciation.internal.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.internal.AppreciationModule;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns.Grant;
import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.QueryValues;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * {@code /gemeenten/{gemeentecode}/toekenningen}: the grants of a year with their payout status; a returned bank
 * transfer is recorded here and, after the IBAN was corrected, released for the next payment run.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("gemeenten/{gemeentecode}/toekenningen")
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource implements RestResource {

    static final Set<String> STATUSES = Set.of(PaymentRuns.GRANTED, PaymentRuns.IN_RUN, PaymentRuns.PAID,
            PaymentRuns.RETURNED, Vouchers.ISSUED, Vouchers.REDEEMED);
    static final Set<String> RETURN_REASONS = Set.of("rekening-opgeheven", "rekeningnummer-onjuist",
            "naam-komt-niet-overeen", "geweigerd-door-ontvanger", "anders");

    public record ReturnIn(@JsonProperty("datum") String date, @JsonProperty("reden") String reason) {
    }

    public record GrantOut(@JsonProperty("id") String id, @JsonProperty("aanvraagId") String applicationId,
                           @JsonProperty("mantelzorgerId") String caregiverId, @JsonProperty("jaar") int year,
                           @JsonProperty("bedrag") BigDecimal amount,
                           @JsonProperty("bedragVoorlopig") boolean provisional,
                           @JsonProperty("uitTeBetalen") BigDecimal payable,
                           @JsonProperty("uitbetaalwijze") String channel, @JsonProperty("status") String status,
                           @JsonProperty("betaalrunId") String runId, @JsonProperty("pogingen") int attempts,
                           @JsonProperty("betaaldOp") Instant paidAt,
                           @JsonProperty("waardeboncode") String voucherCode,
                           @JsonProperty("kenmerk") String payoutReference,
                           @JsonProperty("probleem") String problem) {
        static GrantOut of(Grant g) {
            return new GrantOut(g.id(), g.applicationId(), g.caregiverId(), g.year(), g.amount(), g.provisional(),
                    g.payable(),
                    g.channel(), g.status(), g.runId(), g.attempts(), g.paidAt(), g.voucherCode(),
                    g.payoutReference(), g.problem());
        }
    }

    private final PaymentRuns runs;
    private final Vouchers vouchers;

    @Activate
    public GrantResource(@Reference PaymentRuns runs, @Reference Vouchers vouchers) {
        this.runs = runs;
        this.vouchers = vouchers;
    }

    @GET
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "toekenning.zoeken", recordType = "toekenning", purpose = PaymentRunResource.PURPOSE)
    public Page<GrantOut> list(@PathParam("gemeentecode") String tenant, @QueryParam("jaar") String year,
                               @QueryParam("status") String status, @QueryParam("pagina") String page,
                               @QueryParam("paginaGrootte") String size) {
        PageRequest request = PageRequest.parse(page, size);
        Integer y = QueryValues.integer("jaar", year);
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "Toegestaan: " + String.join(", ", new TreeSet<>(STATUSES)) + ".");
        }
        Page<Grant> p = runs.grants(tenant, y == null ? PaymentRunResource.today().getYear() : y, status, request);
        return new Page<>(p.items().stream().map(GrantOut::of).toList(), p.paging());
    }

    @GET
    @Path("{toekenningId}")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "toekenning.lezen", recordType = "toekenning", purpose = PaymentRunResource.PURPOSE,
            idParam = "toekenningId")
    public GrantOut read(@PathParam("gemeentecode") String tenant, @PathParam("toekenningId") String id) {
        return GrantOut.of(runs.grant(tenant, PaymentRunResource.id("toekenningId", id))
                .orElseThrow(PaymentRuns::grantNotFound));
    }

    @POST
    @Path("{toekenningId}/terugboekingen")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "toekenning.terugboeking-vastleggen", recordType = "toekenning",
            purpose = PaymentRunResource.PURPOSE, idParam = "toekenningId")
    public GrantOut recordReturn(@PathParam("gemeentecode") String tenant, @PathParam("toekenningId") String id,
                                 ReturnIn body) {
        PaymentRunResource.id("toekenningId", id);
        if (body == null) {
            throw ProblemException.invalid("body", "Verplicht: een JSON-object.");
        }
        List<FieldViolation> v = new ArrayList<>();
        LocalDate date = null;
        try {
            date = body.date() == null ? null : LocalDate.parse(body.date());
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (date == null || date.isAfter(PaymentRunResource.today())) {
            v.add(new FieldViolation("datum", "Verplicht; de datum van de terugboeking (niet in de toekomst)."));
        }
        if (body.reason() == null || !RETURN_REASONS.contains(body.reason())) {
            v.add(new FieldViolation("reden", "Verplicht; toegestaan: " + String.join(", ",
                    new TreeSet<>(RETURN_REASONS)) + "."));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return GrantOut.of(runs.recordReturn(tenant, id, date, body.reason()));
    }

    @POST
    @Path("{toekenningId}/vrijgave")
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "toekenning.vrijgeven", recordType = "toekenning", purpose = PaymentRunResource.PURPOSE,
            idParam = "toekenningId")
    public GrantOut release(@PathParam("gemeentecode") String tenant, @PathParam("toekenningId") String id) {
        return GrantOut.of(runs.release(tenant, PaymentRunResource.id("toekenningId", id)));
    }

    @POST
    @Path("{toekenningId}/uitgifte")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "toekenning.uitgeven", recordType = "toekenning", purpose = PaymentRunResource.PURPOSE,
            idParam = "toekenningId")
    public GrantOut issue(@PathParam("gemeentecode") String tenant, @PathParam("toekenningId") String id) {
        return GrantOut.of(vouchers.issue(tenant, PaymentRunResource.id("toekenningId", id), true));
    }
}

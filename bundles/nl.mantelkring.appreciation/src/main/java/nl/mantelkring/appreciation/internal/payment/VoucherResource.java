package nl.mantelkring.appreciation.internal.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.internal.AppreciationModule;
import nl.mantelkring.appreciation.internal.payment.Vouchers.Voucher;
import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * {@code /gemeenten/{gemeentecode}/waardebonnen/{code}}: a voucher's status (amount, valid until, redeemed or not —
 * nothing about the person) and redeeming it once.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("gemeenten/{gemeentecode}/waardebonnen")
@Produces(MediaType.APPLICATION_JSON)
public class VoucherResource implements RestResource {

    static final String CODE = "[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}";

    public record VoucherOut(@JsonProperty("code") String code, @JsonProperty("jaar") int year,
                             @JsonProperty("bedrag") BigDecimal amount, @JsonProperty("status") String status,
                             @JsonProperty("geldigTotEnMet") LocalDate validUntil,
                             @JsonProperty("ingewisseldOp") Instant redeemedAt) {
        static VoucherOut of(Voucher v) {
            return new VoucherOut(v.code(), v.year(), v.amount(), v.status(), v.validUntil(), v.redeemedAt());
        }
    }

    private final Vouchers vouchers;

    @Activate
    public VoucherResource(@Reference Vouchers vouchers) {
        this.vouchers = vouchers;
    }

    private static String code(String value) {
        String c = value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT);
        if (!c.matches(CODE)) {
            throw ProblemException.invalid("code", "Een waardeboncode als ABCD-EFGH-JKLM-NPQR (16 tekens, zonder"
                    + " I, O, 0 en 1).");
        }
        return c;
    }

    @GET
    @Path("{code}")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "waardebon.lezen", recordType = "waardebon", purpose = PaymentRunResource.PURPOSE,
            personalData = false)
    public VoucherOut read(@PathParam("gemeentecode") String tenant, @PathParam("code") String code) {
        return VoucherOut.of(vouchers.voucher(tenant, code(code)).orElseThrow(Vouchers::notFound));
    }

    @POST
    @Path("{code}/inwisseling")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "waardebon.inwisselen", recordType = "waardebon", purpose = PaymentRunResource.PURPOSE,
            personalData = false)
    public VoucherOut redeem(@PathParam("gemeentecode") String tenant, @PathParam("code") String code,
                             @Context SecurityContext security) {
        return VoucherOut.of(vouchers.redeem(tenant, code(code), security.getUserPrincipal().getName()));
    }
}

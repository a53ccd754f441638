package nl.mantelkring.appreciation.internal;

import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.Consumes;
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

import nl.mantelkring.appreciation.internal.ApplicationResource.ApplicationOut;
import nl.mantelkring.appreciation.internal.letters.AppreciationLetters;
import nl.mantelkring.appreciation.internal.payment.Vouchers;
import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.format.MultiLine;

/**
 * {@code POST /gemeenten/{gemeentecode}/waarderingsaanvragen/{aanvraagId}/beslissing-op-bezwaar}: the new decision on
 * the pending objection ({@code gegrond}: re-evaluated and granted; {@code ongegrond}: the decision stands), with its
 * own {@code herziening} letter and message.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("gemeenten/{gemeentecode}/waarderingsaanvragen/{aanvraagId}/beslissing-op-bezwaar")
@Produces(MediaType.APPLICATION_JSON)
public class ObjectionDecisionResource implements RestResource {

    public record ObjectionDecisionIn(@JsonProperty("uitkomst") String outcome,
                                      @MultiLine @JsonProperty("motivering") String motivation) {
    }

    private final Applications applications;
    private final Vouchers vouchers;

    @Activate
    public ObjectionDecisionResource(@Reference Applications applications, @Reference Vouchers vouchers) {
        this.applications = applications;
        this.vouchers = vouchers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "waarderingsbezwaar.beslissen", recordType = "waarderingsaanvraag",
            purpose = AppreciationModule.PURPOSE, idParam = "aanvraagId")
    public ApplicationOut decide(@PathParam("gemeentecode") String tenant, @PathParam("aanvraagId") String id,
                                 ObjectionDecisionIn body, @Context SecurityContext security) {
        ApplicationResource.id("aanvraagId", id);
        if (body == null) {
            throw ProblemException.invalid("body", "Verplicht: een JSON-object.");
        }
        List<FieldViolation> v = new ArrayList<>();
        if (!AppreciationLetters.GROUNDED.equals(body.outcome())
                && !AppreciationLetters.UNFOUNDED.equals(body.outcome())) {
            v.add(new FieldViolation("uitkomst", "Verplicht; toegestaan: gegrond, ongegrond."));
        }
        if (body.motivation() == null || body.motivation().isBlank()) {
            v.add(new FieldViolation("motivering", "Verplicht: de mantelzorger leest waarom (Awb 7:12)."));
        } else if (body.motivation().length() > 4000) {
            v.add(new FieldViolation("motivering", "Ten hoogste 4000 tekens."));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        // a grant on a grounded objection is issued (voucher, vendor payout) as after any grant
        return ApplicationOut.of(ApplicationResource.issued(vouchers, tenant, applications.decideObjection(tenant, id,
                security.getUserPrincipal().getName(), body.outcome(), body.motivation().strip())));
    }
}

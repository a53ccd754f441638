package nl.mantelkring.appreciation.internal.messages;

import java.time.LocalDate;
import java.time.ZoneId;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * {@code POST /gemeenten/{gemeentecode}/waarderingsuitnodigingen/{jaar}}: the administrator invites last year's
 * consenting applicants to apply for the year now, as the daily job does when the window opens. Idempotent: a
 * caregiver invited before is not invited again; the answer says how many were invited by this call.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=appreciation")
@Path("gemeenten/{gemeentecode}/waarderingsuitnodigingen")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource implements RestResource {

    public record InvitedOut(@JsonProperty("jaar") int year, @JsonProperty("uitgenodigd") int invited) {
    }

    private final Invitations invitations;

    @Activate
    public InvitationResource(@Reference Invitations invitations) {
        this.invitations = invitations;
    }

    @POST
    @Path("{jaar}")
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "waarderingsuitnodiging.versturen", recordType = "waarderingsuitnodiging",
            purpose = AppreciationMessages.PURPOSE, idParam = "jaar")
    public InvitedOut invite(@PathParam("gemeentecode") String tenant, @PathParam("jaar") String year) {
        int thisYear = LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear();
        int y;
        try {
            y = Integer.parseInt(year);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("jaar", "Een jaartal, zoals " + thisYear + ".");
        }
        if (y < thisYear - 1 || y > thisYear + 1) {
            throw ProblemException.invalid("jaar", "Uitnodigen kan voor " + (thisYear - 1) + " tot en met "
                    + (thisYear + 1) + ".");
        }
        return new InvitedOut(y, invitations.invite(tenant, y));
    }
}

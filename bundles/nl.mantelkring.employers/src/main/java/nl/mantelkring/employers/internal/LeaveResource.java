package nl.mantelkring.employers.internal;

import java.time.LocalDate;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;

/**
 * {@code /gemeenten/{gemeentecode}/zorgverlofberekeningen}: calculates statutory care leave under the Wazo. Nothing
 * is stored and no person is identified (hours and wage only), so calls are not audited.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + EmployersModule.ID)
@Path("gemeenten/{gemeentecode}/zorgverlofberekeningen")
@Produces(MediaType.APPLICATION_JSON)
public class LeaveResource implements RestResource {

    private final EmployersPolicy policy;

    @Activate
    public LeaveResource(@Reference EmployersPolicy policy) {
        this.policy = policy;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    public LeaveCalculator.Result calculate(@PathParam("gemeentecode") String tenant, LeaveCalculator.Input body) {
        int year = body != null && body.firstLeaveDay() != null ? body.firstLeaveDay().getYear()
                : LocalDate.now().getYear();
        return LeaveCalculator.calculate(body, policy.leaveRules(tenant, year));
    }
}

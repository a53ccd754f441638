package nl.mantelkring.employers.internal;

import java.io.IOException;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

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

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.data.Jdbc;

/**
 * {@code /gemeenten/{gemeentecode}/werkgevers/{werkgeverId}/nulmetingen}: zero measurements among the employer's
 * employees, aggregated numbers only (how many respond, how many care, average care hours, needs counted).
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + EmployersModule.ID)
@Path("gemeenten/{gemeentecode}/werkgevers/{werkgeverId}/nulmetingen")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.CONSULTANT)
public class ZeroMeasurementResource implements RestResource {

    private static final TypeReference<Map<String, Integer>> NEEDS = new TypeReference<>() { };

    private final EmployerStore employers;
    private final Jdbc jdbc;

    @Activate
    public ZeroMeasurementResource(@Reference EmployerStore employers) {
        this.employers = employers;
        this.jdbc = employers.jdbc();
    }

    @GET
    public Page<ZeroMeasurement.View> list(@PathParam("gemeentecode") String tenant,
                                           @PathParam("werkgeverId") String employerId,
                                           @QueryParam("pagina") String page,
                                           @QueryParam("paginaGrootte") String size) {
        PageRequest request = PageRequest.parse(page, size);
        employers.require(tenant, Checks.id("werkgeverId", employerId));
        long total = jdbc.count("select count(*) from employers_zero_measurement where tenant = ? and employer_id = ?",
                tenant, employerId);
        return Page.of(jdbc.query("select * from employers_zero_measurement where tenant = ? and employer_id = ?"
                + " order by measured_on, recorded_at, id offset " + request.offset() + " rows fetch next "
                + request.pageSize() + " rows only", ZeroMeasurementResource::map, tenant, employerId), request, total);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(activity = "nulmeting.vastleggen", recordType = "nulmeting", purpose = EmployersModule.PURPOSE,
            personalData = false)
    public Response create(@PathParam("gemeentecode") String tenant, @PathParam("werkgeverId") String employerId,
                           ZeroMeasurement.Input body, @Context SecurityContext security) {
        employers.require(tenant, Checks.id("werkgeverId", employerId));
        ZeroMeasurement.Input in = ZeroMeasurement.validate(body, LocalDate.now());
        String id = UUID.randomUUID().toString();
        String needs;
        try {
            needs = EmployersPolicy.JSON.writeValueAsString(in.needs());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbc.update("insert into employers_zero_measurement (tenant, id, employer_id, measured_on, respondents,"
                + " caregivers, average_care_hours, needs, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant, id, employerId, in.measuredOn(), in.respondents(), in.caregivers(), in.averageCareHours(),
                needs, security.getUserPrincipal().getName(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return Response.created(URI.create("gemeenten/" + tenant + "/werkgevers/" + employerId + "/nulmetingen/" + id))
                .entity(find(tenant, employerId, id)).build();
    }

    @GET
    @Path("{nulmetingId}")
    public ZeroMeasurement.View get(@PathParam("gemeentecode") String tenant,
                                    @PathParam("werkgeverId") String employerId, @PathParam("nulmetingId") String id) {
        return find(tenant, Checks.id("werkgeverId", employerId), Checks.id("nulmetingId", id));
    }

    private ZeroMeasurement.View find(String tenant, String employerId, String id) {
        return jdbc.queryOne("select * from employers_zero_measurement where tenant = ? and employer_id = ? and id = ?",
                ZeroMeasurementResource::map, tenant, employerId, id)
                .orElseThrow(() -> ProblemException.notFound("Geen nulmeting met dit id bij deze werkgever."));
    }

    private static ZeroMeasurement.View map(ResultSet rs) throws SQLException {
        int respondents = rs.getInt("respondents");
        int caregivers = rs.getInt("caregivers");
        Map<String, Integer> needs;
        try {
            needs = EmployersPolicy.JSON.readValue(rs.getString("needs"), NEEDS);
        } catch (IOException e) {
            throw new SQLException("unreadable needs of " + rs.getString("id"), e);
        }
        return new ZeroMeasurement.View(rs.getString("id"), rs.getString("employer_id"),
                rs.getObject("measured_on", LocalDate.class), respondents, caregivers,
                ZeroMeasurement.percentage(caregivers, respondents), rs.getBigDecimal("average_care_hours"), needs,
                rs.getString("recorded_by"), Jdbc.instant(rs, "recorded_at"));
    }
}

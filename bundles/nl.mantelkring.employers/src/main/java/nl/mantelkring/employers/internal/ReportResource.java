package nl.mantelkring.employers.internal;

import java.time.LocalDate;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.QueryValues;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;

/**
 * {@code /gemeenten/{gemeentecode}/werkgeversrapportages/...}: employers by status and sector, expiring recognitions,
 * programme participation and zero measurements summed per sector. JSON by default (a page of rows); the complete report as CSV (RFC 4180, UTF-8, with a
 * header) with {@code Accept: text/csv}. No personal data: employers are organisations, contact persons are left out.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + EmployersModule.ID)
@Path("gemeenten/{gemeentecode}/werkgeversrapportages")
@Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
public class ReportResource implements RestResource {

    static final String CSV = "text/csv";
    static final int DEFAULT_DAYS = 90;

    private final ReportStore store;

    @Activate
    public ReportResource(@Reference ReportStore store) {
        this.store = store;
    }

    @GET
    @Path("werkgevers-per-status-en-sector")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response bySectorAndStatus(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                      @QueryParam("paginaGrootte") String size, @Context HttpHeaders headers) {
        PageRequest request = PageRequest.parse(page, size);
        return answer(headers, store.bySectorAndStatus(tenant, LocalDate.now()), ReportStore.StatusSectorRow.class,
                request, "werkgevers-per-status-en-sector");
    }

    @GET
    @Path("verlopende-erkenningen")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response expiring(@PathParam("gemeentecode") String tenant, @QueryParam("binnenDagen") String days,
                             @QueryParam("pagina") String page, @QueryParam("paginaGrootte") String size,
                             @Context HttpHeaders headers) {
        PageRequest request = PageRequest.parse(page, size);
        Integer d = QueryValues.integer("binnenDagen", days);
        if (d != null && (d < 0 || d > RecognitionListResource.MAX_DAYS)) {
            throw ProblemException.invalid("binnenDagen", "Moet tussen 0 en " + RecognitionListResource.MAX_DAYS
                    + " liggen.");
        }
        return answer(headers, store.expiring(tenant, LocalDate.now(), d == null ? DEFAULT_DAYS : d),
                ReportStore.ExpiringRow.class, request, "verlopende-erkenningen");
    }

    @GET
    @Path("programmadeelname")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response participation(@PathParam("gemeentecode") String tenant, @QueryParam("vanaf") String from,
                                  @QueryParam("totEnMet") String through, @QueryParam("pagina") String page,
                                  @QueryParam("paginaGrootte") String size, @Context HttpHeaders headers) {
        PageRequest request = PageRequest.parse(page, size);
        LocalDate f = Checks.dateQuery("vanaf", from);
        LocalDate t = Checks.dateQuery("totEnMet", through);
        if (f != null && t != null && t.isBefore(f)) {
            throw ProblemException.invalid("totEnMet", "Mag niet voor 'vanaf' liggen.");
        }
        return answer(headers, store.participation(tenant, f, t), ReportStore.ParticipationRow.class, request,
                "programmadeelname");
    }

    @GET
    @Path("nulmetingen")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response zeroMeasurements(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                     @QueryParam("paginaGrootte") String size, @Context HttpHeaders headers) {
        PageRequest request = PageRequest.parse(page, size);
        return answer(headers, store.zeroMeasurements(tenant), ReportStore.ZeroMeasurementRow.class, request,
                "nulmetingen");
    }

    private static <T> Response answer(HttpHeaders headers, List<T> rows, Class<T> type, PageRequest request,
                                       String name) {
        if (wantsCsv(headers)) {
            return Response.ok(Csv.write(rows, type), CSV + "; charset=UTF-8; header=present")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
        }
        return Response.ok(Page.slice(rows, request), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Whether the most preferred acceptable type that we can produce is CSV (JSON for none or a wildcard). */
    static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType m : headers.getAcceptableMediaTypes()) {
            if (m.isWildcardType()) {
                return false;
            }
            if ("text".equals(m.getType()) && "csv".equals(m.getSubtype())) {
                return true;
            }
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }
}

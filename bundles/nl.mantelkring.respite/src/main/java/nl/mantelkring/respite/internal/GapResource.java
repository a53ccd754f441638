package nl.mantelkring.respite.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.policy.PolicyStore;

/**
 * {@code /gemeenten/{gemeentecode}/witte-vlekken}: the gap analysis over the tenant's postcode areas, as JSON or
 * (with {@code Accept: text/csv}) as CSV. Aggregates over business data only: no personal data, no audit entry.
 * Defaults come from the policy key {@value #POLICY_KEY}: {@code {"afstandKm": 10, "overlapDrempel": 3}}.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RespiteModule.ID)
@Path("gemeenten/{gemeentecode}/witte-vlekken")
public class GapResource implements RestResource {

    static final String POLICY_KEY = "respijtzorg.witte-vlekken";
    static final double DEFAULT_KM = 10;
    static final int DEFAULT_OVERLAP = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SearchIndex index;
    private final AreaStore areas;
    private final PolicyStore policy;

    @Activate
    public GapResource(@Reference SearchIndex index, @Reference AreaStore areas, @Reference PolicyStore policy) {
        this.index = index;
        this.areas = areas;
        this.policy = policy;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    public GapAnalysis.Report analyse(@PathParam("gemeentecode") String tenant, @QueryParam("afstandKm") String km,
                                      @QueryParam("overlapDrempel") String overlap,
                                      @QueryParam("soort") List<String> kind,
                                      @QueryParam("doelgroep") List<String> targetGroup,
                                      @QueryParam("peildatum") String day) {
        List<FieldViolation> v = new ArrayList<>();
        LocalDate on = LocalDate.now();
        if (day != null && !day.isEmpty()) {
            try {
                on = LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                v.add(new FieldViolation("peildatum", "Een datum als 2026-01-31."));
            }
        }
        double[] defaults = defaults(tenant, on.getYear());
        Double distance = defaults[0];
        if (km != null && !km.isEmpty()) {
            try {
                distance = Double.valueOf(km);
                if (distance <= 0 || distance > 200) {
                    v.add(new FieldViolation("afstandKm", "Tussen 0 en 200 km."));
                }
            } catch (NumberFormatException e) {
                v.add(new FieldViolation("afstandKm", "Moet een getal zijn (met een punt als decimaalteken)."));
            }
        }
        Integer threshold = nl.mantelkring.platform.api.QueryValues.integer("overlapDrempel", overlap, v);
        if (threshold != null && threshold < 2) {
            v.add(new FieldViolation("overlapDrempel", "Minstens 2."));
        }
        List<String> kinds = pick("soort", kind, Vocabulary.KINDS, v);
        List<String> groups = pick("doelgroep", targetGroup, Vocabulary.TARGET_GROUPS, v);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return GapAnalysis.analyse(tenant, areas.list(tenant), index.active(tenant, on), kinds, groups, distance,
                threshold == null ? (int) defaults[1] : threshold, on.toString());
    }

    @GET
    @Produces("text/csv;qs=0.5")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    public Response analyseCsv(@PathParam("gemeentecode") String tenant, @QueryParam("afstandKm") String km,
                               @QueryParam("overlapDrempel") String overlap, @QueryParam("soort") List<String> kind,
                               @QueryParam("doelgroep") List<String> targetGroup,
                               @QueryParam("peildatum") String day) {
        String csv = GapAnalysis.csv(analyse(tenant, km, overlap, kind, targetGroup, day));
        return Response.ok(csv, "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"witte-vlekken-" + tenant + ".csv\"").build();
    }

    private double[] defaults(String tenant, int year) {
        var value = policy.current(tenant, POLICY_KEY, year);
        if (value.isEmpty()) {
            return new double[] {DEFAULT_KM, DEFAULT_OVERLAP};
        }
        try {
            JsonNode n = JSON.readTree(value.get().value());
            double km = n.path("afstandKm").asDouble(DEFAULT_KM);
            int overlap = n.path("overlapDrempel").asInt(DEFAULT_OVERLAP);
            if (!n.isObject() || km <= 0 || km > 200 || overlap < 2) {
                throw new IllegalArgumentException();
            }
            return new double[] {km, overlap};
        } catch (Exception e) {
            throw ProblemException.unusablePolicy(POLICY_KEY, "verwacht {\"afstandKm\": 10, \"overlapDrempel\": 3}"
                    + " (afstand 0-200, drempel minstens 2)");
        }
    }

    private static List<String> pick(String key, List<String> raw, List<String> all, List<FieldViolation> v) {
        List<String> out = new ArrayList<>();
        if (raw != null) {
            for (String occurrence : raw) {
                for (String s : occurrence.split(",")) {
                    String t = s.strip();
                    if (t.isEmpty()) {
                        continue;
                    }
                    if (!all.contains(t)) {
                        v.add(new FieldViolation(key, "Onbekende waarde; kies uit: " + String.join(", ", all) + "."));
                    } else if (!out.contains(t)) {
                        out.add(t);
                    }
                }
            }
        }
        return out.isEmpty() ? all : out;
    }
}

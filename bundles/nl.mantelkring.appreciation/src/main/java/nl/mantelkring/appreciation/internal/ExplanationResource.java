package nl.mantelkring.appreciation.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy;
import nl.mantelkring.appreciation.internal.rules.Explanation;
import nl.mantelkring.platform.api.Anonymous;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;

/**
 * {@code GET /gemeenten/{gemeentecode}/waarderingsregelingen/{jaar}}: the year's appreciation explained in plain
 * Dutch for the loket, from the tenant's policy (parsed by {@link AppreciationPolicy}, as every application is), and
 * whether the application window is open today by the module's clock. Anonymous: nothing about any person.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("gemeenten/{gemeentecode}/waarderingsregelingen")
@Produces(MediaType.APPLICATION_JSON)
public class ExplanationResource implements RestResource {

    public record WindowOut(@JsonProperty("van") java.time.LocalDate from,
                            @JsonProperty("totEnMet") java.time.LocalDate until, @JsonProperty("open") boolean open,
                            @JsonProperty("stand") String state, @JsonProperty("toelichting") String text) {
    }

    public record ConditionOut(@JsonProperty("regel") String rule, @JsonProperty("toelichting") String text) {
    }

    public record ExplanationOut(@JsonProperty("gemeentecode") String tenant, @JsonProperty("jaar") int year,
                                 @JsonProperty("aanvraagperiode") WindowOut window,
                                 @JsonProperty("aanvragers") java.util.List<String> applicants,
                                 @JsonProperty("wieVraagtAan") String who,
                                 @JsonProperty("aanvragenBijLoket") boolean atLoket,
                                 @JsonProperty("voorwaarden") java.util.List<ConditionOut> conditions,
                                 @JsonProperty("bedrag") java.util.List<String> amount,
                                 @JsonProperty("uitbetaalwijze") String channel,
                                 @JsonProperty("keuzeUit") java.util.List<String> choices,
                                 @JsonProperty("uitbetaling") String payout,
                                 @JsonProperty("besluit") String decision) {
        static ExplanationOut of(String tenant, Explanation.Text t) {
            return new ExplanationOut(tenant, t.year(), new WindowOut(t.window().from(), t.window().until(),
                    t.window().open(), t.window().state(), t.window().text()), t.applicants(), t.who(), t.atLoket(),
                    t.conditions().stream().map(c -> new ConditionOut(c.rule(), c.text())).toList(), t.amount(),
                    t.payoutChannel(), t.choices(), t.payout(), t.decision());
        }
    }

    private final Applications applications;

    @Activate
    public ExplanationResource(@Reference Applications applications) {
        this.applications = applications;
    }

    @GET
    @Path("{jaar}")
    @Anonymous
    public ExplanationOut explain(@PathParam("gemeentecode") String tenant, @PathParam("jaar") String yearText) {
        int year = year(yearText);
        return ExplanationOut.of(tenant, Explanation.of(policy(applications, tenant, year), year, applications.today()));
    }

    /** A year in a path or body: 2015 to 2100. */
    static int year(String text) {
        if (text == null || !text.matches("20[0-9]{2}") || Integer.parseInt(text) < 2015) {
            throw ProblemException.invalid("jaar", "Geef een jaar van 2015 tot en met 2099, zoals 2026.");
        }
        return Integer.parseInt(text);
    }

    /** The year's policy; 404 when the municipality has no rules for that year (503 when they are unusable). */
    static AppreciationPolicy policy(Applications applications, String tenant, int year) {
        try {
            return applications.policy(tenant, year);
        } catch (ProblemException e) {
            if (e.status() == 409) {
                throw ProblemException.notFound("De gemeente heeft voor " + year + " geen regels voor de"
                        + " mantelzorgwaardering.");
            }
            throw e;
        }
    }
}

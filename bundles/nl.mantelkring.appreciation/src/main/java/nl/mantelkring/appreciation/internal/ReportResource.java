package nl.mantelkring.appreciation.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.api.format.Csv;

/**
 * {@code /gemeenten/{gemeentecode}/waarderingsrapportages/{jaar}}: the year in figures (aggregates only, no ids),
 * as JSON or CSV ({@code Accept: text/csv}).
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + AppreciationModule.ID)
@Path("gemeenten/{gemeentecode}/waarderingsrapportages")
public class ReportResource implements RestResource {

    static final String CSV = "text/csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of a breakdown. */
    public record Line(@JsonProperty("sleutel") String key, @JsonProperty("aanvragen") long applications,
                       @JsonProperty("toegekend") long granted, @JsonProperty("bedrag") BigDecimal amount) {
    }

    /** A year in figures. */
    public record Report(@JsonProperty("gemeentecode") String tenant, @JsonProperty("jaar") int year,
                         @JsonProperty("aanvragen") long applications,
                         @JsonProperty("perStatus") Map<String, Long> byStatus,
                         @JsonProperty("afwijzingsredenen") Map<String, Long> rejectionReasons,
                         @JsonProperty("bedragToegekend") BigDecimal granted,
                         @JsonProperty("budget") BigDecimal budget, @JsonProperty("resterend") BigDecimal left,
                         @JsonProperty("perLeeftijdsgroep") List<Line> byAgeGroup,
                         @JsonProperty("jongeMantelzorgers") Line young,
                         @JsonProperty("werkendeMantelzorgers") Line working,
                         @JsonProperty("perPostcodegebied") List<Line> byArea,
                         @JsonProperty("bedragUitbetaald") BigDecimal paidOut,
                         @JsonProperty("uitbetaling") List<Payout> payouts,
                         @JsonProperty("perAanvraagkanaal") List<Line> byIntake,
                         @JsonProperty("bezwaren") ObjectionCounts objections) {
    }

    /**
     * Grants per payout channel and status with the amount to pay (fixed at the payment run; the granted amount
     * before that): e.g. {@code geld}/{@code betaald}, {@code geld}/{@code in-betaalrun}, {@code waardebon}/
     * {@code ingewisseld}.
     */
    public record Payout(@JsonProperty("kanaal") String channel, @JsonProperty("status") String status,
                         @JsonProperty("aantal") long count, @JsonProperty("bedrag") BigDecimal amount) {
    }

    private final Applications applications;

    @Activate
    public ReportResource(@Reference Applications applications) {
        this.applications = applications;
    }

    @GET
    @Path("{jaar}")
    @Produces({MediaType.APPLICATION_JSON, CSV + ";qs=0.5"})
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    public Response report(@PathParam("gemeentecode") String tenant, @PathParam("jaar") String yearText,
                           @javax.ws.rs.HeaderParam("Accept") String accept) {
        int year;
        try {
            year = Integer.parseInt(yearText);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("jaar", "Geef een jaar, zoals 2026.");
        }
        if (year < 2015 || year > 2100) {
            throw ProblemException.invalid("jaar", "Een jaar van 2015 tot en met 2100.");
        }
        Report r = build(tenant, year);
        boolean csv = accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
        return csv ? Response.ok(csv(r), CSV + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"waardering-" + tenant + "-" + year + ".csv\"")
                .build() : Response.ok(r, MediaType.APPLICATION_JSON).build();
    }

    Report build(String tenant, int year) {
        Jdbc jdbc = applications.jdbc();
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, long[]> ages = new TreeMap<>();
        Map<String, BigDecimal> ageAmounts = new TreeMap<>();
        Map<String, long[]> areas = new TreeMap<>();
        Map<String, long[]> intakes = new TreeMap<>();
        Map<String, BigDecimal> intakeAmounts = new TreeMap<>();
        Map<String, BigDecimal> areaAmounts = new TreeMap<>();
        long[] young = new long[2];
        long[] working = new long[2];
        BigDecimal[] youngAmount = {BigDecimal.ZERO};
        BigDecimal[] workingAmount = {BigDecimal.ZERO};
        long[] total = new long[1];
        jdbc.query("select status, evaluation, amount, caregiver_age, young_caregiver, working_caregiver, postcode_area,"
                + " intake_channel from appreciation_application where tenant = ? and budget_year = ?", rs -> {
                    total[0]++;
                    String status = rs.getString("status");
                    boolean grant = Applications.GRANTED.equals(status);
                    BigDecimal amount = grant && rs.getBigDecimal("amount") != null ? rs.getBigDecimal("amount")
                            : BigDecimal.ZERO;
                    byStatus.merge(status, 1L, Long::sum);
                    if (Applications.REJECTED.equals(status)) {
                        for (String rule : failedRules(rs.getString("evaluation"))) {
                            reasons.merge(rule, 1L, Long::sum);
                        }
                    }
                    String group = ageGroup((Integer) rs.getObject("caregiver_age"));
                    count(ages, ageAmounts, group, grant, amount);
                    String area = rs.getString("postcode_area");
                    count(areas, areaAmounts, area == null ? "onbekend" : area, grant, amount);
                    count(intakes, intakeAmounts, rs.getString("intake_channel"), grant, amount);
                    if (Boolean.TRUE.equals(rs.getObject("young_caregiver"))) {
                        young[0]++;
                        young[1] += grant ? 1 : 0;
                        youngAmount[0] = youngAmount[0].add(amount);
                    }
                    if (Boolean.TRUE.equals(rs.getObject("working_caregiver"))) {
                        working[0]++;
                        working[1] += grant ? 1 : 0;
                        workingAmount[0] = workingAmount[0].add(amount);
                    }
                    return null;
                }, tenant, year);
        BigDecimal granted = applications.committed(tenant, year);
        BigDecimal budget;
        try {
            budget = applications.policy(tenant, year).budget();
        } catch (ProblemException e) {
            budget = null;                  // no (usable) policy: the figures still stand
        }
        for (String intake : List.of(Applications.BALIE, Applications.LOKET)) {
            intakes.putIfAbsent(intake, new long[2]);           // both channels always listed, also with 0
            intakeAmounts.putIfAbsent(intake, BigDecimal.ZERO);
        }
        List<Payout> payouts = jdbc.query("select channel, status, count(*), coalesce(sum(coalesce(payable, amount)),"
                + " 0) from appreciation_grant where tenant = ? and budget_year = ? group by channel, status order by"
                + " channel, status", rs -> new Payout(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getBigDecimal(4)), tenant, year);
        // paid out: bank transfers the bank accepted, and vouchers or vendor payouts that were issued
        BigDecimal paidOut = payouts.stream().filter(p -> PAID_OUT.contains(p.status())).map(Payout::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Report(tenant, year, total[0], byStatus, reasons, granted, budget,
                budget == null ? null : budget.subtract(granted), lines(ages, ageAmounts),
                new Line("jonger dan 25", young[0], young[1], youngAmount[0]),
                new Line("werkend", working[0], working[1], workingAmount[0]), lines(areas, areaAmounts), paidOut,
                payouts, lines(intakes, intakeAmounts), objections(jdbc, tenant, year));
    }

    private static final java.util.Set<String> PAID_OUT = java.util.Set.of(
            nl.mantelkring.appreciation.internal.payment.PaymentRuns.PAID,
            nl.mantelkring.appreciation.internal.payment.Vouchers.ISSUED,
            nl.mantelkring.appreciation.internal.payment.Vouchers.REDEEMED);

    private static void count(Map<String, long[]> counts, Map<String, BigDecimal> amounts, String key, boolean grant,
                              BigDecimal amount) {
        long[] c = counts.computeIfAbsent(key, k -> new long[2]);
        c[0]++;
        c[1] += grant ? 1 : 0;
        amounts.merge(key, amount, BigDecimal::add);
    }

    private static List<Line> lines(Map<String, long[]> counts, Map<String, BigDecimal> amounts) {
        List<Line> out = new ArrayList<>();
        counts.forEach((k, c) -> out.add(new Line(k, c[0], c[1], amounts.get(k))));
        return out;
    }

    static String ageGroup(Integer age) {
        if (age == null) {
            return "onbekend";
        }
        return age < 18 ? "0-17" : age < 25 ? "18-24" : age < 65 ? "25-64" : "65+";
    }

    private static List<String> failedRules(String evaluation) {
        List<String> out = new ArrayList<>();
        try {
            for (JsonNode r : JSON.readTree(evaluation).path("rules")) {
                if (!r.path("passed").asBoolean()) {
                    out.add(r.path("rule").asText());
                }
            }
        } catch (JsonProcessingException e) {
            out.add("onleesbaar");
        }
        return out;
    }

    /** One CSV with a section column, with the platform's writer (RFC 4180, formula-like cells neutralised). */
    static String csv(Report r) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("totaal", "aanvragen", r.applications(), null, null));
        r.byStatus().forEach((k, v) -> rows.add(Arrays.asList("status", k, v, null, null)));
        r.rejectionReasons().forEach((k, v) -> rows.add(Arrays.asList("afwijzingsreden", k, v, null, null)));
        rows.add(Arrays.asList("totaal", "bedragToegekend", null, null, r.granted()));
        if (r.budget() != null) {
            rows.add(Arrays.asList("totaal", "budget", null, null, r.budget()));
        }
        for (Line l : r.byAgeGroup()) {
            rows.add(line("leeftijdsgroep", l));
        }
        rows.add(line("groep", r.young()));
        rows.add(line("groep", r.working()));
        for (Line l : r.byArea()) {
            rows.add(line("postcodegebied", l));
        }
        for (Line l : r.byIntake()) {
            rows.add(line("aanvraagkanaal", l));
        }
        rows.add(Arrays.asList("totaal", "bedragUitbetaald", null, null, r.paidOut()));
        for (Payout p : r.payouts()) {
            rows.add(Arrays.asList("uitbetaling", p.channel() + "/" + p.status(), null, p.count(), p.amount()));
        }
        ObjectionCounts o = r.objections();
        for (Object[] kv : new Object[][] {{"ontvangen", o.received()}, {"tijdig", o.inTime()},
                {"teLaat", o.late()}, {"gegrond", o.grounded()}, {"ongegrond", o.unfounded()}, {"open", o.open()}}) {
            rows.add(Arrays.asList("bezwaren", kv[0], kv[1], null, null));
        }
        return Csv.write(List.of("sectie", "sleutel", "aanvragen", "toegekend", "bedrag"), rows);
    }

    private static List<Object> line(String section, Line l) {
        return Arrays.asList(section, l.key(), l.applications(), l.granted(), l.amount());
    }

    // ---- Objections in the yearly report (issue 19, A1) ----

    /** The year's objections (against decisions on applications of the year): received, in time, outcome. */
    public record ObjectionCounts(@JsonProperty("ontvangen") long received, @JsonProperty("tijdig") long inTime,
                                  @JsonProperty("teLaat") long late, @JsonProperty("gegrond") long grounded,
                                  @JsonProperty("ongegrond") long unfounded, @JsonProperty("open") long open) {
    }

    static ObjectionCounts objections(Jdbc jdbc, String tenant, int year) {
        return jdbc.queryOne("select count(*), coalesce(sum(case when in_time then 1 else 0 end), 0),"
                + " coalesce(sum(case when outcome = 'gegrond' then 1 else 0 end), 0),"
                + " coalesce(sum(case when outcome = 'ongegrond' then 1 else 0 end), 0),"
                + " coalesce(sum(case when outcome is null then 1 else 0 end), 0)"
                + " from appreciation_objection where tenant = ? and budget_year = ?", rs -> new ObjectionCounts(
                        rs.getLong(1), rs.getLong(2), rs.getLong(1) - rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)), tenant, year).orElseThrow();
    }
}

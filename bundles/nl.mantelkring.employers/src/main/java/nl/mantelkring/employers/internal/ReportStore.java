package nl.mantelkring.employers.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.type.TypeReference;

import nl.mantelkring.platform.api.data.Jdbc;

/** Aggregates for the reports; every query is scoped by tenant. */
@Component(service = ReportStore.class)
public class ReportStore {

    /** Status of an employer without any recognition. */
    static final String NONE = "geen";

    @JsonPropertyOrder({"sector", "status", "aantal"})
    public record StatusSectorRow(@JsonProperty("sector") String sector, @JsonProperty("status") String status,
                                  @JsonProperty("aantal") long count) {
    }

    @JsonPropertyOrder({"werkgeverId", "werkgeverNaam", "kvkNummer", "sector", "erkendOp", "verlooptOp",
        "dagenTotVerlopen"})
    public record ExpiringRow(@JsonProperty("werkgeverId") String employerId,
                              @JsonProperty("werkgeverNaam") String employerName,
                              @JsonProperty("kvkNummer") String kvkNumber, @JsonProperty("sector") String sector,
                              @JsonProperty("erkendOp") LocalDate recognisedOn,
                              @JsonProperty("verlooptOp") LocalDate expiresOn,
                              @JsonProperty("dagenTotVerlopen") long daysLeft) {
    }

    @JsonPropertyOrder({"programmaId", "naam", "soort", "startdatum", "einddatum", "aantalWerkgevers",
        "bereikteWerknemers"})
    public record ParticipationRow(@JsonProperty("programmaId") String programmeId, @JsonProperty("naam") String name,
                                   @JsonProperty("soort") String kind,
                                   @JsonProperty("startdatum") LocalDate startDate,
                                   @JsonProperty("einddatum") LocalDate endDate,
                                   @JsonProperty("aantalWerkgevers") long employers,
                                   @JsonProperty("bereikteWerknemers") Integer employeesReached) {
    }

    /**
     * Zero measurements summed per sector: the latest measurement of each employer counts. Needs per code as fixed
     * columns, so that the CSV has one row per sector.
     */
    @JsonPropertyOrder({"sector", "aantalWerkgevers", "aantalRespondenten", "aantalMantelzorgers",
        "percentageMantelzorgers", "gemiddeldZorgurenPerWeek", "flexibeleWerktijden", "thuiswerken", "zorgverlof",
        "gesprekLeidinggevende", "informatieEnAdvies", "respijtzorg", "emotioneleSteun", "praktischeHulp"})
    public record ZeroMeasurementRow(@JsonProperty("sector") String sector,
                                     @JsonProperty("aantalWerkgevers") int employers,
                                     @JsonProperty("aantalRespondenten") long respondents,
                                     @JsonProperty("aantalMantelzorgers") long caregivers,
                                     @JsonProperty("percentageMantelzorgers") BigDecimal caregiverPercentage,
                                     @JsonProperty("gemiddeldZorgurenPerWeek") BigDecimal averageCareHours,
                                     @JsonProperty("flexibeleWerktijden") long flexibleHours,
                                     @JsonProperty("thuiswerken") long remoteWork,
                                     @JsonProperty("zorgverlof") long careLeave,
                                     @JsonProperty("gesprekLeidinggevende") long talkWithManager,
                                     @JsonProperty("informatieEnAdvies") long information,
                                     @JsonProperty("respijtzorg") long respite,
                                     @JsonProperty("emotioneleSteun") long emotionalSupport,
                                     @JsonProperty("praktischeHulp") long practicalHelp) {
    }

    private static final TypeReference<Map<String, Integer>> NEEDS = new TypeReference<>() { };

    private final Jdbc jdbc;

    @Activate
    public ReportStore(@Reference EmployerStore employers) {
        this.jdbc = employers.jdbc();
    }

    /**
     * Employers counted by sector and by the status of their latest recognition ({@value #NONE} without one), ordered
     * by sector and status; only combinations that occur.
     */
    List<StatusSectorRow> bySectorAndStatus(String tenant, LocalDate today) {
        record Row(String sector, String status, LocalDate expires) {
        }
        List<Row> rows = jdbc.query("select e.sector, r.status, r.expires_on from employers_employer e"
                + " left join employers_recognition r on r.tenant = e.tenant and r.employer_id = e.id"
                + " and r.id = (select max(r2.id) from employers_recognition r2 where r2.tenant = e.tenant"
                + " and r2.employer_id = e.id and r2.created_at = (select max(r3.created_at) from employers_recognition r3"
                + " where r3.tenant = e.tenant and r3.employer_id = e.id))"
                + " where e.tenant = ?", rs -> new Row(rs.getString(1), rs.getString(2),
                        rs.getObject(3, LocalDate.class)), tenant);
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : rows) {
            String status = r.status() == null ? NONE : Recognition.effectiveStatus(r.status(), r.expires(), today);
            counts.merge(r.sector() + "\u0000" + status, 1L, Long::sum);
        }
        List<StatusSectorRow> out = new ArrayList<>();
        counts.forEach((k, n) -> {
            String[] parts = k.split("\u0000");
            out.add(new StatusSectorRow(parts[0], parts[1], n));
        });
        return out;
    }

    /** Recognitions that are still valid and expire within the days, soonest first. */
    List<ExpiringRow> expiring(String tenant, LocalDate today, int days) {
        return jdbc.query("select e.id, e.name, e.kvk_number, e.sector, r.recognised_on, r.expires_on"
                + " from employers_recognition r join employers_employer e on e.tenant = r.tenant and e.id = r.employer_id"
                + " where r.tenant = ? and r.status = ? and r.expires_on > ? and r.expires_on <= ?"
                + " order by r.expires_on, e.name, e.id", rs -> {
                    LocalDate expires = rs.getObject(6, LocalDate.class);
                    return new ExpiringRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), expires,
                            java.time.temporal.ChronoUnit.DAYS.between(today, expires));
                }, tenant, Recognition.RECOGNISED, today, today.plusDays(days));
    }

    List<ZeroMeasurementRow> zeroMeasurements(String tenant) {
        record M(String employer, String sector, int respondents, int caregivers, BigDecimal hours, String needs) {
        }
        List<M> all = jdbc.query("select z.employer_id, e.sector, z.respondents, z.caregivers, z.average_care_hours,"
                + " z.needs from employers_zero_measurement z join employers_employer e on e.tenant = z.tenant"
                + " and e.id = z.employer_id where z.tenant = ?"
                + " order by e.sector, z.employer_id, z.measured_on desc, z.recorded_at desc, z.id",
                rs -> new M(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getBigDecimal(5),
                        rs.getString(6)), tenant);
        Map<String, List<M>> latestBySector = new TreeMap<>();
        String previous = null;
        for (M m : all) {
            if (!m.employer().equals(previous)) {
                latestBySector.computeIfAbsent(m.sector(), k -> new ArrayList<>()).add(m);
            }
            previous = m.employer();
        }
        List<ZeroMeasurementRow> out = new ArrayList<>();
        latestBySector.forEach((sector, ms) -> {
            long respondents = 0;
            long caregivers = 0;
            BigDecimal hourSum = BigDecimal.ZERO;
            long hourWeight = 0;
            Map<String, Long> needs = new TreeMap<>();
            for (M m : ms) {
                respondents += m.respondents();
                caregivers += m.caregivers();
                if (m.hours() != null) {
                    hourSum = hourSum.add(m.hours().multiply(BigDecimal.valueOf(m.caregivers())));
                    hourWeight += m.caregivers();
                }
                try {
                    EmployersPolicy.JSON.readValue(m.needs(), NEEDS).forEach((k, v) -> needs.merge(k, (long) v,
                            Long::sum));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("unreadable needs", e);
                }
            }
            out.add(new ZeroMeasurementRow(sector, ms.size(), respondents, caregivers,
                    respondents == 0 ? null : BigDecimal.valueOf(caregivers * 100L)
                            .divide(BigDecimal.valueOf(respondents), 1, RoundingMode.HALF_UP),
                    hourWeight == 0 ? null : hourSum.divide(BigDecimal.valueOf(hourWeight), 1, RoundingMode.HALF_UP),
                    needs.getOrDefault("flexibele-werktijden", 0L), needs.getOrDefault("thuiswerken", 0L),
                    needs.getOrDefault("zorgverlof", 0L), needs.getOrDefault("gesprek-leidinggevende", 0L),
                    needs.getOrDefault("informatie-en-advies", 0L), needs.getOrDefault("respijtzorg", 0L),
                    needs.getOrDefault("emotionele-steun", 0L), needs.getOrDefault("praktische-hulp", 0L)));
        });
        return out;
    }

    /** Programmes (optionally those starting in a period) with their number of participating employers. */
    List<ParticipationRow> participation(String tenant, LocalDate from, LocalDate through) {
        StringBuilder where = new StringBuilder(" where p.tenant = ?");
        List<Object> params = new ArrayList<>(List.of(tenant));
        if (from != null) {
            where.append(" and p.start_date >= ?");
            params.add(from);
        }
        if (through != null) {
            where.append(" and p.start_date <= ?");
            params.add(through);
        }
        return jdbc.query("select p.id, p.name, p.kind, p.start_date, p.end_date, p.employees_reached,"
                + " (select count(*) from employers_participation d where d.tenant = p.tenant and d.programme_id = p.id)"
                + " from employers_programme p" + where + " order by p.start_date, p.name, p.id",
                rs -> new ParticipationRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getLong(7),
                        (Integer) rs.getObject(6)), params.toArray());
    }
}

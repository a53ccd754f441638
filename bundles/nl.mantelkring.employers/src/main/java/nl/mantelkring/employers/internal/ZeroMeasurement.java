package nl.mantelkring.employers.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A zero measurement (nulmeting) among an employer's employees: aggregated numbers only. The shape has no place for
 * anything about one employee, and unknown fields are refused.
 */
public final class ZeroMeasurement {

    /** Needs the employees named, counted. */
    static final Set<String> NEEDS = Set.of("flexibele-werktijden", "thuiswerken", "zorgverlof",
            "gesprek-leidinggevende", "informatie-en-advies", "respijtzorg", "emotionele-steun", "praktische-hulp");

    private ZeroMeasurement() {
    }

    public record Input(@JsonProperty("peildatum") LocalDate measuredOn,
                        @JsonProperty("aantalRespondenten") Integer respondents,
                        @JsonProperty("aantalMantelzorgers") Integer caregivers,
                        @JsonProperty("gemiddeldZorgurenPerWeek") BigDecimal averageCareHours,
                        @JsonProperty("behoeften") Map<String, Integer> needs) {
    }

    public record View(@JsonProperty("id") String id, @JsonProperty("werkgeverId") String employerId,
                       @JsonProperty("peildatum") LocalDate measuredOn,
                       @JsonProperty("aantalRespondenten") int respondents,
                       @JsonProperty("aantalMantelzorgers") int caregivers,
                       @JsonProperty("percentageMantelzorgers") BigDecimal caregiverPercentage,
                       @JsonProperty("gemiddeldZorgurenPerWeek") BigDecimal averageCareHours,
                       @JsonProperty("behoeften") Map<String, Integer> needs,
                       @JsonProperty("vastgelegdDoor") String recordedBy,
                       @JsonProperty("vastgelegdOp") Instant recordedAt) {
    }

    static BigDecimal percentage(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP);
    }

    static Input validate(Input in, LocalDate today) {
        Checks.body(in, "peildatum");
        Checks c = new Checks();
        LocalDate on = c.required("peildatum", in.measuredOn());
        if (on != null && on.isAfter(today)) {
            c.add("peildatum", "Mag niet in de toekomst liggen.");
        }
        Integer respondents = c.range("aantalRespondenten", in.respondents(), 1, 1_000_000, true);
        Integer caregivers = c.range("aantalMantelzorgers", in.caregivers(), 0, 1_000_000, true);
        if (respondents != null && caregivers != null && caregivers > respondents) {
            c.add("aantalMantelzorgers", "Kan niet groter zijn dan 'aantalRespondenten'.");
        }
        c.decimal("gemiddeldZorgurenPerWeek", in.averageCareHours(), BigDecimal.ZERO, BigDecimal.valueOf(168), false);
        if (in.averageCareHours() != null && in.averageCareHours().stripTrailingZeros().scale() > 1) {
            c.add("gemiddeldZorgurenPerWeek", "Hoogstens één decimaal.");
        }
        Map<String, Integer> needs = new TreeMap<>(in.needs() == null ? Map.of() : in.needs());
        needs.forEach((code, count) -> {
            c.code("behoeften." + code, code, NEEDS, true);
            c.range("behoeften." + code, count, 0, caregivers == null ? 1_000_000 : caregivers, true);
        });
        c.throwIfAny();
        return new Input(on, respondents, caregivers, in.averageCareHours(), needs);
    }
}

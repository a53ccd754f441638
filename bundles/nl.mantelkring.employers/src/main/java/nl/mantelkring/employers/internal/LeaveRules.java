package nl.mantelkring.employers.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The statutory care-leave rules as DATA: rule sets and minimum wages, each with its legal reference and the date
 * from which it applies. The shipped table is {@code /defaults/zorgverlofregels.json}; a tenant may replace it
 * with policy {@code werkgevers.zorgverlofregels} of the same shape, so a change in law is a data change.
 */
record LeaveRules(List<RuleSet> ruleSets, List<MinimumWage> minimumWages) {

    /** The rules of one kind of leave. */
    record Kind(BigDecimal timesWeeklyHours, BigDecimal payPercentage, boolean minimumWageFloor, int noticeDays,
                String legalBasis) {
    }

    /** The rules that apply from {@code validFrom} until the next rule set. */
    record RuleSet(String id, LocalDate validFrom, String legalBasis, int windowMonths, Kind shortTerm,
                   Kind longTerm) {
    }

    /** The statutory minimum wage per hour from {@code validFrom}. */
    record MinimumWage(LocalDate validFrom, BigDecimal perHour, String legalBasis) {
    }

    private static final LeaveRules SHIPPED = parse(EmployersPolicy.resource("/defaults/zorgverlofregels.json"));

    static LeaveRules shipped() {
        return SHIPPED;
    }

    /** The rule set in force on the day. */
    Optional<RuleSet> ruleSetOn(LocalDate day) {
        return ruleSets.stream().filter(r -> !r.validFrom().isAfter(day)).max(Comparator.comparing(RuleSet::validFrom));
    }

    /** The minimum wage in force on the day. */
    Optional<MinimumWage> minimumWageOn(LocalDate day) {
        return minimumWages.stream().filter(m -> !m.validFrom().isAfter(day))
                .max(Comparator.comparing(MinimumWage::validFrom));
    }

    /** Parses and checks the table; {@link IllegalArgumentException} (in Dutch) names what is wrong. */
    static LeaveRules parse(JsonNode root) {
        if (root == null || !root.path("regelsets").isArray() || root.path("regelsets").isEmpty()) {
            throw new IllegalArgumentException("'regelsets' moet een niet-lege lijst zijn.");
        }
        List<RuleSet> sets = new ArrayList<>();
        for (JsonNode s : root.get("regelsets")) {
            String id = text(s, "id");
            int months = s.path("vensterMaanden").asInt(0);
            if (months < 1 || months > 60) {
                throw new IllegalArgumentException("Regelset " + id + ": 'vensterMaanden' moet 1 tot 60 zijn.");
            }
            sets.add(new RuleSet(id, date(s, "geldigVanaf"), text(s, "wettelijkeGrondslag"), months,
                    kind(id, s.path("kortdurend")), kind(id, s.path("langdurend"))));
        }
        List<MinimumWage> wages = new ArrayList<>();
        for (JsonNode m : root.path("minimumloon")) {
            BigDecimal perHour = number(m, "perUur");
            if (perHour.signum() <= 0) {
                throw new IllegalArgumentException("'minimumloon.perUur' moet positief zijn.");
            }
            wages.add(new MinimumWage(date(m, "geldigVanaf"), perHour, text(m, "grondslag")));
        }
        return new LeaveRules(List.copyOf(sets), List.copyOf(wages));
    }

    private static Kind kind(String id, JsonNode k) {
        if (!k.isObject()) {
            throw new IllegalArgumentException("Regelset " + id + ": 'kortdurend' en 'langdurend' zijn verplicht.");
        }
        BigDecimal times = number(k, "maalArbeidsduurPerWeek");
        BigDecimal pay = number(k, "doorbetalingPercentage");
        int notice = k.path("opzegtermijnDagen").asInt(-1);
        if (times.signum() < 0 || pay.signum() < 0 || pay.compareTo(BigDecimal.valueOf(100)) > 0 || notice < 0) {
            throw new IllegalArgumentException("Regelset " + id + ": ongeldige factor, percentage of opzegtermijn.");
        }
        return new Kind(times, pay, k.path("minimumloonAlsVloer").asBoolean(false), notice, text(k, "grondslag"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' ontbreekt.");
        }
        return v.asText();
    }

    private static BigDecimal number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' moet een getal zijn.");
        }
        return v.decimalValue();
    }

    private static LocalDate date(JsonNode n, String field) {
        try {
            return LocalDate.parse(text(n, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' moet een datum (JJJJ-MM-DD) zijn.");
        }
    }
}

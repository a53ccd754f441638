package nl.mantelkring.employers.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The care-leave calculator under the Wazo (Wet arbeid en zorg, chapter 5). Pure: every number comes from the
 * input and the {@link LeaveRules} data, nothing from code constants.
 *
 * <ul>
 * <li>Entitlement per window: {@code factor x weekly working hours} (short-term 2x, long-term 6x in the shipped
 * rules), in hours, two decimals.</li>
 * <li>The window is {@code windowMonths} consecutive months from the first leave day: it ends the day before the
 * same day {@code windowMonths} later, or on the last day of that month when it has no such day (29 February).</li>
 * <li>Short-term pay per hour: the pay percentage of the hourly wage, rounded up to the cent (so never below the
 * percentage), and never below the minimum wage in force when the rules say so.</li>
 * <li>Long-term leave: the earliest start is the request date plus the notice period (written notice at least two
 * weeks before).</li>
 * </ul>
 */
public final class LeaveCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private LeaveCalculator() {
    }

    /** The calculator's input. Hours and money as decimal numbers, dates ISO 8601. */
    public record Input(@JsonProperty("arbeidsduurPerWeek") BigDecimal weeklyHours,
                 @JsonProperty("uurloon") BigDecimal hourlyWage,
                 @JsonProperty("minimumloonPerUur") BigDecimal minimumWage,
                 @JsonProperty("eersteVerlofdag") LocalDate firstLeaveDay,
                 @JsonProperty("kortdurendOpgenomenUren") BigDecimal shortTermTaken,
                 @JsonProperty("langdurendOpgenomenUren") BigDecimal longTermTaken,
                 @JsonProperty("aanvraagdatum") LocalDate requestDate,
                 @JsonProperty("gewensteIngangsdatum") LocalDate desiredStart) {
    }

    public record Rules(@JsonProperty("id") String id, @JsonProperty("geldigVanaf") LocalDate validFrom,
                 @JsonProperty("wettelijkeGrondslag") String legalBasis) {
    }

    public record Window(@JsonProperty("van") LocalDate from, @JsonProperty("totEnMet") LocalDate through) {
    }

    public record MinimumWage(@JsonProperty("perUur") BigDecimal perHour, @JsonProperty("bron") String source,
                       @JsonProperty("geldigVanaf") LocalDate validFrom, @JsonProperty("grondslag") String legalBasis) {
    }

    public record ShortTerm(@JsonProperty("rechtUren") BigDecimal entitlement,
                     @JsonProperty("opgenomenUren") BigDecimal taken,
                     @JsonProperty("resterendUren") BigDecimal remaining,
                     @JsonProperty("doorbetalingPercentage") BigDecimal payPercentage,
                     @JsonProperty("doorbetaaldUurloon") BigDecimal paidPerHour,
                     @JsonProperty("minimumloonVloerToegepast") boolean floorApplied,
                     @JsonProperty("doorbetalingResterendeUren") BigDecimal paidForRemaining,
                     @JsonProperty("grondslag") String legalBasis) {
    }

    public record LongTerm(@JsonProperty("rechtUren") BigDecimal entitlement,
                    @JsonProperty("opgenomenUren") BigDecimal taken,
                    @JsonProperty("resterendUren") BigDecimal remaining,
                    @JsonProperty("betaald") boolean paid,
                    @JsonProperty("opzegtermijnDagen") int noticeDays,
                    @JsonProperty("vroegsteIngangsdatum") LocalDate earliestStart,
                    @JsonProperty("opzegtermijnGehaald") Boolean noticeMet,
                    @JsonProperty("grondslag") String legalBasis) {
    }

    public record Result(@JsonProperty("regels") Rules rules, @JsonProperty("venster") Window window,
                  @JsonProperty("nieuwVenster") boolean newWindow,
                  @JsonProperty("minimumloon") MinimumWage minimumWage,
                  @JsonProperty("kortdurendZorgverlof") ShortTerm shortTerm,
                  @JsonProperty("langdurendZorgverlof") LongTerm longTerm,
                  @JsonProperty("toelichting") List<String> notes) {
    }

    /** Validates the input (400 naming each field) and computes. */
    static Result calculate(Input in, LeaveRules table) {
        Checks.body(in, "arbeidsduurPerWeek");
        Checks c = new Checks();
        BigDecimal hours = c.decimal("arbeidsduurPerWeek", in.weeklyHours(), new BigDecimal("0.01"),
                BigDecimal.valueOf(80), true);
        BigDecimal wage = c.decimal("uurloon", in.hourlyWage(), new BigDecimal("0.01"), BigDecimal.valueOf(1000),
                true);
        c.decimal("minimumloonPerUur", in.minimumWage(), new BigDecimal("0.01"), BigDecimal.valueOf(1000), false);
        LocalDate first = c.required("eersteVerlofdag", in.firstLeaveDay());
        BigDecimal shortTaken = orZero(c.decimal("kortdurendOpgenomenUren", in.shortTermTaken(), BigDecimal.ZERO,
                BigDecimal.valueOf(10000), false));
        BigDecimal longTaken = orZero(c.decimal("langdurendOpgenomenUren", in.longTermTaken(), BigDecimal.ZERO,
                BigDecimal.valueOf(10000), false));
        if (first != null && in.desiredStart() != null && in.desiredStart().isBefore(first)) {
            c.add("gewensteIngangsdatum", "Mag niet voor 'eersteVerlofdag' liggen.");
        }
        c.throwIfAny();
        LocalDate ruleDay = in.desiredStart() != null ? in.desiredStart() : first;
        LeaveRules.RuleSet rules = table.ruleSetOn(ruleDay).orElseThrow(() -> nl.mantelkring.platform.api
                .ProblemException.invalid("eersteVerlofdag", "Voor deze datum zijn geen zorgverlofregels bekend."));
        List<String> notes = new ArrayList<>();

        // the window: from the first leave day; a desired start after its end opens a new window with full rights
        Window window = window(first, rules.windowMonths());
        boolean newWindow = false;
        if (in.desiredStart() != null && in.desiredStart().isAfter(window.through())) {
            newWindow = true;
            window = window(in.desiredStart(), rules.windowMonths());
            shortTaken = BigDecimal.ZERO;
            longTaken = BigDecimal.ZERO;
            notes.add("De gewenste ingangsdatum valt na het venster van " + rules.windowMonths()
                    + " maanden; daar begint een nieuw venster met het volledige recht.");
        }

        MinimumWage minimum = minimumWage(in, table, window.from(), notes);
        if (wage.compareTo(minimum.perHour()) < 0) {
            throw nl.mantelkring.platform.api.ProblemException.invalid("uurloon", "Lager dan het minimumloon per uur ("
                    + minimum.perHour().toPlainString() + "); geef voor een jongere het voor hem geldende"
                    + " minimumjeugdloon op in 'minimumloonPerUur'.");
        }

        LeaveRules.Kind st = rules.shortTerm();
        BigDecimal shortEntitlement = hours(st.timesWeeklyHours().multiply(hours));
        BigDecimal paid = wage.multiply(st.payPercentage()).divide(HUNDRED, 2, RoundingMode.CEILING);
        boolean floor = false;
        if (st.minimumWageFloor() && paid.compareTo(minimum.perHour()) < 0) {
            paid = minimum.perHour().min(wage).setScale(2, RoundingMode.HALF_UP);
            floor = true;
            notes.add("70% van het uurloon ligt onder het minimumloon; doorbetaald wordt het minimumloon.");
        }
        BigDecimal shortRemaining = remaining(shortEntitlement, shortTaken, "kortdurend", notes);
        ShortTerm shortTerm = new ShortTerm(shortEntitlement, hours(shortTaken), shortRemaining, st.payPercentage(),
                paid, floor, shortRemaining.multiply(paid).setScale(2, RoundingMode.HALF_UP), st.legalBasis());

        LeaveRules.Kind lt = rules.longTerm();
        BigDecimal longEntitlement = hours(lt.timesWeeklyHours().multiply(hours));
        BigDecimal longRemaining = remaining(longEntitlement, longTaken, "langdurend", notes);
        LocalDate earliest = in.requestDate() == null ? null : in.requestDate().plusDays(lt.noticeDays());
        Boolean noticeMet = earliest == null || in.desiredStart() == null ? null : !in.desiredStart().isBefore(earliest);
        if (Boolean.FALSE.equals(noticeMet)) {
            notes.add("Langdurend zorgverlof moet ten minste " + lt.noticeDays() + " dagen voor de ingang schriftelijk"
                    + " worden aangevraagd; de vroegste ingangsdatum is " + earliest + ".");
        }
        LongTerm longTerm = new LongTerm(longEntitlement, hours(longTaken), longRemaining,
                lt.payPercentage().signum() > 0, lt.noticeDays(), earliest, noticeMet, lt.legalBasis());

        return new Result(new Rules(rules.id(), rules.validFrom(), rules.legalBasis()), window, newWindow, minimum,
                shortTerm, longTerm, List.copyOf(notes));
    }

    /** {@code months} consecutive months from {@code first}, inclusive of both ends. */
    static Window window(LocalDate first, int months) {
        LocalDate same = first.plusMonths(months);
        // plusMonths clamps 29-31 to the month's last day: then the period ends on that last day itself
        LocalDate through = same.getDayOfMonth() == first.getDayOfMonth() ? same.minusDays(1) : same;
        return new Window(first, through);
    }

    private static MinimumWage minimumWage(Input in, LeaveRules table, LocalDate day, List<String> notes) {
        if (in.minimumWage() != null) {
            return new MinimumWage(in.minimumWage().setScale(2, RoundingMode.HALF_UP), "opgegeven", null, null);
        }
        LeaveRules.MinimumWage m = table.minimumWageOn(day).orElseThrow(() -> nl.mantelkring.platform.api
                .ProblemException.invalid("minimumloonPerUur",
                        "Voor deze datum is geen minimumloon bekend; geef het op."));
        notes.add("Minimumloon per uur " + m.perHour().toPlainString() + " (geldig vanaf " + m.validFrom()
                + ") uit de tabel; het kan tijdens het venster wijzigen.");
        return new MinimumWage(m.perHour().setScale(2, RoundingMode.HALF_UP), "tabel", m.validFrom(), m.legalBasis());
    }

    private static BigDecimal remaining(BigDecimal entitlement, BigDecimal taken, String kind, List<String> notes) {
        BigDecimal r = entitlement.subtract(taken);
        if (r.signum() < 0) {
            notes.add("Er is meer " + kind + " zorgverlof opgenomen dan het wettelijk recht; er resteert niets.");
            return hours(BigDecimal.ZERO);
        }
        return hours(r);
    }

    private static BigDecimal hours(BigDecimal h) {
        return h.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal orZero(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}

package nl.mantelkring.appreciation.internal.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import nl.mantelkring.platform.api.FieldViolation;

/**
 * A municipality's appreciation rules for one year (tenant policy {@code waardering.regels}, JSON, Dutch keys).
 * Every real rule in {@code domain.md} is a value of this model, not code. {@link #parse} checks the whole shape and
 * reports every problem with its JSON path, so an administrator can fix it.
 *
 * @param window          application window, both days inclusive
 * @param applicants      who may apply: {@code mantelzorger}, {@code zorgvrager}, {@code consulent}
 * @param unit            {@code mantelzorger} (one per caregiver per year) or {@code zorgvrager} (per care recipient
 *                        per year, shared by its caregivers)
 * @param payout          how much
 * @param channel         {@code geld}, {@code waardebon} or {@code keuze}
 * @param budget          the year's budget, or null for none
 * @param onExhaustion    {@code stoppen}, {@code wachtlijst} or {@code pro-rata}
 * @param maxPerAddress   grants per address per year, or null
 * @param capPerAddress   total amount per address (household) per year, or null
 * @param conditions      built-in eligibility conditions
 * @param extraRules      ids of vendor {@code EligibilityRule} plugins that must also pass
 * @param autoApprove     approve at once when every rule passes; otherwise a consultant decides
 * @param choices         with channel {@code keuze}: what the applicant chooses from ({@code keuzeUit}; default
 *                        geld and waardebon); a vendor payout channel is written {@code plugin:<id>}
 */
public record AppreciationPolicy(Window window, Set<String> applicants, String unit, Payout payout, String channel,
                                 BigDecimal budget, String onExhaustion, Integer maxPerAddress,
                                 BigDecimal capPerAddress, Conditions conditions, List<String> extraRules,
                                 boolean autoApprove, List<String> choices) {

    public static final String KEY = "waardering.regels";

    public record Window(LocalDate from, LocalDate until) {
        public boolean contains(LocalDate d) {
            return !d.isBefore(from) && !d.isAfter(until);
        }
    }

    /** An age band: {@code fromAge} inclusive, {@code untilAge} exclusive (null: no upper bound). */
    public record Band(int fromAge, Integer untilAge, BigDecimal amount, String channel) {
        boolean contains(int age) {
            return age >= fromAge && (untilAge == null || age < untilAge);
        }
    }

    /**
     * Payout: {@code vast} (one amount), {@code leeftijdsbanden} (amount and optionally channel per age band),
     * {@code verdeling} (unit zorgvrager: {@code split} is the amount per caregiver when the recipient has 1, 2, 3 …
     * caregivers, e.g. 150/75/50: one caregiver 150, two 75 each, three 50 each; one more than listed is refused) or
     * {@code pro-rata} (the budget divided over the approved grants at the payment run, capped).
     *
     * <p>A split's amount per caregiver is only final when no more caregivers can come: a payment run fixes it
     * ({@link #splitShare}). {@code fixing} ({@code vaststelling}, split only) says when a run may do that:
     * {@code na-aanvraagperiode} (default: only after the application window, as pro rata) or {@code bij-betaalrun}
     * (any run, for the caregivers granted so far; a caregiver granted later gets what is left of the recipient's
     * total, possibly nothing).
     */
    public record Payout(String kind, BigDecimal amount, List<Band> bands, List<BigDecimal> split, BigDecimal cap,
                         String fixing) {

        /** Split: fixed only by a payment run after the application window (the default). */
        public static final String AFTER_WINDOW = "na-aanvraagperiode";
        /** Split: fixed by any payment run, for the caregivers granted so far. */
        public static final String AT_RUN = "bij-betaalrun";

        /** What a split pays in total for a recipient with {@code caregivers} caregivers (0 for none). */
        public static BigDecimal splitTotal(List<BigDecimal> split, int caregivers) {
            if (caregivers <= 0) {
                return BigDecimal.ZERO;
            }
            return split.get(Math.min(caregivers, split.size()) - 1).multiply(BigDecimal.valueOf(caregivers));
        }

        /**
         * The amount to pay to one caregiver of a recipient that has {@code caregivers} caregivers with a grant:
         * the split's amount for that many, at most the amount granted, and at most what is left of the recipient's
         * total after the amounts already fixed for its other caregivers ({@code fixed}; paid money is never taken
         * back). Never below zero.
         */
        public static BigDecimal splitShare(List<BigDecimal> split, int caregivers, BigDecimal fixed,
                                            BigDecimal granted) {
            BigDecimal share = split.get(Math.min(Math.max(caregivers, 1), split.size()) - 1);
            if (granted != null) {
                share = share.min(granted);
            }
            return share.min(splitTotal(split, caregivers).subtract(fixed)).max(BigDecimal.ZERO.setScale(2));
        }
    }

    /**
     * Built-in conditions. {@code residence}: who must live in the municipality ({@code mantelzorger},
     * {@code zorgvrager}, {@code beide}, {@code een-van-beide}, {@code geen}).
     */
    public record Conditions(String residence, Integer minMonths, BigDecimal minHoursPerWeek, Integer minHalfDays,
                             BigDecimal hoursPerHalfDay, Integer minAge, boolean terminalException,
                             boolean excludePaidCare, Integer maxCaregiversPerRecipient) {
    }

    static final Set<String> APPLICANTS = Set.of("mantelzorger", "zorgvrager", "consulent");
    static final Set<String> UNITS = Set.of("mantelzorger", "zorgvrager");
    static final Set<String> CHANNELS = Set.of("geld", "waardebon", "keuze");
    static final Set<String> BAND_CHANNELS = Set.of("geld", "waardebon", "activiteit");
    static final Set<String> EXHAUSTION = Set.of("stoppen", "wachtlijst", "pro-rata");
    static final Set<String> RESIDENCE = Set.of("mantelzorger", "zorgvrager", "beide", "een-van-beide", "geen");
    static final Set<String> KNOWN = Set.of("aanvraagperiode", "aanvragers", "eenheid", "uitkering", "kanaal",
            "budget", "bijUitputting", "maxPerAdres", "keuzeUit", "maxBedragPerAdres", "voorwaarden", "extraRegels",
            "automatischToekennen");
    static final Set<String> KNOWN_CONDITIONS = Set.of("woonplaats", "minimaleDuurMaanden", "minimaleUrenPerWeek",
            "minimaleDagdelenPerWeek", "urenPerDagdeel", "minimaleLeeftijd", "uitzonderingTerminaleZorg",
            "uitsluitingBetaaldeZorg", "maxMantelzorgersPerZorgvrager");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("100000");

    /** Thrown by {@link #parse}: every problem, with its JSON path. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<FieldViolation> problems;

        Invalid(List<FieldViolation> problems) {
            super(problems.size() + " problem(s) in " + KEY);
            this.problems = List.copyOf(problems);
        }

        public List<FieldViolation> problems() {
            return problems;
        }
    }

    /** Parses and checks a policy value; throws {@link Invalid} listing every problem. */
    public static AppreciationPolicy parse(JsonNode n) {
        Reader r = new Reader();
        if (n == null || !n.isObject()) {
            r.add("", "Verwacht een JSON-object.");
            throw new Invalid(r.problems);
        }
        r.unknown("", n, KNOWN);
        JsonNode w = n.path("aanvraagperiode");
        LocalDate from = r.date("aanvraagperiode.van", w.get("van"));
        LocalDate until = r.date("aanvraagperiode.totEnMet", w.get("totEnMet"));
        if (from != null && until != null && until.isBefore(from)) {
            r.add("aanvraagperiode.totEnMet", "Ligt voor 'van'.");
        }
        Set<String> applicants = r.codes("aanvragers", n.get("aanvragers"), APPLICANTS, true);
        String unit = r.code("eenheid", n.get("eenheid"), UNITS, "mantelzorger");
        Payout payout = payout(r, n.path("uitkering"), unit);
        String channel = channel(r, "kanaal", n.get("kanaal"), true);
        List<String> choices = new ArrayList<>();
        JsonNode k = n.get("keuzeUit");
        if (k != null && !k.isNull()) {
            if (!"keuze".equals(channel)) {
                r.add("keuzeUit", "Alleen bij kanaal 'keuze'.");
            } else if (!k.isArray() || k.size() < 2) {
                r.add("keuzeUit", "Verwacht een lijst met ten minste twee uitbetaalwijzen.");
            } else {
                for (int i = 0; i < k.size(); i++) {
                    String c = channel(r, "keuzeUit." + i, k.get(i), false);
                    if (c != null) {
                        choices.add(c);
                    }
                }
            }
        } else if ("keuze".equals(channel)) {
            choices = List.of("geld", "waardebon");
        }
        BigDecimal budget = r.amount("budget", n.get("budget"), false);
        String exhaustion = r.code("bijUitputting", n.get("bijUitputting"), EXHAUSTION, "stoppen");
        if ("pro-rata".equals(payout == null ? null : payout.kind()) && budget == null) {
            r.add("budget", "Verplicht bij uitkering pro-rata: het budget wordt verdeeld.");
        }
        Integer maxPerAddress = r.integer("maxPerAdres", n.get("maxPerAdres"), 1, 100);
        BigDecimal capPerAddress = r.amount("maxBedragPerAdres", n.get("maxBedragPerAdres"), false);
        Conditions conditions = conditions(r, n.path("voorwaarden"));
        List<String> extra = new ArrayList<>();
        JsonNode e = n.get("extraRegels");
        if (e != null && !e.isNull()) {
            if (!e.isArray()) {
                r.add("extraRegels", "Verwacht een lijst met plugin-ids.");
            } else {
                for (int i = 0; i < e.size(); i++) {
                    if (!e.get(i).isTextual() || !e.get(i).asText().matches("[a-z0-9][a-z0-9.-]{0,99}")) {
                        r.add("extraRegels." + i, "Geen geldig plugin-id.");
                    } else {
                        extra.add(e.get(i).asText());
                    }
                }
            }
        }
        JsonNode auto = n.get("automatischToekennen");
        if (auto != null && !auto.isBoolean()) {
            r.add("automatischToekennen", "Verwacht true of false.");
        }
        if (!r.problems.isEmpty()) {
            throw new Invalid(r.problems);
        }
        return new AppreciationPolicy(new Window(from, until), applicants, unit, payout, channel, budget,
                exhaustion, maxPerAddress, capPerAddress, conditions, List.copyOf(extra),
                auto == null || auto.asBoolean(), List.copyOf(choices));
    }

    /** A payout channel: geld, waardebon, keuze (when allowed) or a vendor channel {@code plugin:<id>}. */
    private static String channel(Reader r, String field, JsonNode v, boolean choiceAllowed) {
        if (v == null || v.isNull()) {
            return choiceAllowed ? "geld" : null;
        }
        String c = v.isTextual() ? v.asText() : "";
        if (CHANNELS.contains(c) && (choiceAllowed || !"keuze".equals(c)) || c.matches("plugin:[a-z0-9][a-z0-9.-]{0,99}")) {
            return c;
        }
        r.add(field, "Onbekende waarde; toegestaan: geld, waardebon" + (choiceAllowed ? ", keuze" : "")
                + " of plugin:<id> (een uitbetaalkanaal van een leverancier).");
        return null;
    }

    private static Payout payout(Reader r, JsonNode u, String unit) {
        if (!u.isObject()) {
            r.add("uitkering", "Verplicht: een object met 'soort'.");
            return null;
        }
        String kind = r.code("uitkering.soort", u.get("soort"),
                Set.of("vast", "leeftijdsbanden", "verdeling", "pro-rata"), null);
        if (kind == null) {
            return null;
        }
        switch (kind) {
            case "vast" -> {
                r.unknown("uitkering", u, Set.of("soort", "bedrag"));
                return new Payout(kind, r.amount("uitkering.bedrag", u.get("bedrag"), true), List.of(), List.of(), null,
                        null);
            }
            case "leeftijdsbanden" -> {
                r.unknown("uitkering", u, Set.of("soort", "banden"));
                List<Band> bands = new ArrayList<>();
                JsonNode b = u.get("banden");
                if (b == null || !b.isArray() || b.isEmpty()) {
                    r.add("uitkering.banden", "Verplicht: ten minste één leeftijdsband.");
                } else {
                    for (int i = 0; i < b.size(); i++) {
                        String f = "uitkering.banden." + i;
                        JsonNode band = b.get(i);
                        r.unknown(f, band, Set.of("vanafLeeftijd", "totLeeftijd", "bedrag", "kanaal"));
                        Integer from = r.integer(f + ".vanafLeeftijd", band.get("vanafLeeftijd"), 0, 120);
                        Integer until = r.integer(f + ".totLeeftijd", band.get("totLeeftijd"), 1, 121);
                        if (from == null && band.get("vanafLeeftijd") == null) {
                            r.add(f + ".vanafLeeftijd", "Verplicht veld.");
                        }
                        if (from != null && until != null && until <= from) {
                            r.add(f + ".totLeeftijd", "Moet groter zijn dan vanafLeeftijd.");
                        }
                        JsonNode bandChannel = band.get("kanaal");
                        String ch = bandChannel == null || bandChannel.isNull() ? null
                                : r.code(f + ".kanaal", bandChannel, BAND_CHANNELS, null);
                        BigDecimal amount = r.amount(f + ".bedrag", band.get("bedrag"), !"activiteit".equals(ch));
                        bands.add(new Band(from == null ? 0 : from, until,
                                amount == null ? BigDecimal.ZERO.setScale(2) : amount, ch));
                    }
                    for (int i = 0; i < bands.size(); i++) {
                        for (int j = i + 1; j < bands.size(); j++) {
                            if (overlap(bands.get(i), bands.get(j))) {
                                r.add("uitkering.banden." + j, "Overlapt met leeftijdsband " + i + ".");
                            }
                        }
                    }
                }
                return new Payout(kind, null, List.copyOf(bands), List.of(), null, null);
            }
            case "verdeling" -> {
                r.unknown("uitkering", u, Set.of("soort", "bedragen", "vaststelling"));
                if (!"zorgvrager".equals(unit)) {
                    r.add("uitkering.soort", "Een verdeling over mantelzorgers kan alleen met eenheid 'zorgvrager'.");
                }
                List<BigDecimal> split = new ArrayList<>();
                JsonNode s = u.get("bedragen");
                if (s == null || !s.isArray() || s.isEmpty()) {
                    r.add("uitkering.bedragen", "Verplicht: bedrag per mantelzorger bij 1, 2, 3 … mantelzorgers.");
                } else {
                    for (int i = 0; i < s.size(); i++) {
                        split.add(r.amount("uitkering.bedragen." + i, s.get(i), true));
                    }
                }
                String fixing = r.code("uitkering.vaststelling", u.get("vaststelling"),
                        Set.of(Payout.AFTER_WINDOW, Payout.AT_RUN), Payout.AFTER_WINDOW);
                return new Payout(kind, null, List.of(), split, null, fixing);
            }
            default -> {
                r.unknown("uitkering", u, Set.of("soort", "plafond"));
                return new Payout(kind, null, List.of(), List.of(), r.amount("uitkering.plafond", u.get("plafond"), true),
                        null);
            }
        }
    }

    private static boolean overlap(Band a, Band b) {
        int aEnd = a.untilAge() == null ? Integer.MAX_VALUE : a.untilAge();
        int bEnd = b.untilAge() == null ? Integer.MAX_VALUE : b.untilAge();
        return a.fromAge() < bEnd && b.fromAge() < aEnd;
    }

    private static Conditions conditions(Reader r, JsonNode c) {
        if (!c.isMissingNode() && !c.isObject()) {
            r.add("voorwaarden", "Verwacht een object.");
            return new Conditions("geen", null, null, null, new BigDecimal("4"), null, false, false, null);
        }
        r.unknown("voorwaarden", c, KNOWN_CONDITIONS);
        String residence = r.code("voorwaarden.woonplaats", c.get("woonplaats"), RESIDENCE, "geen");
        Integer months = r.integer("voorwaarden.minimaleDuurMaanden", c.get("minimaleDuurMaanden"), 0, 120);
        BigDecimal hours = r.number("voorwaarden.minimaleUrenPerWeek", c.get("minimaleUrenPerWeek"), 168);
        Integer halfDays = r.integer("voorwaarden.minimaleDagdelenPerWeek", c.get("minimaleDagdelenPerWeek"), 0, 14);
        BigDecimal perHalfDay = r.number("voorwaarden.urenPerDagdeel", c.get("urenPerDagdeel"), 12);
        if (hours != null && halfDays != null) {
            r.add("voorwaarden.minimaleDagdelenPerWeek", "Geef uren of dagdelen per week, niet allebei.");
        }
        Integer minAge = r.integer("voorwaarden.minimaleLeeftijd", c.get("minimaleLeeftijd"), 0, 120);
        boolean terminal = r.bool("voorwaarden.uitzonderingTerminaleZorg", c.get("uitzonderingTerminaleZorg"));
        boolean paid = r.bool("voorwaarden.uitsluitingBetaaldeZorg", c.get("uitsluitingBetaaldeZorg"));
        Integer maxCaregivers = r.integer("voorwaarden.maxMantelzorgersPerZorgvrager",
                c.get("maxMantelzorgersPerZorgvrager"), 1, 50);
        return new Conditions(residence, months, hours, halfDays, perHalfDay == null ? new BigDecimal("4") : perHalfDay,
                minAge, terminal, paid, maxCaregivers);
    }

    /** Collects problems while reading typed values. */
    private static final class Reader {
        final List<FieldViolation> problems = new ArrayList<>();

        void add(String field, String reason) {
            problems.add(new FieldViolation(field, reason));
        }

        void unknown(String prefix, JsonNode n, Set<String> known) {
            if (n == null || !n.isObject()) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                String k = it.next().getKey();
                if (!known.contains(k)) {
                    add(prefix.isEmpty() ? k : prefix + "." + k, "Onbekend veld.");
                }
            }
        }

        LocalDate date(String field, JsonNode v) {
            if (v == null || !v.isTextual()) {
                add(field, "Verplicht: een datum als 2026-11-10.");
                return null;
            }
            try {
                return LocalDate.parse(v.asText());
            } catch (DateTimeParseException e) {
                add(field, "Geen geldige datum; gebruik 2026-11-10.");
                return null;
            }
        }

        String code(String field, JsonNode v, Set<String> allowed, String fallback) {
            if (v == null || v.isNull()) {
                if (fallback == null) {
                    add(field, "Verplicht; toegestaan: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
                }
                return fallback;
            }
            if (!v.isTextual() || !allowed.contains(v.asText())) {
                add(field, "Onbekende waarde; toegestaan: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
                return fallback;
            }
            return v.asText();
        }

        Set<String> codes(String field, JsonNode v, Set<String> allowed, boolean required) {
            if (v == null || !v.isArray() || (required && v.isEmpty())) {
                add(field, "Verplicht: een lijst met ten minste één van " + String.join(", ",
                        new java.util.TreeSet<>(allowed)) + ".");
                return Set.of();
            }
            Set<String> out = new java.util.TreeSet<>();
            for (int i = 0; i < v.size(); i++) {
                String c = code(field + "." + i, v.get(i), allowed, null);
                if (c != null) {
                    out.add(c);
                }
            }
            return out;
        }

        BigDecimal amount(String field, JsonNode v, boolean required) {
            if (v == null || v.isNull()) {
                if (required) {
                    add(field, "Verplicht: een bedrag in euro.");
                }
                return null;
            }
            if (!v.isNumber()) {
                add(field, "Verwacht een bedrag in euro, zoals 150 of 37.50.");
                return null;
            }
            BigDecimal a = v.decimalValue();
            if (a.signum() < 0 || a.compareTo(MAX_AMOUNT) > 0 || a.stripTrailingZeros().scale() > 2) {
                add(field, "Een bedrag van 0 tot " + MAX_AMOUNT + " euro met ten hoogste twee decimalen.");
                return null;
            }
            return a.setScale(2);
        }

        BigDecimal number(String field, JsonNode v, int max) {
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isNumber() || v.decimalValue().signum() < 0 || v.decimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
                add(field, "Verwacht een getal van 0 tot " + max + ".");
                return null;
            }
            return v.decimalValue();
        }

        Integer integer(String field, JsonNode v, int min, int max) {
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
                add(field, "Verwacht een geheel getal van " + min + " tot " + max + ".");
                return null;
            }
            return v.asInt();
        }

        boolean bool(String field, JsonNode v) {
            if (v == null || v.isNull()) {
                return false;
            }
            if (!v.isBoolean()) {
                add(field, "Verwacht true of false.");
                return false;
            }
            return v.asBoolean();
        }
    }
}

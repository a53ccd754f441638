package nl.mantelkring.appreciation.internal.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy.Band;
import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy.Conditions;
import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy.Payout;

/**
 * A year's appreciation policy in plain Dutch (language level B1) for the loket: who can apply, on which conditions,
 * how much, how it is paid, and when. One sentence per rule the {@link Evaluator} applies, under the same rule
 * code, so a caregiver reads beforehand what the evaluation later says. Pure: the caller gives the policy and today.
 */
public final class Explanation {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", new Locale("nl", "NL"));

    /** One condition: the {@link Evaluator}'s rule code and what it means for the reader. */
    public record Condition(String rule, String text) {
    }

    /** The window and where today lies: {@code voor}, {@code open} or {@code voorbij}. */
    public record Window(LocalDate from, LocalDate until, boolean open, String state, String text) {
    }

    /**
     * The explanation.
     *
     * @param who         who applies, in a sentence
     * @param applicants  the policy's applicants ({@code mantelzorger}, {@code zorgvrager}, {@code consulent})
     * @param atLoket     whether a caregiver can apply at the loket (the policy lets the caregiver apply)
     * @param conditions  every condition, in the order the evaluator checks them
     * @param amount      how much, one or more sentences
     * @param payout      how it is paid, in a sentence; {@code choices} the channels the applicant chooses from
     * @param decision    who decides, in a sentence
     */
    public record Text(int year, Window window, String who, List<String> applicants, boolean atLoket,
                       List<Condition> conditions, List<String> amount, String payoutChannel, List<String> choices,
                       String payout, String decision) {
    }

    private Explanation() {
    }

    /** Explains the policy for {@code year} as it stands on {@code today}. */
    public static Text of(AppreciationPolicy p, int year, LocalDate today) {
        return new Text(year, window(p, today), who(p), List.copyOf(p.applicants()),
                p.applicants().contains("mantelzorger"), conditions(p), amount(p), p.channel(), p.choices(),
                payout(p.channel(), p.choices()), p.autoApprove()
                        ? "Voldoet u aan alle voorwaarden? Dan krijgt u meteen te zien dat u de waardering krijgt."
                        : "Een medewerker van de gemeente bekijkt uw aanvraag. Daarna krijgt u een besluit.");
    }

    static Window window(AppreciationPolicy p, LocalDate today) {
        LocalDate from = p.window().from();
        LocalDate until = p.window().until();
        String period = "U kunt aanvragen van " + DATE.format(from) + " tot en met " + DATE.format(until) + ".";
        if (today.isBefore(from)) {
            return new Window(from, until, false, "voor", period + " U kunt nog niet aanvragen. Dat kan vanaf "
                    + DATE.format(from) + ".");
        }
        if (today.isAfter(until)) {
            return new Window(from, until, false, "voorbij", period + " De aanvraagperiode is voorbij.");
        }
        return new Window(from, until, true, "open", period + " U kunt nu aanvragen.");
    }

    static String who(AppreciationPolicy p) {
        List<String> s = new ArrayList<>();
        if (p.applicants().contains("mantelzorger")) {
            s.add("U vraagt de waardering zelf aan, als mantelzorger. Een mantelzorger is iemand die langere tijd"
                    + " zorgt voor iemand uit zijn omgeving, zonder daarvoor betaald te krijgen.");
        }
        if (p.applicants().contains("zorgvrager")) {
            s.add("De persoon die de zorg krijgt, mag de waardering ook aanvragen voor zijn of haar mantelzorgers.");
        }
        if (p.applicants().contains("consulent")) {
            s.add(s.isEmpty() ? "Een consulent van de gemeente vraagt de waardering voor u aan. Neem daarvoor contact"
                    + " op met de gemeente." : "Een consulent van de gemeente kan u ook helpen met aanvragen.");
        }
        return String.join(" ", s);
    }

    static List<Condition> conditions(AppreciationPolicy p) {
        List<Condition> out = new ArrayList<>();
        Conditions c = p.conditions();
        switch (c.residence()) {
            case "mantelzorger" -> out.add(new Condition("woonplaats", "U woont in de gemeente."));
            case "zorgvrager" -> out.add(new Condition("woonplaats",
                    "De persoon voor wie u zorgt, woont in de gemeente."));
            case "beide" -> out.add(new Condition("woonplaats",
                    "U en de persoon voor wie u zorgt, wonen allebei in de gemeente."));
            case "een-van-beide" -> out.add(new Condition("woonplaats",
                    "U of de persoon voor wie u zorgt, woont in de gemeente."));
            default -> {
                // no residence condition
            }
        }
        if (c.minAge() != null) {
            out.add(new Condition("leeftijd", "U bent " + c.minAge() + " jaar of ouder."));
        }
        String terminal = c.terminalException() ? " Zorgt u voor iemand die niet lang meer te leven heeft? Dan geldt"
                + " deze eis niet." : "";
        if (c.minMonths() != null) {
            out.add(new Condition("duur", "U zorgt al minstens " + c.minMonths() + " maanden voor deze persoon."
                    + terminal));
        }
        if (c.minHoursPerWeek() != null) {
            out.add(new Condition("uren", "U zorgt minstens " + plain(c.minHoursPerWeek()) + " uur per week."
                    + terminal));
        } else if (c.minHalfDays() != null) {
            out.add(new Condition("uren", "U zorgt minstens " + c.minHalfDays() + " dagdelen per week. Een dagdeel"
                    + " is " + plain(c.hoursPerHalfDay()) + " uur." + terminal));
        }
        if (c.excludePaidCare()) {
            out.add(new Condition("betaaldeZorg", "U krijgt voor deze zorg geen geld. Bijvoorbeeld niet uit een"
                    + " persoonsgebonden budget (pgb)."));
        }
        out.add(new Condition("eenmaalPerJaar", "mantelzorger".equals(p.unit())
                ? "U krijgt de waardering één keer per jaar."
                : "U krijgt de waardering één keer per jaar voor iedere persoon voor wie u zorgt."));
        Integer max = c.maxCaregiversPerRecipient();
        if ("verdeling".equals(p.payout().kind())) {
            max = max == null ? p.payout().split().size() : Math.min(max, p.payout().split().size());
        }
        if (max != null) {
            out.add(new Condition("mantelzorgersPerZorgvrager", max == 1
                    ? "Voor iedere persoon die zorg krijgt, krijgt één mantelzorger een waardering."
                    : "Voor iedere persoon die zorg krijgt, krijgen ten hoogste " + max
                            + " mantelzorgers een waardering."));
        }
        if (p.maxPerAddress() != null) {
            out.add(new Condition("adres", p.maxPerAddress() == 1
                    ? "Op één adres krijgt één persoon per jaar een waardering."
                    : "Op één adres krijgen ten hoogste " + p.maxPerAddress() + " personen per jaar een waardering."));
        }
        if (p.capPerAddress() != null) {
            out.add(new Condition("maximumPerAdres", "Op één adres is het totaal ten hoogste "
                    + Evaluator.money(p.capPerAddress()) + " per jaar."));
        }
        if (p.budget() != null) {
            out.add(new Condition("budget", "Er is " + Evaluator.money(p.budget()) + " voor dit jaar. "
                    + switch (p.onExhaustion()) {
                        case "wachtlijst" -> "Is het geld op? Dan komt uw aanvraag op een wachtlijst.";
                        case "pro-rata" -> "Is het geld op? Dan krijgt iedereen een iets lager bedrag.";
                        default -> "Is het geld op? Dan kunnen we geen waardering meer geven.";
                    }));
        }
        for (String rule : p.extraRules()) {
            out.add(new Condition(rule, "De gemeente heeft nog een eigen regel. Die controleren we als u aanvraagt."));
        }
        return out;
    }

    static List<String> amount(AppreciationPolicy p) {
        Payout u = p.payout();
        List<String> out = new ArrayList<>();
        switch (u.kind()) {
            case "vast" -> out.add("U krijgt " + Evaluator.money(u.amount()) + ".");
            case "leeftijdsbanden" -> {
                out.add("Hoeveel u krijgt, hangt af van uw leeftijd.");
                for (Band b : u.bands()) {
                    String ages = b.untilAge() == null ? "Bent u " + b.fromAge() + " jaar of ouder?"
                            : "Bent u " + b.fromAge() + " tot " + b.untilAge() + " jaar?";
                    out.add(ages + ("activiteit".equals(b.channel())
                            ? " Dan krijgt u een uitnodiging voor een activiteit."
                            : " Dan krijgt u " + Evaluator.money(b.amount())
                                    + ("waardebon".equals(b.channel()) ? " als waardebon." : ".")));
                }
            }
            case "verdeling" -> {
                List<BigDecimal> split = u.split();
                out.add("Het bedrag is voor iedere persoon die zorg krijgt. Zorgen er meer mantelzorgers voor"
                        + " dezelfde persoon? Dan verdelen zij het bedrag.");
                for (int i = 0; i < split.size(); i++) {
                    out.add(i == 0 ? "Eén mantelzorger krijgt " + Evaluator.money(split.get(0)) + "."
                            : (i + 1) + " mantelzorgers krijgen ieder " + Evaluator.money(split.get(i)) + ".");
                }
                out.add("Het bedrag staat vast als de gemeente betaalt"
                        + (Payout.AT_RUN.equals(u.fixing()) ? "." : ", na de aanvraagperiode."));
            }
            default -> {
                out.add("Het geld voor dit jaar wordt eerlijk verdeeld over iedereen die een waardering krijgt."
                        + " Het bedrag staat pas vast na de aanvraagperiode.");
                out.add("U krijgt ten hoogste " + Evaluator.money(u.cap()) + ".");
            }
        }
        return out;
    }

    static String payout(String channel, List<String> choices) {
        if ("keuze".equals(channel)) {
            return "U kiest zelf: " + String.join(" of ", choices.stream().map(Explanation::channelText).toList())
                    + ".";
        }
        return "U krijgt " + channelText(channel) + ".";
    }

    private static String channelText(String channel) {
        return switch (channel) {
            case "geld" -> "het geld op uw bankrekening";
            case "waardebon" -> "een waardebon";
            default -> "de waardering via een regeling van de gemeente";
        };
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString().replace('.', ',');
    }
}

package nl.mantelkring.appreciation.internal.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nl.mantelkring.appreciation.EligibilityInput;
import nl.mantelkring.appreciation.EligibilityRule;
import nl.mantelkring.appreciation.RuleOutcome;
import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy.Band;
import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy.Conditions;
import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy.Payout;

/**
 * Judges one application against a year's policy: every rule with passed/failed and a Dutch reason a caregiver
 * understands, the outcome and the amount. Pure: the caller supplies the facts, what was granted before, and the
 * vendor rules it found.
 */
public final class Evaluator {

    /** The application can be granted (automatically, or by a consultant when the policy says so). */
    public static final String GRANTABLE = "toekenbaar";
    /** A rule failed. */
    public static final String REJECTED = "afgewezen";
    /** Cannot be decided now: a vendor rule is missing or failed to run, or the budget is on a waiting list. */
    public static final String WAIT = "wachten";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", new Locale("nl", "NL"));

    /**
     * What was granted (or is pending) earlier in the same year, as counted by the caller.
     *
     * @param caregiverGrants             grants for this caregiver this year (any recipient)
     * @param caregiverRecipientGrants    grants for this caregiver for this recipient this year
     * @param recipientCaregivers         other caregivers with a grant for this recipient this year
     * @param addressGrants               grants at the caregiver's address this year
     * @param addressAmount               amount granted at that address this year
     * @param committed                   amount granted this year in the tenant (against the budget)
     */
    public record History(int caregiverGrants, int caregiverRecipientGrants, int recipientCaregivers,
                          int addressGrants, BigDecimal addressAmount, BigDecimal committed) {
        public static final History NONE = new History(0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    public record RuleResult(String rule, boolean passed, String reason) {
    }

    /**
     * The verdict.
     *
     * @param outcome {@link #GRANTABLE}, {@link #REJECTED} or {@link #WAIT}
     * @param amount  the amount when grantable; null for pro rata (set at the payment run) or when not grantable. For
     *                a split ({@code verdeling}) the most this caregiver gets: the share for the caregivers granted
     *                so far; it goes down when more caregivers of the recipient are granted, and the payment run
     *                fixes it ({@link AppreciationPolicy.Payout#splitShare})
     * @param channel {@code geld}, {@code waardebon}, {@code activiteit} or {@code keuze}
     * @param budgetAmount what the grant adds to the year's committed amount (the budget): the amount, or for a split
     *                what the recipient's total grows by (150/75/50: 150 for the first caregiver, 0 for the next)
     */
    public record Evaluation(String outcome, List<RuleResult> rules, BigDecimal amount, String channel,
                             BigDecimal budgetAmount) {
        public boolean grantable() {
            return GRANTABLE.equals(outcome);
        }
    }

    private Evaluator() {
    }

    /**
     * Evaluates, calling the vendor rules on this thread without a time limit (tests and benchmarks).
     * {@code vendorRules} maps each id in the policy's {@code extraRegels} to the installed plugin, or to null when
     * it is not available to the tenant.
     */
    public static Evaluation evaluate(String tenant, AppreciationPolicy p, EligibilityInput in, History h,
                                      Map<String, EligibilityRule> vendorRules) {
        return evaluate(p, in, h, VendorRules.direct(tenant, in, vendorRules));
    }

    /**
     * Evaluates with the vendor rules' verdicts already known ({@link VendorRules#evaluate}): a listed rule without
     * a verdict, or without an outcome, makes the application wait.
     */
    public static Evaluation evaluate(AppreciationPolicy p, EligibilityInput in, History h,
                                      Map<String, VendorRules.Verdict> vendorVerdicts) {
        List<RuleResult> rules = new ArrayList<>();
        // rules that could not be decided now (a missing or failing vendor rule, the waiting list): not rejections
        java.util.Set<String> pending = new java.util.HashSet<>();
        Conditions c = p.conditions();

        String window = DATE.format(p.window().from()) + " tot en met " + DATE.format(p.window().until());
        rules.add(p.window().contains(in.applicationDate())
                ? pass("aanvraagperiode", "De aanvraag valt binnen de aanvraagperiode (" + window + ").")
                : fail("aanvraagperiode", "De aanvraag is gedaan buiten de aanvraagperiode (" + window + ")."));

        rules.add(p.applicants().contains(in.applicant())
                ? pass("aanvrager", "Een " + in.applicant() + " mag de aanvraag doen.")
                : fail("aanvrager", "Alleen " + String.join(" of ", p.applicants()) + " mag de aanvraag doen."));

        residence(rules, c.residence(), in);

        if (c.minAge() != null) {
            rules.add(in.caregiverAge() >= c.minAge()
                    ? pass("leeftijd", "U bent " + c.minAge() + " jaar of ouder.")
                    : fail("leeftijd", "U moet ten minste " + c.minAge() + " jaar oud zijn."));
        }

        boolean terminal = c.terminalException() && in.terminalCare();
        if (c.minMonths() != null) {
            LocalDate needed = in.applicationDate().minusMonths(c.minMonths());
            if (!in.careSince().isAfter(needed)) {
                rules.add(pass("duur", "U zorgt al " + c.minMonths() + " maanden of langer."));
            } else if (terminal) {
                rules.add(pass("duur", "U zorgt korter dan " + c.minMonths()
                        + " maanden, maar voor iemand in de laatste levensfase; dan geldt die eis niet."));
            } else {
                rules.add(fail("duur", "U moet ten minste " + c.minMonths() + " maanden zorgen; dat is pas op "
                        + DATE.format(in.careSince().plusMonths(c.minMonths())) + " het geval."));
            }
        }

        BigDecimal minHours = c.minHoursPerWeek() != null ? c.minHoursPerWeek()
                : c.minHalfDays() != null ? c.hoursPerHalfDay().multiply(BigDecimal.valueOf(c.minHalfDays())) : null;
        if (minHours != null) {
            String need = c.minHalfDays() != null ? c.minHalfDays() + " dagdelen (" + plain(minHours) + " uur)"
                    : plain(minHours) + " uur";
            if (in.hoursPerWeek().compareTo(minHours) >= 0) {
                rules.add(pass("uren", "U zorgt ten minste " + need + " per week."));
            } else if (terminal) {
                rules.add(pass("uren", "U zorgt minder dan " + need + " per week, maar voor iemand in de laatste"
                        + " levensfase; dan geldt die eis niet."));
            } else {
                rules.add(fail("uren", "U zorgt " + plain(in.hoursPerWeek()) + " uur per week; nodig is ten minste "
                        + need + " per week."));
            }
        }

        if (c.excludePaidCare()) {
            rules.add(in.carePaid()
                    ? fail("betaaldeZorg", "Voor zorg waarvoor u al betaald krijgt (bijvoorbeeld uit een"
                            + " persoonsgebonden budget) is er geen waardering.")
                    : pass("betaaldeZorg", "U krijgt voor deze zorg niet betaald."));
        }

        // once a year: per caregiver, or per caregiver and recipient when the unit is the recipient
        if ("mantelzorger".equals(p.unit())) {
            rules.add(h.caregiverGrants() == 0
                    ? pass("eenmaalPerJaar", "U heeft dit jaar nog geen waardering gekregen.")
                    : fail("eenmaalPerJaar", "U heeft dit jaar al een waardering gekregen of aangevraagd."));
        } else {
            rules.add(h.caregiverRecipientGrants() == 0
                    ? pass("eenmaalPerJaar", "U heeft dit jaar voor deze zorgvrager nog geen waardering gekregen.")
                    : fail("eenmaalPerJaar", "U heeft dit jaar voor deze zorgvrager al een waardering gekregen of"
                            + " aangevraagd."));
        }
        int caregiversOfRecipient = h.recipientCaregivers() + 1;
        Integer maxCaregivers = c.maxCaregiversPerRecipient();
        if ("verdeling".equals(p.payout().kind())) {
            int bySplit = p.payout().split().size();
            maxCaregivers = maxCaregivers == null ? bySplit : Math.min(maxCaregivers, bySplit);
        }
        if (maxCaregivers != null) {
            rules.add(caregiversOfRecipient <= maxCaregivers
                    ? pass("mantelzorgersPerZorgvrager", "Er zijn niet meer dan " + maxCaregivers
                            + " mantelzorgers met een waardering voor deze zorgvrager.")
                    : fail("mantelzorgersPerZorgvrager", "Voor deze zorgvrager hebben al " + maxCaregivers
                            + " mantelzorgers een waardering; meer kan niet."));
        }
        if (p.maxPerAddress() != null) {
            rules.add(h.addressGrants() < p.maxPerAddress()
                    ? pass("adres", "Op uw adres zijn dit jaar minder dan " + p.maxPerAddress() + " waarderingen.")
                    : fail("adres", "Op uw adres zijn dit jaar al " + p.maxPerAddress() + " waarderingen toegekend."));
        }

        // amount and channel
        BigDecimal amount;
        String channel = p.channel();
        switch (p.payout().kind()) {
            case "vast" -> amount = p.payout().amount();
            case "leeftijdsbanden" -> {
                Band band = p.payout().bands().stream().filter(b -> b.contains(in.caregiverAge())).findFirst()
                        .orElse(null);
                if (band == null) {
                    rules.add(fail("leeftijdsband", "Voor uw leeftijd (" + in.caregiverAge()
                            + " jaar) is er geen waardering."));
                    amount = null;
                } else {
                    rules.add(pass("leeftijdsband", "Voor uw leeftijd geldt de band vanaf " + band.fromAge()
                            + (band.untilAge() == null ? " jaar." : " tot " + band.untilAge() + " jaar.")));
                    amount = band.amount();
                    channel = band.channel() == null ? channel : band.channel();
                }
            }
            case "verdeling" -> {
                // the share for the caregivers granted so far: it can only go down while more caregivers of the
                // recipient are granted; the payment run fixes it (Payout.splitShare)
                List<BigDecimal> split = p.payout().split();
                amount = split.get(Math.min(caregiversOfRecipient, split.size()) - 1);
                rules.add(pass("verdeling", "Het bedrag van " + money(Payout.splitTotal(split, 1))
                        + " per zorgvrager wordt verdeeld over de mantelzorgers met een waardering voor deze"
                        + " zorgvrager. Nu zijn dat er " + caregiversOfRecipient + "; u krijgt dan " + money(amount)
                        + ". Komen er nog mantelzorgers bij, dan wordt dit bedrag lager. Het bedrag staat vast bij de"
                        + " uitbetaling" + (Payout.AT_RUN.equals(p.payout().fixing()) ? "."
                                : ", na de aanvraagperiode.")));
            }
            default -> amount = null;   // pro rata: the payment run divides the budget
        }
        if (p.capPerAddress() != null && amount != null) {
            BigDecimal left = p.capPerAddress().subtract(h.addressAmount());
            if (left.signum() <= 0) {
                rules.add(fail("maximumPerAdres", "Op uw adres is dit jaar het maximum van "
                        + money(p.capPerAddress()) + " al bereikt."));
            } else if (left.compareTo(amount) < 0) {
                rules.add(pass("maximumPerAdres", "Het bedrag is verlaagd tot " + money(left) + ": per adres is"
                        + " het maximum " + money(p.capPerAddress()) + " per jaar."));
                amount = left;
            }
        }

        // what the grant adds to the budget: for a split, what the recipient's total grows by
        BigDecimal budgetAmount = amount == null || !"verdeling".equals(p.payout().kind()) ? amount
                : amount.min(Payout.splitTotal(p.payout().split(), caregiversOfRecipient)
                        .subtract(Payout.splitTotal(p.payout().split(), caregiversOfRecipient - 1)));

        // vendor rules, evaluated by the caller (VendorRules) before any lock was taken
        for (String id : p.extraRules()) {
            VendorRules.Verdict v = vendorVerdicts.getOrDefault(id, VendorRules.Verdict.missing(id));
            RuleOutcome o = v.outcome();
            if (o == null) {
                pending.add(id);
                rules.add(new RuleResult(id, false, "Deze regel van de gemeente kon niet worden beoordeeld: "
                        + v.problem() + " De aanvraag wacht op beoordeling door een consulent."));
                continue;
            }
            rules.add(new RuleResult(id, o.passed(), o.reason()));
            if (o.passed() && o.extraAmount() != null && amount != null) {
                amount = amount.add(o.extraAmount());
                budgetAmount = budgetAmount.add(o.extraAmount());
            }
        }

        boolean failed = rules.stream().anyMatch(r -> !r.passed() && !pending.contains(r.rule()));
        if (!failed && p.budget() != null && amount != null) {
            BigDecimal after = h.committed().add(budgetAmount);
            if (after.compareTo(p.budget()) > 0) {
                switch (p.onExhaustion()) {
                    case "wachtlijst" -> {
                        pending.add("budget");
                        rules.add(new RuleResult("budget", false, "Het budget voor dit jaar is op; uw aanvraag"
                                + " staat op de wachtlijst."));
                    }
                    case "pro-rata" -> rules.add(pass("budget", "Het budget is krap; alle bedragen worden bij de"
                            + " uitbetaling naar verhouding verlaagd."));
                    default -> rules.add(fail("budget", "Het budget voor dit jaar is op."));
                }
            } else {
                rules.add(pass("budget", "Er is nog budget."));
            }
        }
        failed = rules.stream().anyMatch(r -> !r.passed() && !pending.contains(r.rule()));
        String outcome = failed ? REJECTED : !pending.isEmpty() ? WAIT : GRANTABLE;
        boolean grantable = GRANTABLE.equals(outcome);
        return new Evaluation(outcome, List.copyOf(rules), grantable ? amount : null, channel,
                grantable ? budgetAmount : null);
    }

    private static void residence(List<RuleResult> rules, String who, EligibilityInput in) {
        boolean caregiver = Boolean.TRUE.equals(in.caregiverLivesInMunicipality());
        boolean recipient = in.recipientLivesInMunicipality();
        switch (who) {
            case "mantelzorger" -> rules.add(caregiver ? pass("woonplaats", "U woont in de gemeente.")
                    : fail("woonplaats", "U moet in de gemeente wonen."));
            case "zorgvrager" -> rules.add(recipient ? pass("woonplaats", "De zorgvrager woont in de gemeente.")
                    : fail("woonplaats", "De zorgvrager moet in de gemeente wonen."));
            case "beide" -> rules.add(caregiver && recipient
                    ? pass("woonplaats", "U en de zorgvrager wonen in de gemeente.")
                    : fail("woonplaats", "U en de zorgvrager moeten allebei in de gemeente wonen."));
            case "een-van-beide" -> rules.add(caregiver || recipient
                    ? pass("woonplaats", "U of de zorgvrager woont in de gemeente.")
                    : fail("woonplaats", "U of de zorgvrager moet in de gemeente wonen."));
            default -> {
                // no residence condition
            }
        }
    }

    private static RuleResult pass(String rule, String reason) {
        return new RuleResult(rule, true, reason);
    }

    private static RuleResult fail(String rule, String reason) {
        return new RuleResult(rule, false, reason);
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString().replace('.', ',');
    }

    static String money(BigDecimal d) {
        return "€ " + d.setScale(2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }
}

package nl.mantelkring.appreciation.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import nl.mantelkring.appreciation.EligibilityInput;
import nl.mantelkring.appreciation.EligibilityRule;
import nl.mantelkring.appreciation.RuleOutcome;
import nl.mantelkring.appreciation.internal.rules.Evaluator.Evaluation;
import nl.mantelkring.appreciation.internal.rules.Evaluator.History;
import nl.mantelkring.platform.api.FieldViolation;

/**
 * Worked cases: the real rules of domain.md expressed as policy values, and for each the outcome, failing rule and
 * amount worked out by hand from that policy. Base case: application on 20 November 2026 by the caregiver, age 45,
 * both living in the municipality, caring since 1 January 2025 for 10 hours a week, not terminal, not paid.
 */
class EvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    /** Mutable copy of the base facts for one case. */
    private static final class Case {
        LocalDate date = DAY;
        String applicant = "mantelzorger";
        int age = 45;
        Boolean caregiverLives = true;
        boolean recipientLives = true;
        LocalDate since = LocalDate.of(2025, 1, 1);
        String hours = "10";
        boolean terminal;
        boolean paid;
        History history = History.NONE;
        Map<String, EligibilityRule> vendor = new HashMap<>();

        EligibilityInput input() {
            return new EligibilityInput(2026, date, applicant, "c-1", age, caregiverLives, "r-1", recipientLives,
                    since, new BigDecimal(hours), Set.of("huishouden"), terminal, paid, age < 25, null);
        }

        Evaluation on(AppreciationPolicy p) {
            return Evaluator.evaluate("GM0000", p, input(), history, vendor);
        }
    }

    private static AppreciationPolicy policy(String json) {
        try {
            return AppreciationPolicy.parse(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static History history(int caregiver, int pair, int recipientCaregivers, int address, String addressAmount,
                                   String committed) {
        return new History(caregiver, pair, recipientCaregivers, address, new BigDecimal(addressAmount),
                new BigDecimal(committed));
    }

    private static void granted(Evaluation e, String amount, String channel) {
        assertEquals(Evaluator.GRANTABLE, e.outcome(), e.rules().toString());
        if (amount == null) {
            assertNull(e.amount());
        } else {
            assertEquals(new BigDecimal(amount), e.amount());
        }
        assertEquals(channel, e.channel());
    }

    private static Evaluator.RuleResult rejected(Evaluation e, String rule) {
        assertEquals(Evaluator.REJECTED, e.outcome(), e.rules().toString());
        assertNull(e.amount());
        Evaluator.RuleResult failed = e.rules().stream().filter(r -> !r.passed()).findFirst().orElseThrow();
        assertEquals(rule, failed.rule(), e.rules().toString());
        return failed;
    }

    // Maastricht: EUR 200; 8 h/week for 3 months, or terminal care; the recipient applies, for one caregiver;
    // deadline 1 March of the next year
    static final String MAASTRICHT = """
            {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2027-03-01"}, "aanvragers": ["zorgvrager"],
             "eenheid": "zorgvrager", "uitkering": {"soort": "vast", "bedrag": 200},
             "voorwaarden": {"minimaleUrenPerWeek": 8, "minimaleDuurMaanden": 3, "uitzonderingTerminaleZorg": true,
                             "maxMantelzorgersPerZorgvrager": 1}}""";

    @Test
    void maastricht() {
        AppreciationPolicy p = policy(MAASTRICHT);
        Case c = new Case();
        c.applicant = "zorgvrager";
        granted(c.on(p), "200.00", "geld");
        c.hours = "6";
        assertEquals("U zorgt 6 uur per week; nodig is ten minste 8 uur per week.", rejected(c.on(p), "uren").reason());
        c.since = LocalDate.of(2026, 10, 1);            // 1 month 19 days before 20 November
        c.terminal = true;                              // terminal care: neither 8 hours nor 3 months needed
        granted(c.on(p), "200.00", "geld");
        c.terminal = false;
        c.hours = "10";
        assertEquals("U moet ten minste 3 maanden zorgen; dat is pas op 1 januari 2027 het geval.",
                rejected(c.on(p), "duur").reason());
        c = new Case();
        c.applicant = "mantelzorger";                   // the caregiver may not apply here
        rejected(c.on(p), "aanvrager");
        c.applicant = "zorgvrager";
        c.history = history(0, 0, 1, 0, "0", "200");    // the recipient already has a caregiver with a grant
        rejected(c.on(p), "mantelzorgersPerZorgvrager");
        c.history = History.NONE;
        c.date = LocalDate.of(2027, 3, 1);              // deadline day itself: still in
        granted(c.on(p), "200.00", "geld");
        c.date = LocalDate.of(2027, 3, 2);
        assertEquals("De aanvraag is gedaan buiten de aanvraagperiode (1 januari 2026 tot en met 1 maart 2027).",
                rejected(c.on(p), "aanvraagperiode").reason());
    }

    // Hilversum: window 1 Oct - 31 Dec; EUR 150 per recipient split over at most 3 caregivers (150 / 75 / 50);
    // the recipient lives (independently) in the municipality
    static final String HILVERSUM = """
            {"aanvraagperiode": {"van": "2026-10-01", "totEnMet": "2026-12-31"},
             "aanvragers": ["mantelzorger", "zorgvrager"], "eenheid": "zorgvrager",
             "uitkering": {"soort": "verdeling", "bedragen": [150, 75, 50]},
             "voorwaarden": {"woonplaats": "zorgvrager"}}""";

    @Test
    void hilversum() {
        AppreciationPolicy p = policy(HILVERSUM);
        Case c = new Case();
        // the amount is the share for the caregivers granted so far (provisional: it goes down when more come; the
        // earlier caregivers' grants are lowered with it); the recipient's total stays 150 against the budget
        Evaluation first = c.on(p);
        granted(first, "150.00", "geld");                         // the first caregiver of this recipient: 150
        assertEquals(new BigDecimal("150.00"), first.budgetAmount());
        assertTrue(first.rules().stream().anyMatch(r -> r.rule().equals("verdeling") && r.passed()
                && r.reason().contains("wordt dit bedrag lager")), first.rules().toString());
        c.history = history(0, 0, 1, 0, "0", "150");
        Evaluation second = c.on(p);
        granted(second, "75.00", "geld");                         // two caregivers: 75 each
        assertEquals(new BigDecimal("0.00"), second.budgetAmount());
        c.history = history(0, 0, 2, 0, "0", "150");
        Evaluation third = c.on(p);
        granted(third, "50.00", "geld");                          // three caregivers: 50 each
        assertEquals(new BigDecimal("0.00"), third.budgetAmount());
        c.history = history(0, 0, 3, 0, "0", "150");
        rejected(c.on(p), "mantelzorgersPerZorgvrager");          // a fourth is refused
        c.history = history(1, 1, 0, 0, "0", "150");              // the same caregiver for the same recipient again
        rejected(c.on(p), "eenmaalPerJaar");
        c = new Case();
        c.caregiverLives = false;                                 // the caregiver may live elsewhere
        granted(c.on(p), "150.00", "geld");
        c.recipientLives = false;
        rejected(c.on(p), "woonplaats");
        c = new Case();
        c.date = LocalDate.of(2026, 9, 30);
        rejected(c.on(p), "aanvraagperiode");
    }

    /** What the payment run pays per caregiver (Payout.splitShare): never more than 150 per recipient. */
    @Test
    void hilversumSharesAreFixedPerRecipient() {
        List<BigDecimal> split = policy(HILVERSUM).payout().split();
        BigDecimal zero = new BigDecimal("0.00");
        assertEquals(new BigDecimal("150.00"), AppreciationPolicy.Payout.splitShare(split, 1, zero, null));
        assertEquals(new BigDecimal("75.00"), AppreciationPolicy.Payout.splitShare(split, 2, zero, null));
        assertEquals(new BigDecimal("75.00"), AppreciationPolicy.Payout.splitShare(split, 2, new BigDecimal("75.00"),
                null));
        assertEquals(new BigDecimal("50.00"), AppreciationPolicy.Payout.splitShare(split, 3, new BigDecimal("100.00"),
                null));
        for (int n = 1; n <= 3; n++) {
            assertEquals(0, new BigDecimal("150").compareTo(AppreciationPolicy.Payout.splitTotal(split, n)));
        }
        // 150 paid to the only caregiver; a second granted later: nothing left, the paid 150 is not taken back
        assertEquals(zero, AppreciationPolicy.Payout.splitShare(split, 2, new BigDecimal("150.00"), null));
        // 75 + 75 paid; a third later: nothing left
        assertEquals(zero, AppreciationPolicy.Payout.splitShare(split, 3, new BigDecimal("150.00"), null));
        // never more than granted (e.g. lowered by a cap per address)
        assertEquals(new BigDecimal("40.00"), AppreciationPolicy.Payout.splitShare(split, 2, zero,
                new BigDecimal("40.00")));
        // when the share is fixed: after the window by default, or at each run when the policy says so
        assertEquals(AppreciationPolicy.Payout.AFTER_WINDOW, policy(HILVERSUM).payout().fixing());
        assertEquals(AppreciationPolicy.Payout.AT_RUN, policy(HILVERSUM.replace("[150, 75, 50]",
                "[150, 75, 50], \"vaststelling\": \"bij-betaalrun\"")).payout().fixing());
    }

    // Blaricum, Eemnes, Laren: at most EUR 150 split over up to 3 caregivers, lowered when more applications arrive
    // than budgeted; the caregiver may live elsewhere
    static final String BEL = """
            {"aanvraagperiode": {"van": "2026-11-10", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
             "eenheid": "zorgvrager", "uitkering": {"soort": "verdeling", "bedragen": [150, 75, 50]},
             "budget": 1000, "bijUitputting": "pro-rata", "voorwaarden": {"woonplaats": "zorgvrager"}}""";

    @Test
    void blaricumEemnesLaren() {
        AppreciationPolicy p = policy(BEL);
        Case c = new Case();
        c.caregiverLives = false;
        granted(c.on(p), "150.00", "geld");
        c.history = history(0, 0, 0, 0, "0", "950");              // 950 + 150 > 1000: still granted, lowered later
        Evaluation e = c.on(p);
        granted(e, "150.00", "geld");
        assertTrue(e.rules().stream().anyMatch(r -> r.rule().equals("budget") && r.reason().contains("verhouding")));
    }

    // Loon op Zand: EUR 50; caregiver 18+ applies once per calendar year; at least 2 half-days a week for more than
    // 3 months; at most 6 caregivers per recipient
    static final String LOON_OP_ZAND = """
            {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
             "uitkering": {"soort": "vast", "bedrag": 50},
             "voorwaarden": {"minimaleLeeftijd": 18, "minimaleDagdelenPerWeek": 2, "minimaleDuurMaanden": 3,
                             "maxMantelzorgersPerZorgvrager": 6}}""";

    @Test
    void loonOpZand() {
        AppreciationPolicy p = policy(LOON_OP_ZAND);
        Case c = new Case();
        granted(c.on(p), "50.00", "geld");
        c.hours = "7.5";                                          // 2 half-days = 2 x 4 = 8 hours
        assertEquals("U zorgt 7,5 uur per week; nodig is ten minste 2 dagdelen (8 uur) per week.",
                rejected(c.on(p), "uren").reason());
        c.hours = "8";
        c.age = 17;
        assertEquals("U moet ten minste 18 jaar oud zijn.", rejected(c.on(p), "leeftijd").reason());
        c.age = 18;
        c.history = history(1, 0, 0, 0, "0", "50");               // already granted this year (another recipient)
        rejected(c.on(p), "eenmaalPerJaar");
        c.history = history(0, 0, 5, 0, "0", "250");              // 5 others: the 6th is allowed
        granted(c.on(p), "50.00", "geld");
        c.history = history(0, 0, 6, 0, "0", "300");
        rejected(c.on(p), "mantelzorgersPerZorgvrager");
    }

    // Sudwest-Fryslan: EUR 75; at least 8 h/week for at least 3 months; once per caregiver per year, at most 2 per
    // address
    static final String SUDWEST_FRYSLAN = """
            {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
             "uitkering": {"soort": "vast", "bedrag": 75}, "maxPerAdres": 2,
             "voorwaarden": {"minimaleUrenPerWeek": 8, "minimaleDuurMaanden": 3, "woonplaats": "mantelzorger"}}""";

    @Test
    void sudwestFryslan() {
        AppreciationPolicy p = policy(SUDWEST_FRYSLAN);
        Case c = new Case();
        c.history = history(0, 0, 0, 1, "75", "75");              // one grant at the address already: the second is ok
        granted(c.on(p), "75.00", "geld");
        c.history = history(0, 0, 0, 2, "150", "150");
        assertEquals("Op uw adres zijn dit jaar al 2 waarderingen toegekend.", rejected(c.on(p), "adres").reason());
        c = new Case();
        c.caregiverLives = null;                                  // residence unknown is not "lives here"
        rejected(c.on(p), "woonplaats");
    }

    // Alkmaar: EUR 200; caregiver 18+, 6 consecutive months, at least 8 h/week
    static final String ALKMAAR = """
            {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
             "uitkering": {"soort": "vast", "bedrag": 200},
             "voorwaarden": {"minimaleLeeftijd": 18, "minimaleDuurMaanden": 6, "minimaleUrenPerWeek": 8}}""";

    @Test
    void alkmaar() {
        AppreciationPolicy p = policy(ALKMAAR);
        Case c = new Case();
        c.since = LocalDate.of(2026, 5, 20);                      // exactly 6 months before 20 November: enough
        granted(c.on(p), "200.00", "geld");
        c.since = LocalDate.of(2026, 5, 21);                      // one day short
        assertEquals("U moet ten minste 6 maanden zorgen; dat is pas op 21 november 2026 het geval.",
                rejected(c.on(p), "duur").reason());
        c.terminal = true;                                        // Alkmaar has no terminal exception
        rejected(c.on(p), "duur");
    }

    // Heiloo: a EUR 100 gift voucher
    @Test
    void heiloo() {
        AppreciationPolicy p = policy("""
                {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-12-31"},
                 "aanvragers": ["mantelzorger", "consulent"], "uitkering": {"soort": "vast", "bedrag": 100},
                 "kanaal": "waardebon"}""");
        Case c = new Case();
        c.applicant = "consulent";                                // a consultant on the caregiver's behalf
        granted(c.on(p), "100.00", "waardebon");
    }

    // Dalfsen: adults EUR 100; age 12-18 a EUR 25 voucher; under 12 an activity; cap EUR 200 per household
    static final String DALFSEN = """
            {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
             "uitkering": {"soort": "leeftijdsbanden", "banden": [
                {"vanafLeeftijd": 18, "bedrag": 100},
                {"vanafLeeftijd": 12, "totLeeftijd": 18, "bedrag": 25, "kanaal": "waardebon"},
                {"vanafLeeftijd": 0, "totLeeftijd": 12, "kanaal": "activiteit"}]},
             "maxBedragPerAdres": 200}""";

    @Test
    void dalfsen() {
        AppreciationPolicy p = policy(DALFSEN);
        Case c = new Case();
        granted(c.on(p), "100.00", "geld");
        c.age = 15;
        granted(c.on(p), "25.00", "waardebon");
        c.age = 18;                                               // 18 belongs to the adult band (12-18 excludes 18)
        granted(c.on(p), "100.00", "geld");
        c.age = 10;
        granted(c.on(p), "0.00", "activiteit");
        c.age = 45;
        c.history = history(0, 0, 0, 1, "150", "150");            // 150 given at the address: 50 left of the cap
        granted(c.on(p), "50.00", "geld");
        c.history = history(0, 0, 0, 2, "200", "200");
        assertEquals("Op uw adres is dit jaar het maximum van € 200,00 al bereikt.",
                rejected(c.on(p), "maximumPerAdres").reason());
    }

    // Roosendaal: a fixed budget divided over all approved applications (pro rata)
    @Test
    void roosendaal() {
        AppreciationPolicy p = policy("""
                {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "pro-rata", "plafond": 250}, "budget": 100000}""");
        granted(new Case().on(p), null, "geld");                  // the amount is set by the payment run
    }

    @Test
    void budgetStopsOrQueues() {
        String base = """
                {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "vast", "bedrag": 100}, "budget": 1000, "bijUitputting": "%s"}""";
        Case c = new Case();
        c.history = history(0, 0, 0, 0, "0", "900");              // 900 + 100 = 1000: exactly fits
        granted(c.on(policy(base.formatted("stoppen"))), "100.00", "geld");
        c.history = history(0, 0, 0, 0, "0", "950");
        assertEquals("Het budget voor dit jaar is op.", rejected(c.on(policy(base.formatted("stoppen"))), "budget")
                .reason());
        Evaluation waiting = c.on(policy(base.formatted("wachtlijst")));
        assertEquals(Evaluator.WAIT, waiting.outcome());
        assertNull(waiting.amount());
    }

    @Test
    void paidCareIsExcludedWhenThePolicySaysSo() {
        AppreciationPolicy p = policy("""
                {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "vast", "bedrag": 100}, "voorwaarden": {"uitsluitingBetaaldeZorg": true}}""");
        Case c = new Case();
        c.paid = true;
        rejected(c.on(p), "betaaldeZorg");
    }

    @Test
    void vendorRulesAddRefuseOrMakeTheApplicationWait() {
        AppreciationPolicy p = policy("""
                {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "vast", "bedrag": 100}, "extraRegels": ["jong-extra"]}""");
        Case c = new Case();
        c.vendor.put("jong-extra", (tenant, in) -> in.youngCaregiver()
                ? new RuleOutcome(true, "Jonge mantelzorgers krijgen 25 euro extra.", new BigDecimal("25"))
                : RuleOutcome.pass("Geen toeslag."));
        granted(c.on(p), "100.00", "geld");
        c.age = 19;
        granted(c.on(p), "125.00", "geld");
        c.vendor.put("jong-extra", (tenant, in) -> RuleOutcome.fail("Alleen voor leden van de bibliotheek."));
        assertEquals("Alleen voor leden van de bibliotheek.", rejected(c.on(p), "jong-extra").reason());
        c.vendor.put("jong-extra", (tenant, in) -> {
            throw new IllegalStateException("down");
        });
        assertEquals(Evaluator.WAIT, c.on(p).outcome());          // never approved without the rule
        c.vendor.clear();                                         // not installed
        Evaluation missing = c.on(p);
        assertEquals(Evaluator.WAIT, missing.outcome());
        assertNull(missing.amount());
        c.date = LocalDate.of(2027, 1, 1);                        // a failing built-in rule still rejects
        rejected(c.on(p), "aanvraagperiode");
    }

    @Test
    void everyPolicyProblemIsNamedWithItsPath() {
        AppreciationPolicy.Invalid e = assertThrows(AppreciationPolicy.Invalid.class, () -> policy("""
                {"aanvraagperiode": {"van": "2026-12-31", "totEnMet": "2026-01-01"}, "aanvragers": ["buurman"],
                 "eenheid": "mantelzorger", "uitkering": {"soort": "verdeling", "bedragen": [150, -1],
                                                           "vaststelling": "ooit"},
                 "kanaal": "cheque", "maxPerAdres": 0, "extraRegels": ["Hoofdletters"], "kleur": "blauw",
                 "voorwaarden": {"minimaleUrenPerWeek": 8, "minimaleDagdelenPerWeek": 2, "woonplaats": "overal"}}"""));
        assertEquals(List.of("aanvraagperiode.totEnMet", "aanvragers.0", "uitkering.soort", "uitkering.bedragen.1",
                "uitkering.vaststelling",
                "kanaal", "maxPerAdres", "voorwaarden.woonplaats", "voorwaarden.minimaleDagdelenPerWeek",
                "extraRegels.0", "kleur").stream().sorted().toList(),
                e.problems().stream().map(FieldViolation::field).sorted().toList());
        AppreciationPolicy.Invalid bands = assertThrows(AppreciationPolicy.Invalid.class, () -> policy("""
                {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "leeftijdsbanden", "banden": [{"vanafLeeftijd": 12, "bedrag": 25},
                                                                      {"vanafLeeftijd": 18, "bedrag": 100}]}}"""));
        assertEquals("uitkering.banden.1", bands.problems().get(0).field());   // 12+ and 18+ overlap
        AppreciationPolicy.Invalid proRata = assertThrows(AppreciationPolicy.Invalid.class, () -> policy("""
                {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "pro-rata", "plafond": 150}}"""));
        assertEquals("budget", proRata.problems().get(0).field());
    }
}

package nl.mantelkring.appreciation.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The loket's explanation: a plain-Dutch sentence for every rule kind the evaluator knows, and the window. */
class ExplanationTest {

    private static AppreciationPolicy parse(String json) throws Exception {
        return AppreciationPolicy.parse(new ObjectMapper().readTree(json));
    }

    private static Map<String, String> conditions(Explanation.Text t) {
        return t.conditions().stream().collect(Collectors.toMap(Explanation.Condition::rule,
                Explanation.Condition::text));
    }

    @Test
    void everyConditionKindGetsASentenceUnderTheEvaluatorsRuleCode() throws Exception {
        Explanation.Text t = Explanation.of(parse("""
                {"aanvraagperiode": {"van": "2026-03-01", "totEnMet": "2026-11-30"},
                 "aanvragers": ["mantelzorger", "zorgvrager"], "eenheid": "zorgvrager",
                 "uitkering": {"soort": "verdeling", "bedragen": [150, 75, 50]},
                 "kanaal": "keuze", "budget": 20000, "bijUitputting": "wachtlijst",
                 "maxPerAdres": 2, "maxBedragPerAdres": 300, "extraRegels": ["nl.voorbeeld.regel"],
                 "automatischToekennen": false,
                 "voorwaarden": {"woonplaats": "een-van-beide", "minimaleDuurMaanden": 3, "minimaleUrenPerWeek": 8,
                   "minimaleLeeftijd": 16, "uitzonderingTerminaleZorg": true, "uitsluitingBetaaldeZorg": true}}"""),
                2026, LocalDate.of(2026, 6, 1));
        Map<String, String> c = conditions(t);
        assertEquals("U of de persoon voor wie u zorgt, woont in de gemeente.", c.get("woonplaats"));
        assertEquals("U bent 16 jaar of ouder.", c.get("leeftijd"));
        assertTrue(c.get("duur").startsWith("U zorgt al minstens 3 maanden voor deze persoon."), c.get("duur"));
        assertTrue(c.get("duur").contains("niet lang meer te leven"));
        assertTrue(c.get("uren").startsWith("U zorgt minstens 8 uur per week."));
        assertTrue(c.get("betaaldeZorg").contains("persoonsgebonden budget (pgb)"));
        assertEquals("U krijgt de waardering één keer per jaar voor iedere persoon voor wie u zorgt.",
                c.get("eenmaalPerJaar"));
        assertTrue(c.get("mantelzorgersPerZorgvrager").contains("ten hoogste 3 mantelzorgers"));
        assertTrue(c.get("adres").contains("ten hoogste 2 personen"));
        assertTrue(c.get("maximumPerAdres").contains("€ 300,00"));
        assertTrue(c.get("budget").contains("€ 20000,00") && c.get("budget").contains("wachtlijst"));
        assertTrue(c.get("nl.voorbeeld.regel").contains("eigen regel"));
        assertEquals(List.of("Het bedrag is voor iedere persoon die zorg krijgt. Zorgen er meer mantelzorgers voor"
                + " dezelfde persoon? Dan verdelen zij het bedrag.", "Eén mantelzorger krijgt € 150,00.",
                "2 mantelzorgers krijgen ieder € 75,00.", "3 mantelzorgers krijgen ieder € 50,00.",
                "Het bedrag staat vast als de gemeente betaalt, na de aanvraagperiode."), t.amount());
        assertEquals("U kiest zelf: het geld op uw bankrekening of een waardebon.", t.payout());
        assertTrue(t.who().contains("zelf aan, als mantelzorger") && t.who().contains("persoon die de zorg krijgt"));
        assertTrue(t.atLoket());
        assertTrue(t.decision().contains("medewerker"));
    }

    @Test
    void amountsByAgeBandFixedAndProRata() throws Exception {
        Explanation.Text bands = Explanation.of(parse("""
                {"aanvraagperiode": {"van": "2026-03-01", "totEnMet": "2026-11-30"}, "aanvragers": ["consulent"],
                 "uitkering": {"soort": "leeftijdsbanden", "banden": [
                   {"vanafLeeftijd": 0, "totLeeftijd": 18, "kanaal": "activiteit"},
                   {"vanafLeeftijd": 18, "totLeeftijd": 25, "bedrag": 100, "kanaal": "waardebon"},
                   {"vanafLeeftijd": 25, "bedrag": 150}]},
                 "voorwaarden": {"minimaleDagdelenPerWeek": 2, "urenPerDagdeel": 4, "woonplaats": "beide"}}"""),
                2026, LocalDate.of(2026, 6, 1));
        assertEquals(List.of("Hoeveel u krijgt, hangt af van uw leeftijd.",
                "Bent u 0 tot 18 jaar? Dan krijgt u een uitnodiging voor een activiteit.",
                "Bent u 18 tot 25 jaar? Dan krijgt u € 100,00 als waardebon.",
                "Bent u 25 jaar of ouder? Dan krijgt u € 150,00."), bands.amount());
        assertEquals("U zorgt minstens 2 dagdelen per week. Een dagdeel is 4 uur.", conditions(bands).get("uren"));
        assertEquals("U en de persoon voor wie u zorgt, wonen allebei in de gemeente.",
                conditions(bands).get("woonplaats"));
        assertFalse(bands.atLoket());
        assertTrue(bands.who().startsWith("Een consulent van de gemeente vraagt"));
        assertEquals("U krijgt het geld op uw bankrekening.", bands.payout());
        assertEquals("U krijgt de waardering één keer per jaar.", conditions(bands).get("eenmaalPerJaar"));
        assertFalse(conditions(bands).containsKey("budget"));

        Explanation.Text fixed = Explanation.of(parse("""
                {"aanvraagperiode": {"van": "2026-03-01", "totEnMet": "2026-11-30"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "vast", "bedrag": 200}, "kanaal": "waardebon",
                 "voorwaarden": {"woonplaats": "zorgvrager"}}"""), 2026, LocalDate.of(2026, 6, 1));
        assertEquals(List.of("U krijgt € 200,00."), fixed.amount());
        assertEquals("U krijgt een waardebon.", fixed.payout());
        assertTrue(fixed.decision().contains("meteen"));
        assertEquals("De persoon voor wie u zorgt, woont in de gemeente.", conditions(fixed).get("woonplaats"));

        Explanation.Text proRata = Explanation.of(parse("""
                {"aanvraagperiode": {"van": "2026-03-01", "totEnMet": "2026-11-30"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "pro-rata", "plafond": 250}, "budget": 10000, "bijUitputting": "pro-rata"}"""),
                2026, LocalDate.of(2026, 6, 1));
        assertTrue(proRata.amount().get(0).contains("eerlijk verdeeld"));
        assertEquals("U krijgt ten hoogste € 250,00.", proRata.amount().get(1));
        assertTrue(conditions(proRata).get("budget").contains("iets lager bedrag"));
    }

    @Test
    void theWindowIsOpenOnlyFromTheFirstToTheLastDay() throws Exception {
        AppreciationPolicy p = parse("""
                {"aanvraagperiode": {"van": "2026-03-01", "totEnMet": "2026-11-30"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "vast", "bedrag": 200}}""");
        Explanation.Window before = Explanation.of(p, 2026, LocalDate.of(2026, 2, 28)).window();
        assertFalse(before.open());
        assertEquals("voor", before.state());
        assertTrue(before.text().endsWith("Dat kan vanaf 1 maart 2026."), before.text());
        assertTrue(Explanation.of(p, 2026, LocalDate.of(2026, 3, 1)).window().open());
        Explanation.Window last = Explanation.of(p, 2026, LocalDate.of(2026, 11, 30)).window();
        assertTrue(last.open());
        assertEquals("U kunt aanvragen van 1 maart 2026 tot en met 30 november 2026. U kunt nu aanvragen.",
                last.text());
        Explanation.Window after = Explanation.of(p, 2026, LocalDate.of(2026, 12, 1)).window();
        assertFalse(after.open());
        assertEquals("voorbij", after.state());
    }
}

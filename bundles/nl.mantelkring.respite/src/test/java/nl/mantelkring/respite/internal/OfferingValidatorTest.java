package nl.mantelkring.respite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OfferingValidatorTest {

    @Test
    void anEmptyOfferingNamesEveryRequiredField() {
        Offering empty = new Offering(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        List<String> fields = OfferingValidator.validate(empty, "GM0363").violations().stream().map(f -> f.field())
                .toList();
        assertEquals(List.of("titel", "aanbieder.naam", "soort", "zorgplek", "uitvoering", "doelgroepen",
                "financiering"), fields);
    }

    @Test
    void wrongValuesAreNamedPerField() {
        Offering o = Fixtures.atLocation("ok", "Dagopvang", "dagopvang", List.of("dementie", "katten"), 40.0, 4.9);
        Offering bad = new Offering(null, "met spatie", null, List.of("GM0363", "Utrecht"), o.title(), null,
                new Offering.Provider("X", "123", null, null, "geen-mail", null, null), o.kind(), o.setting(),
                o.performer(), o.targetGroups(), 70, 18, null, o.financing(), null, null, o.locations(), null, null,
                -1, null, List.of("nederlands"), null, new Offering.Booking("www.x.nl", null, null), "open",
                "2026-02-30", null, null, null);
        List<String> fields = OfferingValidator.validate(bad, "GM0363").violations().stream().map(f -> f.field())
                .sorted().toList();
        assertEquals(List.of("aanbieder.email", "aanbieder.kvkNummer", "boeking.url", "capaciteit", "doelgroepen.1",
                "externId", "gedeeldMet", "gedeeldMet.1", "geldigVanaf", "leeftijdTot", "locaties.0.lat", "status",
                "talen.0"), fields);
    }

    @Test
    void aValidOfferingIsNormalised() {
        OfferingValidator.Result r = OfferingValidator.validate(Fixtures.atHome("h", "  Oppas  ", "oppas-thuis",
                List.of("dementie"), List.of("1011", "1011"), List.of("gm0363")), "GM0363");
        assertTrue(r.valid(), r.violations().toString());
        assertEquals("Oppas", r.offering().title());
        assertEquals("actief", r.offering().status());
        assertEquals(List.of("vervangende-zorg"), r.offering().demandAreas());
        assertEquals(List.of("1011"), r.offering().serviceArea().postcodes());
        assertEquals(List.of("GM0363"), r.offering().serviceArea().municipalities());
        assertEquals("GM0363", r.offering().owner());
    }
}

package nl.mantelkring.platform.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;

class LetterheadTest {

    private static List<String> fields(List<FieldViolation> problems) {
        return problems.stream().map(FieldViolation::field).toList();
    }

    @Test
    void aCompleteLetterheadPasses() {
        LetterheadPolicy policy = new LetterheadPolicy(new TestPolicies());
        assertEquals(List.of(), policy.validate("GM0363", Letterhead.KEY, null, PdfLettersTest.LETTERHEAD));
        assertEquals(List.of(), policy.validate("GM0363", Letterhead.KEY, null, "{\"gemeentenaam\": \"Gemeente Ede\"}"));
    }

    @Test
    void problemsAreNamedPerField() {
        List<FieldViolation> problems = Letterhead.validate("""
                {"afdeling": "%s", "postadres": ["Postbus 1", " ", "a", "b", "c"], "telefoon": "bel ons",
                 "website": "javascript:alert(1)", "email": "geen-adres", "ondertekening": {"functie": "hoofd"}}
                """.formatted("x".repeat(81)));
        assertEquals(List.of("gemeentenaam", "afdeling", "postadres", "postadres.1", "telefoon", "website", "email",
                "ondertekening.naam"), fields(problems));
        problems.forEach(p -> assertTrue(p.reason().endsWith("."), p.reason()));
    }

    @Test
    void unknownFieldsAndNonObjectsAreRefused() {
        assertEquals(List.of(""), fields(Letterhead.validate("{\"gemeentenaam\": \"Gemeente Ede\", \"kleur\": \"rood\"}")));
        assertEquals(List.of(""), fields(Letterhead.validate("[1]")));
        assertEquals(List.of(""), fields(Letterhead.validate("null")));
    }

    @Test
    void withoutThePolicyTheFallbackAndAnUnusableStoredValueIsReported() {
        assertSame(Letterhead.FALLBACK, new LetterheadPolicy(new TestPolicies()).of("GM0363", 2026));
        LetterheadPolicy broken = new LetterheadPolicy(new TestPolicies().with("GM0363", Letterhead.KEY,
                "{\"afdeling\": \"Zorg\"}"));
        ProblemException e = assertThrows(ProblemException.class, () -> broken.of("GM0363", 2026));
        assertEquals(503, e.status());
        assertTrue(e.getMessage() == null || !e.getMessage().contains("Zorg"));
    }
}

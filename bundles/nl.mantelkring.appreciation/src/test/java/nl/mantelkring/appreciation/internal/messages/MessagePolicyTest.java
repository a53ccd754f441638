package nl.mantelkring.appreciation.internal.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.FieldViolation;

/** The policy {@code waardering.berichten}: defaults, validation, fallback. */
class MessagePolicyTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final FakeTemplates templates = new FakeTemplates();

    @Test
    void everyKindHasDefaultsThatUseOnlyItsPlaceholders() {
        assertEquals(MessagePolicy.PLACEHOLDERS.keySet(), MessagePolicy.DEFAULTS.keySet());
        MessagePolicy.DEFAULTS.forEach((kind, t) -> {
            assertEquals(List.of(), templates.check(kind + ".onderwerp", t.subject(), MessagePolicy.PLACEHOLDERS.get(kind)));
            assertEquals(List.of(), templates.check(kind + ".tekst", t.text(), MessagePolicy.PLACEHOLDERS.get(kind)));
            assertTrue(t.text().contains("{{naam}}"), kind + " addresses the caregiver");
            assertTrue(t.subject().length() <= 200);
        });
    }

    @Test
    void anUnknownPlaceholderIsRefusedNamingIt() throws Exception {
        List<FieldViolation> p = MessagePolicy.validate(JSON.readTree("""
                {"ontvangen": {"tekst": "Beste {{naam}}, uw bedrag is {{bedrag}}."}}"""), templates);
        assertEquals(1, p.size(), p.toString());
        assertEquals("ontvangen.tekst", p.get(0).field());
        assertTrue(p.get(0).reason().contains("{{bedrag}}"), p.get(0).reason());
    }

    @Test
    void unknownKindsFieldsAndNonTextAreRefused() throws Exception {
        List<FieldViolation> p = MessagePolicy.validate(JSON.readTree("""
                {"verjaardag": {"tekst": "x"}, "besluit": {"titel": "x", "tekst": 5}, "uitbetaald": "x"}"""),
                templates);
        assertEquals(List.of("verjaardag", "besluit.titel", "besluit.tekst", "uitbetaald"),
                p.stream().map(FieldViolation::field).toList());
        assertEquals(List.of(""), MessagePolicy.validate(JSON.readTree("[]"), templates).stream()
                .map(FieldViolation::field).toList());
    }

    @Test
    void aValidValueIsAcceptedAndAFieldLeftOutFallsBackToTheDefault() throws Exception {
        var value = JSON.readTree("""
                {"besluit": {"onderwerp": "Uw besluit {{jaar}}"},
                 "uitnodiging": {"tekst": "Hallo {{naam}}, aanvragen kan van {{aanvragenVanaf}} tot {{aanvragenTotEnMet}}."}}""");
        assertEquals(List.of(), MessagePolicy.validate(value, templates));
        assertEquals("Uw besluit {{jaar}}", MessagePolicy.template(value, "besluit").subject());
        assertEquals(MessagePolicy.DEFAULTS.get("besluit").text(), MessagePolicy.template(value, "besluit").text());
        assertEquals(MessagePolicy.DEFAULTS.get("ontvangen"), MessagePolicy.template(value, "ontvangen"));
        assertEquals(MessagePolicy.DEFAULTS.get("ontvangen"), MessagePolicy.template(null, "ontvangen"));
    }

    @Test
    void subjectsAreOneLineOfAtMost200Characters() {
        assertEquals("a b", MessagePolicy.subjectLine(" a\n b "));
        assertEquals(200, MessagePolicy.subjectLine("x".repeat(300)).length());
    }
}

package nl.mantelkring.platform.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.FieldViolation;

class MustacheTemplatesTest {

    private final MustacheTemplates templates = new MustacheTemplates();

    @Test
    void allowedNamesPass() {
        assertEquals(List.of(), templates.check("besluit.tekst",
                "Beste {{naam}}, u krijgt {{bedrag}}.{{#gronden}} {{reden}}{{/gronden}}{{^gronden}}geen{{/gronden}}",
                Set.of("naam", "bedrag", "gronden", "reden")));
    }

    @Test
    void unknownPlaceholderIsNamed() {
        List<FieldViolation> problems = templates.check("besluit.tekst", "U krijgt {{bedragg}}.",
                Set.of("bedrag", "naam"));
        assertEquals(1, problems.size());
        assertEquals("besluit.tekst", problems.get(0).field());
        assertTrue(problems.get(0).reason().startsWith("Onbekende invulplek {{bedragg}}."), problems.toString());
        assertTrue(problems.get(0).reason().contains("bedrag, naam"), "offers the allowed names");
    }

    @Test
    void unknownSectionIsNamed() {
        List<FieldViolation> problems = templates.check("t", "{{#grond}}x{{/grond}}{{^leeg}}y{{/leeg}}",
                Set.of("gronden"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).reason().startsWith("Onbekende invulplek {{#grond}}."));
        assertTrue(problems.get(1).reason().startsWith("Onbekende invulplek {{^leeg}}."));
    }

    @Test
    void namesInsideSectionsAreChecked() {
        List<FieldViolation> problems = templates.check("t",
                "{{#gronden}}{{regel}}: {{redenn}} {{.}}{{-index}}{{/gronden}}", Set.of("gronden", "regel"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).reason().startsWith("Onbekende invulplek {{redenn}}."));
    }

    @Test
    void eachUnknownNameOnce() {
        assertEquals(1, templates.check("t", "{{x}} {{x}} {{x}}", Set.of()).size());
    }

    @Test
    void syntaxErrorsAreReported() {
        List<FieldViolation> unclosed = templates.check("t", "Regel 1\n{{#gronden}}x", Set.of("gronden"));
        assertEquals(1, unclosed.size(), unclosed.toString());
        assertTrue(unclosed.get(0).reason().startsWith("De tekst is geen geldig sjabloon"), unclosed.toString());
        assertTrue(unclosed.get(0).reason().contains("niet afgesloten"), unclosed.toString());

        List<FieldViolation> mismatched = templates.check("t", "{{#a}}x{{/b}}", Set.of("a", "b"));
        assertEquals(1, mismatched.size());
        assertTrue(mismatched.get(0).reason().contains("andere naam"), mismatched.toString());

        List<FieldViolation> stray = templates.check("t", "x{{/b}}", Set.of("b"));
        assertEquals(1, stray.size());
        assertTrue(stray.get(0).reason().contains("zonder dat ze begint"), stray.toString());
    }

    @Test
    void partialsAreRefused() {
        List<FieldViolation> problems = templates.check("t", "{{>kop}} tekst", Set.of("kop"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).reason().contains("{{>kop}}"));
        assertEquals("", templates.renderText("{{>kop}}", Map.of()), "a partial renders as nothing");
    }

    @Test
    void htmlEscapesValuesTextDoesNot() {
        Map<String, Object> model = Map.of("naam", "<b>Jan & \"Piet\"</b>");
        assertEquals("Beste &lt;b&gt;Jan &amp; &quot;Piet&quot;&lt;/b&gt;",
                templates.renderHtml("Beste {{naam}}", model));
        assertEquals("Beste <b>Jan & \"Piet\"</b>", templates.renderText("Beste {{naam}}", model));
    }

    @Test
    void missingValuesRenderEmpty() {
        java.util.HashMap<String, Object> model = new java.util.HashMap<>();
        model.put("leeg", null);
        assertEquals("a  b  c", templates.renderText("a {{onbekend}} b {{leeg}} c{{#lijst}}x{{/lijst}}", model));
    }

    @Test
    void sectionsOverListsAndMaps() {
        Map<String, Object> model = Map.of("gronden", List.of(Map.of("reden", "te jong"), Map.of("reden", "te laat")),
                "tags", List.of("a", "b"));
        assertEquals("[te jong][te laat]a,b,", templates.renderText(
                "{{#gronden}}[{{reden}}]{{/gronden}}{{#tags}}{{.}},{{/tags}}", model));
    }

    @Test
    void plainTextAsParagraphsAsTheDocsShow() {
        String text = "Beste <Jan>,\n\nU krijgt € 150.\n  \nGroet";
        assertEquals("<p>Beste &lt;Jan&gt;,</p><p>U krijgt € 150.</p><p>Groet</p>", templates.renderHtml(
                "{{#alineas}}<p>{{.}}</p>{{/alineas}}", Map.of("alineas", List.of(text.split("\\n\\s*\\n")))));
    }
}

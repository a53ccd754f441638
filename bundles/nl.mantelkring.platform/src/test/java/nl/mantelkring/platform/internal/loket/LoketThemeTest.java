package nl.mantelkring.platform.internal.loket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.FieldViolation;

class LoketThemeTest {

    private static final String SVG = Base64.getEncoder().encodeToString(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>".getBytes(StandardCharsets.UTF_8));

    private final LoketTheme theme = new LoketTheme(null);

    private List<String> fields(String json) {
        return theme.validate("GM0363", LoketTheme.KEY, null, json).stream().map(FieldViolation::field).toList();
    }

    @Test
    void aLogoAndTokensThatFitAreAccepted() {
        assertEquals(List.of(), fields("{\"logo\":{\"type\":\"image/svg+xml\",\"data\":\"" + SVG
                + "\",\"alt\":\"Gemeente Amsterdam\"},\"tokens\":{\"--utrecht-button-primary-action-background-color\":"
                + "\"#ec0000\",\"--basis-text-font-family-default\":\"Avenir, sans-serif\"}}"));
        assertEquals(List.of(), fields("{}"));
    }

    @Test
    void aTokenValueCannotLeaveItsDeclarationNorLoadAnything() {
        for (String bad : List.of("red; } body { display: none", "url(https://evil.example/x.png)", "\"x\"",
                "red</style>", "expression(alert(1))x;", "")) {
            String json = "{\"tokens\":{\"--kleur\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(bad) + "}}";
            List<String> f = fields(json);
            assertEquals(List.of("tokens.--kleur"), f, bad);
        }
        assertEquals(List.of("tokens.kleur"), fields("{\"tokens\":{\"kleur\":\"red\"}}"));
    }

    @Test
    void aLogoNeedsItsTypeItsTextAlternativeAndContentThatMatches() {
        assertEquals(List.of("logo.type"), fields("{\"logo\":{\"type\":\"text/html\",\"data\":\"" + SVG + "\",\"alt\":\"x\"}}"));
        assertEquals(List.of("logo.alt"), fields("{\"logo\":{\"type\":\"image/svg+xml\",\"data\":\"" + SVG + "\"}}"));
        assertEquals(List.of("logo.data"), fields("{\"logo\":{\"type\":\"image/png\",\"data\":\"" + SVG + "\",\"alt\":\"x\"}}"));
        assertEquals(List.of("logo.data"), fields("{\"logo\":{\"type\":\"image/png\",\"data\":\"%%%\",\"alt\":\"x\"}}"));
        byte[] big = new byte[LoketTheme.MAX_LOGO_BYTES + 1];
        big[0] = (byte) 0x89;
        big[1] = 'P';
        big[2] = 'N';
        big[3] = 'G';
        assertEquals(List.of("logo.data"), fields("{\"logo\":{\"type\":\"image/png\",\"data\":\""
                + Base64.getEncoder().encodeToString(big) + "\",\"alt\":\"x\"}}"));
        assertEquals(List.of(""), fields("{\"kleur\":\"rood\"}"), "unknown fields are refused");
    }

    @Test
    void theTokensBecomeOneRuleOnTheLoketsRoot() {
        String css = LoketTheme.css(new LoketTheme.Theme(null, Map.of("--a", "#fff")));
        assertEquals(".loket-thema {\n  --a: #fff;\n}\n", css);
        assertEquals("", LoketTheme.css(null));
    }
}

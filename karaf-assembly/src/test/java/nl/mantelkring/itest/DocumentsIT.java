package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.documents.Letter;
import nl.mantelkring.platform.api.documents.Letters;
import nl.mantelkring.platform.api.documents.Templates;

/**
 * The documents bundle inside the real distribution: its services are there (the feature resolves with jmustache,
 * openhtmltopdf, PDFBox and jsoup), a letter renders on the letterhead of policy {@code brieven.briefhoofd} with
 * the logo of {@code loket.thema}, a print batch merges, and the letterhead policy is validated when saved.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DocumentsIT extends MantelkringTestSupport {

    private static final String A = "/gemeenten/GM0363";
    private static final String BEHEERDER_A = "beheerder-amsterdam";

    @Inject
    private Letters letters;

    @Inject
    private Templates templates;

    @Test
    public void templatesRenderAndCheckInsideKaraf() {
        List<FieldViolation> problems = templates.check("tekst", "Beste {{naam}}, {{bedragg}}", Set.of("naam"));
        assertEquals(problems.toString(), 1, problems.size());
        assertTrue(problems.toString(), problems.get(0).reason().contains("{{bedragg}}"));
        assertEquals("Beste &lt;Jan&gt;", templates.renderHtml("Beste {{naam}}", Map.of("naam", "<Jan>")));
        assertEquals("Beste <Jan>", templates.renderText("Beste {{naam}}", Map.of("naam", "<Jan>")));
    }

    @Test
    public void aLetterRendersOnTheLetterheadAndMerges() throws Exception {
        Api.Res saved = api.json(BEHEERDER_A, "PUT", A + "/beleid/brieven.briefhoofd",
                "{\"waarde\":{\"gemeentenaam\":\"Gemeente Amsterdam\",\"afdeling\":\"Zorg en Welzijn\","
                + "\"postadres\":[\"Postbus 202\",\"1000 AE Amsterdam\"],\"telefoon\":\"14 020\","
                + "\"website\":\"www.amsterdam.nl\",\"ondertekening\":{\"naam\":\"J. de Vries\","
                + "\"functie\":\"teamleider Zorg\"}},\"reden\":\"integratietest\"}");
        assertEquals(saved.toString(), 200, saved.status());
        assertEquals(200, api.json(BEHEERDER_A, "PUT", A + "/beleid/loket.thema", "{\"waarde\":{\"logo\":{\"type\":"
                + "\"image/png\",\"data\":\"" + png() + "\",\"alt\":\"Gemeente Amsterdam\"}},\"reden\":\"integratietest\"}")
                .status());

        String body = templates.renderHtml("<p>Beste {{naam}},</p><p>U krijgt {{bedrag}}.</p>",
                Map.of("naam", "mevrouw Jansen", "bedrag", "€ 150"));
        byte[] pdf = letters.render("GM0363", new Letter(List.of("Mevrouw A. Jansen", "Dorpsstraat 1",
                "1234 AB Amsterdam"), LocalDate.now(), "WA-1", "Besluit mantelzorgwaardering", body));
        String text = text(pdf);
        for (String expected : List.of("Gemeente Amsterdam", "Zorg en Welzijn", "Mevrouw A. Jansen",
                "Besluit mantelzorgwaardering", "Beste mevrouw Jansen,", "U krijgt € 150.", "J. de Vries",
                "Postbus 202, 1000 AE Amsterdam")) {
            assertTrue("missing '" + expected + "' in " + text, text.contains(expected));
        }
        try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertEquals("Besluit mantelzorgwaardering", d.getDocumentInformation().getTitle());
            assertEquals("nl-NL", d.getDocumentCatalog().getLanguage());
            assertTrue("PDF/A-2u claimed", new String(d.getDocumentCatalog().getMetadata().toByteArray(),
                    java.nio.charset.StandardCharsets.UTF_8).contains("pdfaid:part"));
        }
        // another municipality without the policy: the fallback letterhead
        String other = text(letters.render("GM0344", new Letter(List.of("De heer B. Bakker"), LocalDate.now(), null,
                "Ontvangen", "<p>Tekst</p>")));
        assertTrue(other, other.contains("Het college van burgemeester en wethouders"));

        byte[] batch = letters.merge(List.of(pdf, pdf));
        try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(batch)) {
            assertEquals(2, d.getNumberOfPages());
        }
    }

    @Test
    public void theLetterheadPolicyIsCheckedWhenSaved() {
        JsonNode bad = assertProblem(api.json(BEHEERDER_A, "PUT", A + "/beleid/brieven.briefhoofd",
                "{\"waarde\":{\"afdeling\":\"Zorg\",\"telefoon\":\"bel ons\",\"ondertekening\":{\"functie\":\"x\"}},"
                + "\"reden\":\"integratietest\"}"), 400);
        List<String> fields = new ArrayList<>();
        bad.path("invalidParams").forEach(p -> fields.add(p.path("name").asText()));
        assertTrue(bad.toString(), fields.containsAll(List.of("waarde.gemeentenaam", "waarde.telefoon",
                "waarde.ondertekening.naam")));
        JsonNode unknown = assertProblem(api.json(BEHEERDER_A, "PUT", A + "/beleid/brieven.briefhoofd",
                "{\"waarde\":{\"gemeentenaam\":\"Gemeente Amsterdam\",\"kleur\":\"rood\"},\"reden\":\"integratietest\"}"),
                400);
        assertTrue(unknown.toString(), unknown.toString().contains("niet toegestaan"));
    }

    private static String text(byte[] pdf) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            org.apache.pdfbox.text.PDFTextStripper s = new org.apache.pdfbox.text.PDFTextStripper();
            s.setSortByPosition(true);
            return s.getText(d);
        }
    }

    private static String png() throws Exception {
        BufferedImage img = new BufferedImage(80, 40, BufferedImage.TYPE_INT_RGB);
        img.getGraphics().fillRect(10, 10, 20, 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}

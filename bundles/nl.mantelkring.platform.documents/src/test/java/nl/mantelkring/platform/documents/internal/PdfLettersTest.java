package nl.mantelkring.platform.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

import nl.mantelkring.platform.api.documents.Letter;

class PdfLettersTest {

    static final String TENANT = "GM0363";
    static final String LETTERHEAD = """
            {"gemeentenaam": "Gemeente Amsterdam", "afdeling": "Zorg en Welzijn",
             "postadres": ["Postbus 202", "1000 AE Amsterdam"], "telefoon": "14 020", "website": "www.amsterdam.nl",
             "email": "mantelzorg@amsterdam.nl", "ondertekening": {"naam": "J. de Vries", "functie": "teamleider Zorg"}}
            """;

    @BeforeAll
    static void verapdf() {
        VeraGreenfieldFoundryProvider.initialise();
    }

    static PdfLetters letters(TestPolicies policies) {
        return new PdfLetters(new LetterheadPolicy(policies), policies);
    }

    static Letter letter(String body) {
        return new Letter(List.of("Mevrouw A. Jansen", "Dorpsstraat 1", "1234 AB Amsterdam"), LocalDate.of(2026, 12, 3),
                "WA-2026-000123", "Besluit mantelzorgwaardering 2026", body);
    }

    static String png() throws IOException {
        BufferedImage img = new BufferedImage(120, 60, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 0, 0, 180));
        g.fillOval(5, 5, 50, 50);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    static ValidationResult validate(byte[] pdf) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf),
                PDFAFlavour.PDFA_2_U);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_U, false)) {
            return validator.validate(parser);
        }
    }

    static void assertPdfA(byte[] pdf) throws Exception {
        ValidationResult result = validate(pdf);
        String failures = result.getTestAssertions().stream()
                .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                .distinct().collect(Collectors.joining("\n"));
        assertTrue(result.isCompliant(), "PDF/A-2u failures:\n" + failures);
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(d);
        }
    }

    @Test
    void renderIsPdfA2uWithTextAndMetadata() throws Exception {
        TestPolicies policies = new TestPolicies().with(TENANT, Letterhead.KEY, LETTERHEAD)
                .with(TENANT, "loket.thema", "{\"logo\": {\"type\": \"image/png\", \"data\": \"" + png()
                        + "\", \"alt\": \"Gemeente Amsterdam\"}}");
        byte[] pdf = letters(policies).render(TENANT, letter(
                "<p>Beste mevrouw Jansen,</p><p>U krijgt de <strong>mantelzorgwaardering</strong> van € 150.</p>"
                        + "<h2>Gronden</h2><ul><li>U zorgt meer dan 8 uur per week.</li></ul>"
                        + "<table><tr><th>Regel</th><th>Uitkomst</th></tr><tr><td>Woonplaats</td><td>ja</td></tr></table>"));
        assertPdfA(pdf);

        String text = text(pdf);
        for (String expected : List.of("Mevrouw A. Jansen", "Dorpsstraat 1", "1234 AB Amsterdam", "3 december 2026",
                "WA-2026-000123", "Besluit mantelzorgwaardering 2026", "Beste mevrouw Jansen,",
                "mantelzorgwaardering van € 150.", "U zorgt meer dan 8 uur per week.", "Gemeente Amsterdam",
                "Zorg en Welzijn", "J. de Vries", "teamleider Zorg", "Postbus 202, 1000 AE Amsterdam", "Telefoon 14 020",
                "www.amsterdam.nl", "mantelzorg@amsterdam.nl", "Met vriendelijke groet,")) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
        }
        assertFalse(text.contains("pagina"), "one page: no page numbers");

        try (PDDocument d = Loader.loadPDF(pdf)) {
            assertEquals(1, d.getNumberOfPages());
            assertEquals("Besluit mantelzorgwaardering 2026", d.getDocumentInformation().getTitle());
            assertEquals("nl-NL", d.getDocumentCatalog().getLanguage());
            assertEquals(1, images(d.getPage(0)), "the logo is drawn");
            assertEquals(1, d.getDocumentCatalog().getOutputIntents().size());
            assertTrue(d.getPage(0).getMediaBox().getWidth() > 594 && d.getPage(0).getMediaBox().getWidth() < 596,
                    "A4");
        }
    }

    @Test
    void aPlainPdfFailsTheValidator() throws Exception {
        try (PDDocument d = new PDDocument()) {
            PDPage page = new PDPage();
            d.addPage(page);
            try (PDPageContentStream s = new PDPageContentStream(d, page)) {
                s.beginText();
                s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                s.newLineAtOffset(50, 700);
                s.showText("Geen PDF/A");
                s.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            d.save(out);
            assertFalse(validate(out.toByteArray()).isCompliant(), "the validator must catch a non-PDF/A file");
        }
    }

    @Test
    void withoutOurConformanceSettingsTheSameLetterFails() throws Exception {
        Letter l = letter("<p>Tekst</p><ul><li>een</li></ul>");
        byte[] plain = PdfLetters.pdf(PdfLetters.html(Letterhead.FALLBACK, null, l), null, false, false);
        assertFalse(validate(plain).isCompliant(), "PDF/A must come from the renderer's settings");
        assertPdfA(PdfLetters.pdf(PdfLetters.html(Letterhead.FALLBACK, null, l), null, false, true));
    }

    @Test
    void charactersTheFontLacksStayPdfA() throws Exception {
        byte[] pdf = letters(new TestPolicies()).render(TENANT, letter("<p>Groet 😀 \u4F60\u597D — “aanhalingstekens” é ü ß €</p>"));
        assertPdfA(pdf);
        assertTrue(text(pdf).contains("“aanhalingstekens” é ü ß €"), text(pdf));
    }

    @Test
    void rendersConcurrentlyWithoutMixingLetters() throws Exception {
        PdfLetters letters = letters(new TestPolicies().with(TENANT, Letterhead.KEY, LETTERHEAD));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                futures.add(pool.submit(() -> letters.render(TENANT, new Letter(List.of("Ontvanger " + n), LocalDate.of(2026,
                        12, 3), "K-" + n, "Onderwerp " + n, "<p>Brief nummer " + n + ".</p>"))));
            }
            for (int i = 0; i < futures.size(); i++) {
                String text = text(futures.get(i).get());
                assertTrue(text.contains("Ontvanger " + i + "\n") && text.contains("Brief nummer " + i + ".")
                        && text.contains("K-" + i + "\n"), text);
            }
            assertPdfA(futures.get(23).get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bodyIsSanitisedAndNothingOutsideIsFetched(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("x.png");
        Files.write(image, Base64.getDecoder().decode(png()));
        TestPolicies policies = new TestPolicies();
        byte[] pdf = letters(policies).render(TENANT, letter("<p style=\"color:red\" onclick=\"x()\">Tekst</p>"
                + "<script>geheim()</script><img src=\"" + image.toUri() + "\"><a href=\"https://example.org\">link</a>"
                + "<div>blok</div>"));
        String text = text(pdf);
        assertTrue(text.contains("Tekst"));
        assertTrue(text.contains("link"), "the link's text stays, the link goes");
        assertFalse(text.contains("geheim"), "script content is dropped");
        try (PDDocument d = Loader.loadPDF(pdf)) {
            assertEquals(0, images(d.getPage(0)), "no image from the body");
            assertTrue(d.getPage(0).getAnnotations().isEmpty(), "no link annotation");
        }

        // the renderer itself refuses other URIs too (defence in depth, past the sanitiser)
        org.jsoup.nodes.Document html = PdfLetters.html(Letterhead.FALLBACK, null, letter("<p>x</p>"));
        html.getElementById("tekst").appendElement("img").attr("src", image.toUri().toString());
        html.head().appendElement("link").attr("rel", "stylesheet").attr("href", "http://127.0.0.1:9/x.css");
        byte[] direct = PdfLetters.pdf(html, null, false);
        try (PDDocument d = Loader.loadPDF(direct)) {
            assertEquals(0, images(d.getPage(0)), "a file: image is not loaded");
        }
    }

    @Test
    void fallbackLetterheadWithoutPolicy() throws Exception {
        byte[] pdf = letters(new TestPolicies()).render(TENANT, letter("<p>Tekst</p>"));
        assertPdfA(pdf);
        String text = text(pdf);
        assertTrue(text.contains("Gemeente"), text);
        assertTrue(text.contains("Het college van burgemeester en wethouders"), text);
    }

    @Test
    void longLettersHavePageNumbers() throws Exception {
        String body = "<p>Een lange alinea met veel tekst die over meerdere regels loopt.</p>".repeat(80);
        byte[] pdf = letters(new TestPolicies().with(TENANT, Letterhead.KEY, LETTERHEAD)).render(TENANT,
                letter(body));
        assertPdfA(pdf);
        try (PDDocument d = Loader.loadPDF(pdf)) {
            int pages = d.getNumberOfPages();
            assertTrue(pages > 1);
            String text = text(pdf);
            assertTrue(text.contains("pagina 1 van " + pages), text);
            assertTrue(text.contains("pagina " + pages + " van " + pages), text);
            PDFTextStripper last = new PDFTextStripper();
            last.setStartPage(pages);
            assertTrue(last.getText(d).contains("J. de Vries"), "the signature ends the letter: no blank last page");
        }
    }

    @Test
    void mergeIsOnePdfA(@TempDir Path dir) throws Exception {
        PdfLetters letters = letters(new TestPolicies().with(TENANT, Letterhead.KEY, LETTERHEAD));
        byte[] a = letters.render(TENANT, letter("<p>Eerste brief</p>"));
        byte[] b = letters.render(TENANT, new Letter(List.of("De heer B. Bakker", "Kade 2", "1000 AA Amsterdam"),
                LocalDate.of(2026, 12, 4), null, "Uw aanvraag is ontvangen", "<p>Tweede brief</p>"));
        byte[] c = letters.render(TENANT, letter("<p>Lang</p>".repeat(120)));
        byte[] merged = letters.merge(List.of(a, b, c));
        assertPdfA(merged);
        try (PDDocument d = Loader.loadPDF(merged); PDDocument last = Loader.loadPDF(c)) {
            assertEquals(2 + last.getNumberOfPages(), d.getNumberOfPages());
            assertEquals("Brieven (3)", d.getDocumentInformation().getTitle());
            assertEquals("nl-NL", d.getDocumentCatalog().getLanguage());
        }
        String text = text(merged);
        assertTrue(text.indexOf("Eerste brief") < text.indexOf("Tweede brief"), "in order");
        assertTrue(text.contains("De heer B. Bakker"));
    }

    static int images(PDPage page) throws IOException {
        int n = 0;
        for (COSName name : page.getResources().getXObjectNames()) {
            if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                n++;
            } else if (page.getResources().getXObject(name)
                    instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form && form.getResources() != null) {
                for (COSName inner : form.getResources().getXObjectNames()) {
                    if (form.getResources().getXObject(inner) instanceof PDImageXObject) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}

package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Downloads a letter (a PDF, which {@link Api}'s text responses would mangle) and extracts its text with PDFBox, as a
 * reader of the letter would see it. Only successful downloads come here; problem answers go through {@link Api}.
 */
final class LetterPdfs {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private LetterPdfs() {
    }

    /** GET as a staff user (Basic) or with the given headers (a citizen's cookie); asserts 200 application/pdf. */
    static byte[] get(String user, Map<String, String> headers, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:"
                + MantelkringTestSupport.HTTP_PORT + "/api/v1" + path)).timeout(Api.PATIENCE)
                .header("Accept", "application/pdf");
        headers.forEach(b::header);
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + Api.DEMO_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(path + ": " + new String(r.body(), StandardCharsets.UTF_8), 200, r.statusCode());
            assertTrue(r.headers().toString(), r.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/pdf"));
            assertTrue(new String(r.body(), 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        }
    }

    /** The letter's text (line breaks and hyphenation as laid out; whitespace collapsed to single spaces). */
    static String text(byte[] pdf) {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new AssertionError("not a readable PDF", e);
        }
    }

    /** Asserts that the letter's text contains each phrase. */
    static void assertContains(String text, String... phrases) {
        for (String p : phrases) {
            assertTrue("'" + p + "' not in the letter: " + text, text.contains(p));
        }
    }
}

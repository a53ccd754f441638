package nl.mantelkring.platform.documents.internal;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.FSStreamFactory;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import com.openhtmltopdf.util.Diagnostic;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.documents.Letter;
import nl.mantelkring.platform.api.documents.Letters;
import nl.mantelkring.platform.api.policy.PolicyStore;

/**
 * {@link Letters} with openhtmltopdf (HTML/CSS paged media to PDF on Apache PDFBox 3): PDF/A-2u, sRGB output intent
 * (the JDK's sRGB profile), DejaVu Sans embedded (subsets), tagged (PDF/UA structure, so a screen reader can read
 * the downloaded letter), title = the subject, language nl-NL.
 * <p>
 * The page is an A4 Dutch municipal letter: letterhead (logo from {@code loket.thema} when it is a PNG; the
 * municipality and department from {@code brieven.briefhoofd}), the address block in the window of a DL/C5 window
 * envelope (left, 22 mm from the left edge, 50 mm from the top), date / ons kenmerk / onderwerp, the body, the
 * signature block, and a footer with postal address, phone, website and e-mail on every page; "pagina x van y" when
 * the letter has more than one page.
 * <p>
 * The body is sanitised with jsoup to the tags {@link Letter} allows (no attributes), and nothing outside this bundle
 * is ever fetched: the only URIs that resolve are {@code mantelkring:logo} (the tenant's logo bytes); every other
 * URI (http, file, jar, data) is refused before and after resolution.
 */
@Component(service = Letters.class)
public class PdfLetters implements Letters {

    static final String FONT = "DejaVu Sans";
    static final String LOGO_URI = "mantelkring:logo";
    private static final Logger LOG = LoggerFactory.getLogger(PdfLetters.class);
    private static final String FONTS = "fonts/";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu",
            Locale.forLanguageTag("nl-NL"));
    private static final String PAGE_NUMBERS = "@page { @bottom-right { content: \"pagina \" counter(page)"
            + " \" van \" counter(pages); width: 35mm; white-space: nowrap; text-align: right;"
            + " font-family: '" + FONT + "'; font-size: 8pt; vertical-align: top; padding-top: 4mm; } }";
    private static final Safelist BODY = Safelist.none()
            .addTags("p", "h2", "h3", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "em",
                    "br");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Shared across renders (read-only or thread-safe): the fonts' bytes, the sRGB profile, the font metrics. */
    private static final byte[][] FONT_FACES = {font("DejaVuSans.ttf"), font("DejaVuSans-Bold.ttf"),
        font("DejaVuSans-Oblique.ttf"), font("DejaVuSans-BoldOblique.ttf")};
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    private static final FSDefaultCacheStore FONT_METRICS = new FSDefaultCacheStore();
    private static final String SKELETON = resource("letter.html"); // parsed per letter: jsoup trees are not shared
    private static final String CSS = resource("letter.css");

    static {
        com.openhtmltopdf.util.XRLog.setLoggerImpl(new Slf4jXRLogger());
    }

    private final LetterheadPolicy letterheads;
    private final PolicyStore policy;

    @Activate
    public PdfLetters(@Reference LetterheadPolicy letterheads, @Reference PolicyStore policy) {
        this.letterheads = letterheads;
        this.policy = policy;
    }

    @Override
    public byte[] render(String tenant, Letter letter) {
        Objects.requireNonNull(letter);
        Letterhead head = letterheads.of(tenant, letter.date().getYear());
        Logo logo = logo(tenant, letter.date().getYear());
        Document html = html(head, logo, letter);
        byte[] pdf = pdf(html, logo, false);
        return pdf != null ? pdf : pdf(html, logo, true);
    }

    @Override
    public byte[] merge(List<byte[]> pdfs) {
        if (pdfs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        try (PDDocument target = Loader.loadPDF(pdfs.get(0))) {
            PDFMergerUtility merger = new PDFMergerUtility();
            for (byte[] pdf : pdfs.subList(1, pdfs.size())) {
                try (PDDocument source = Loader.loadPDF(pdf)) {
                    merger.appendDocument(target, source);
                }
            }
            metadata(target, "Brieven (" + pdfs.size() + ")");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            target.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("merging letters failed", e);
        }
    }

    /** The tenant's logo from {@code loket.thema} when it is a PNG, else null (an SVG logo is not drawn). */
    Logo logo(String tenant, int year) {
        return policy.current(tenant, "loket.thema", year).map(v -> {
            try {
                JsonNode logo = JSON.readTree(v.value()).path("logo");
                if (!"image/png".equals(logo.path("type").asText()) || !logo.path("data").isTextual()) {
                    return null;
                }
                byte[] bytes = Base64.getDecoder().decode(logo.path("data").asText());
                return new Logo(bytes, logo.path("alt").asText(""));
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        }).orElse(null);
    }

    record Logo(byte[] png, String alt) {
    }

    /** The letter as an HTML document (jsoup), every value inserted as text, the body sanitised. */
    static Document html(Letterhead head, Logo logo, Letter letter) {
        Document doc = Jsoup.parse(SKELETON);
        doc.title(letter.subject());
        doc.head().appendElement("meta").attr("name", "subject").attr("content", letter.subject());
        doc.head().appendElement("meta").attr("name", "author").attr("content", head.gemeentenaam());
        doc.head().appendElement("style").appendChild(new org.jsoup.nodes.DataNode(CSS));

        Element sender = doc.getElementById("afzender");
        if (logo != null) {
            doc.getElementById("logo").appendElement("img").attr("src", LOGO_URI)
                    .attr("alt", logo.alt().isBlank() ? head.gemeentenaam() : logo.alt());
        }
        sender.appendElement("div").addClass("gemeente").text(head.gemeentenaam());
        if (head.afdeling() != null) {
            sender.appendElement("div").addClass("afdeling").text(head.afdeling());
        }

        Element address = doc.getElementById("adres");
        letter.addressLines().forEach(l -> address.appendElement("div").text(l));

        row(doc, "Datum", DUTCH_DATE.format(letter.date()));
        if (letter.reference() != null && !letter.reference().isBlank()) {
            row(doc, "Ons kenmerk", letter.reference());
        }
        row(doc, "Onderwerp", letter.subject());

        Element body = doc.getElementById("tekst");
        Document clean = new Cleaner(BODY).clean(Jsoup.parseBodyFragment(letter.bodyHtml()));
        for (Node n : new ArrayList<>(clean.body().childNodes())) {
            body.appendChild(n);
        }

        Element signature = doc.getElementById("ondertekening");
        signature.appendElement("p").text("Met vriendelijke groet,");
        if (head.ondertekening() != null) {
            Element who = signature.appendElement("p").addClass("naam");
            who.appendElement("strong").text(head.ondertekening().naam());
            if (head.ondertekening().functie() != null) {
                who.appendElement("br");
                who.appendText(head.ondertekening().functie());
            }
        }

        Element footer = doc.getElementById("voet");
        if (!head.postadres().isEmpty()) {
            footer.appendElement("div").text(String.join(", ", head.postadres()));
        }
        List<String> contact = new ArrayList<>();
        if (head.telefoon() != null) {
            contact.add("Telefoon " + head.telefoon());
        }
        if (head.website() != null) {
            contact.add(head.website());
        }
        if (head.email() != null) {
            contact.add(head.email());
        }
        if (!contact.isEmpty()) {
            footer.appendElement("div").text(String.join("  ·  ", contact));
        }
        return doc;
    }

    private static void row(Document doc, String label, String value) {
        Element row = doc.getElementById("kenmerken").appendElement("div").addClass("kenmerk");
        row.appendElement("span").addClass("label").text(label);
        row.appendElement("span").addClass("waarde").text(value);
    }

    /**
     * Renders the document as PDF/A-2u; without page numbers, null when the letter needs more than one page (the
     * caller renders again with them: layout is the cost, and a one-page letter needs it once).
     */
    static byte[] pdf(Document html, Logo logo, boolean pageNumbers) {
        return pdf(html, logo, pageNumbers, true);
    }

    /** As above; {@code archival} false (plain PDF, untagged) only for the benchmark's baseline. */
    static byte[] pdf(Document html, Logo logo, boolean pageNumbers, boolean archival) {
        Document doc = html;
        if (pageNumbers) {
            doc = html.clone();
            doc.head().appendElement("style").appendChild(new org.jsoup.nodes.DataNode(PAGE_NUMBERS));
        }
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .usePdfAConformance(archival ? PdfAConformance.PDFA_2_U : PdfAConformance.NONE)
                .usePdfUaAccessibility(archival)
                .useColorProfile(archival ? SRGB : null)
                .useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, FONT_METRICS)
                .useFastMode()
                // nothing from outside: only mantelkring:logo resolves, every other URI is refused
                .useUriResolver((base, uri) -> LOGO_URI.equals(uri) ? uri : null)
                .useExternalResourceAccessControl((uri, type) -> LOGO_URI.equals(uri),
                        ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                .useExternalResourceAccessControl((uri, type) -> LOGO_URI.equals(uri),
                        ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                .useHttpStreamImplementation(refusing(null))
                .useProtocolsStreamImplementation(refusing(logo), "mantelkring", "file", "jar", "data", "ftp")
                .withW3cDocument(new W3CDom().fromJsoup(doc), LOGO_URI);
        builder.useFont(() -> new ByteArrayInputStream(FONT_FACES[0]), FONT, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(FONT_FACES[1]), FONT, 700, FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(FONT_FACES[2]), FONT, 400, FontStyle.ITALIC, true);
        builder.useFont(() -> new ByteArrayInputStream(FONT_FACES[3]), FONT, 700, FontStyle.ITALIC, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        builder.toStream(out);
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
            if (!pageNumbers && renderer.getRootBox().getLayer().getPages().size() > 1) {
                return null;
            }
            renderer.createPDF();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering a letter failed", e);
        }
        return out.toByteArray();
    }

    /** Streams: the logo for mantelkring:logo, nothing for anything else. */
    private static FSStreamFactory refusing(Logo logo) {
        return uri -> new FSStream() {
            @Override
            public InputStream getStream() {
                return logo != null && LOGO_URI.equals(uri) ? new ByteArrayInputStream(logo.png()) : null;
            }

            @Override
            public Reader getReader() {
                return null;
            }
        };
    }

    /**
     * openhtmltopdf logs through its own static logger (java.util.logging by default, chatty at INFO): warnings and
     * errors go to SLF4J under their message id only (a formatted message may quote a resource or a text), the rest
     * is dropped. Set once per class loader; this bundle is openhtmltopdf's only user in the container.
     */
    static final class Slf4jXRLogger implements com.openhtmltopdf.util.XRLogger {
        @Override
        public void log(String where, Level level, String msg) {
        }

        @Override
        public void log(String where, Level level, String msg, Throwable th) {
        }

        @Override
        public void log(Diagnostic d) {
            LOG.warn("PDF rendering: {} ({})", d.getLogMessageId(), d.getLogMessageId().getWhere());
        }

        @Override
        public void setLevel(String logger, Level level) {
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic d) {
            return d.getLevel().intValue() >= Level.WARNING.intValue();
        }
    }

    /** Sets one title and date in both the information dictionary and the XMP, as PDF/A requires. */
    static void metadata(PDDocument doc, String title) throws IOException {
        Calendar now = Calendar.getInstance(TimeZone.getTimeZone(AMSTERDAM));
        PDDocumentInformation info = new PDDocumentInformation();
        info.setTitle(title);
        info.setProducer("Mantelkring");
        info.setCreator("Mantelkring");
        info.setCreationDate(now);
        info.setModificationDate(now);
        doc.setDocumentInformation(info);
        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        try {
            PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
            id.setPart(2);
            id.setConformance("U");
            DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
            dc.setTitle(title);
            dc.setFormat("application/pdf");
            AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
            pdf.setProducer("Mantelkring");
            XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
            basic.setCreatorTool("Mantelkring");
            basic.setCreateDate(now);
            basic.setModifyDate(now);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new XmpSerializer().serialize(xmp, out, true);
            PDMetadata stream = new PDMetadata(doc);
            stream.importXMPMetadata(out.toByteArray());
            doc.getDocumentCatalog().setMetadata(stream);
        } catch (org.apache.xmpbox.type.BadFieldValueException | javax.xml.transform.TransformerException e) {
            throw new IOException(e);
        }
    }

    private static byte[] font(String name) {
        try (InputStream in = PdfLetters.class.getResourceAsStream(FONTS + name)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the bundle: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (Reader in = new InputStreamReader(Objects.requireNonNull(PdfLetters.class.getResourceAsStream(name)),
                StandardCharsets.UTF_8)) {
            StringBuilder s = new StringBuilder();
            char[] buf = new char[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                s.append(buf, 0, n);
            }
            return s.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

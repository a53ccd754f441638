package nl.mantelkring.appreciation.internal.sepa;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Re-reads a pain.001 file (either version, streaming with StAX) and recomputes what it declares: the number of
 * transactions and the control sum in GrpHdr and in every PmtInf, against the InstdAmt elements actually present;
 * also that every amount is in EUR. Use it before releasing a file and after a crash, to decide whether a file on disk
 * is complete and which end-to-end ids it carries. It does not check the schema: see {@link SepaValidator}.
 */
public final class SepaVerifier {

    private static final XMLInputFactory INPUT = createInput();

    private SepaVerifier() {
    }

    /**
     * The declared and recomputed totals of a file.
     *
     * @param format the format by namespace, null when the namespace is none of ours
     * @param problems inconsistencies found (empty when the file adds up)
     */
    public record Verification(SepaFormat format, String messageId, long declaredCount, BigDecimal declaredSum,
            long count, BigDecimal sum, List<SepaProblem> problems) {

        public boolean consistent() {
            return problems.isEmpty();
        }
    }

    public static Verification verify(Path file) throws IOException {
        return verify(file, id -> { });
    }

    /** Verifies {@code file}, handing every EndToEndId to {@code endToEndIds} in document order. */
    public static Verification verify(Path file, Consumer<String> endToEndIds) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return verify(in, endToEndIds);
        }
    }

    /** Verifies the document read from {@code in} (not closed). */
    public static Verification verify(InputStream in, Consumer<String> endToEndIds) throws IOException {
        List<SepaProblem> problems = new ArrayList<>();
        SepaFormat format = null;
        String messageId = null;
        long declaredCount = -1;
        BigDecimal declaredSum = null;
        long count = 0;
        BigDecimal sum = BigDecimal.ZERO;
        long pmtDeclaredCount = -1;
        BigDecimal pmtDeclaredSum = null;
        long pmtCount = 0;
        BigDecimal pmtSum = BigDecimal.ZERO;
        String parent = "";
        XMLStreamReader r = null;
        try {
            r = INPUT.createXMLStreamReader(in);
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT && "PmtInf".equals(r.getLocalName())) {
                    check(problems, r, "PmtInf NbOfTxs", pmtDeclaredCount, pmtCount, pmtDeclaredSum, pmtSum);
                    pmtDeclaredCount = -1;
                    pmtDeclaredSum = null;
                    pmtCount = 0;
                    pmtSum = BigDecimal.ZERO;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = r.getLocalName();
                int line = r.getLocation().getLineNumber();
                switch (name) {
                    case "Document":
                        format = SepaFormat.forNamespace(r.getNamespaceURI()).orElse(null);
                        if (format == null) {
                            problems.add(new SepaProblem(line, -1, "Unknown namespace " + r.getNamespaceURI()));
                        }
                        break;
                    case "GrpHdr":
                    case "PmtInf":
                        parent = name;
                        break;
                    case "MsgId":
                        messageId = r.getElementText();
                        break;
                    case "NbOfTxs":
                        long n = parseCount(problems, line, r.getElementText());
                        if ("GrpHdr".equals(parent)) {
                            declaredCount = n;
                        } else {
                            pmtDeclaredCount = n;
                        }
                        break;
                    case "CtrlSum":
                        BigDecimal s = parseAmount(problems, line, r.getElementText());
                        if ("GrpHdr".equals(parent)) {
                            declaredSum = s;
                        } else {
                            pmtDeclaredSum = s;
                        }
                        break;
                    case "CdtTrfTxInf":
                        parent = name;
                        count++;
                        pmtCount++;
                        break;
                    case "EndToEndId":
                        endToEndIds.accept(r.getElementText());
                        break;
                    case "InstdAmt":
                        String ccy = r.getAttributeValue(null, "Ccy");
                        if (!"EUR".equals(ccy)) {
                            problems.add(new SepaProblem(line, -1, "Currency " + ccy + " is not EUR"));
                        }
                        BigDecimal a = parseAmount(problems, line, r.getElementText());
                        sum = sum.add(a);
                        pmtSum = pmtSum.add(a);
                        break;
                    default:
                        break;
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            problems.add(new SepaProblem(line, -1, "Not a complete XML document: " + e.getMessage()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing to release beyond the stream, which the caller owns
                }
            }
        }
        if (problems.isEmpty()) {
            check(problems, null, "GrpHdr NbOfTxs", declaredCount, count, declaredSum, sum);
        }
        return new Verification(format, messageId, declaredCount, declaredSum, count, sum, List.copyOf(problems));
    }

    private static void check(List<SepaProblem> problems, XMLStreamReader r, String where, long declaredCount,
            long count, BigDecimal declaredSum, BigDecimal sum) {
        int line = r == null ? -1 : r.getLocation().getLineNumber();
        if (declaredCount != count) {
            problems.add(new SepaProblem(line, -1, where + " declares " + declaredCount + " transactions, "
                    + count + " present"));
        }
        if (declaredSum == null || declaredSum.compareTo(sum) != 0) {
            problems.add(new SepaProblem(line, -1, where.replace("NbOfTxs", "CtrlSum") + " declares "
                    + declaredSum + ", the amounts add up to " + sum));
        }
    }

    private static long parseCount(List<SepaProblem> problems, int line, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new SepaProblem(line, -1, "NbOfTxs is not a number: " + text));
            return -1;
        }
    }

    private static BigDecimal parseAmount(List<SepaProblem> problems, int line, String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new SepaProblem(line, -1, "Not an amount: " + text));
            return BigDecimal.ZERO;
        }
    }

    private static XMLInputFactory createInput() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }
}

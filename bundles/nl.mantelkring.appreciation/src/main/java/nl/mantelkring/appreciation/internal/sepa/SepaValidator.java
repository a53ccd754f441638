package nl.mantelkring.appreciation.internal.sepa;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Validator;

import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Validates a pain.001 file against the XSD of its format, streaming (SAX): memory does not grow with the file. The
 * compiled schemas are shared ({@link SepaFormat#schema()}); each call makes its own {@link Validator}, so this is
 * thread-safe. Documents with a DOCTYPE are refused (no entity tricks in a payment file).
 */
public final class SepaValidator {

    /** Problems beyond this many are not collected (the file is wrong anyway). */
    public static final int MAX_PROBLEMS = 100;

    private SepaValidator() {
    }

    /** The schema problems of the file, with line numbers; empty when it is valid. */
    public static List<SepaProblem> validate(Path file, SepaFormat format) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return validate(in, format);
        }
    }

    /** The schema problems of the document read from {@code in} (not closed), with line numbers. */
    public static List<SepaProblem> validate(InputStream in, SepaFormat format) throws IOException {
        List<SepaProblem> problems = new ArrayList<>();
        Validator validator = format.schema().newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new Collector(problems));
            validator.validate(new SAXSource(reader(), new InputSource(in)));
        } catch (SAXParseException e) {
            add(problems, e); // not well-formed, or the collector stopped at MAX_PROBLEMS (then already recorded)
        } catch (SAXException e) {
            problems.add(new SepaProblem(-1, -1, e.getMessage()));
        }
        return List.copyOf(problems);
    }

    /** Throws a {@link SepaException} listing the problems unless the file is valid. */
    public static void requireValid(Path file, SepaFormat format) throws IOException {
        List<SepaProblem> problems = validate(file, format);
        if (!problems.isEmpty()) {
            throw new SepaException("SEPA file " + file.getFileName() + " does not validate against "
                    + format.schemaResource(), problems);
        }
    }

    private static XMLReader reader() throws SAXException {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException e) {
            throw new SAXException(e);
        }
    }

    private static void add(List<SepaProblem> problems, SAXParseException e) {
        SepaProblem p = new SepaProblem(e.getLineNumber(), e.getColumnNumber(), e.getMessage());
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    private static final class Collector implements ErrorHandler {
        private final List<SepaProblem> problems;

        Collector(List<SepaProblem> problems) {
            this.problems = problems;
        }

        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a file invalid
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            add(problems, e);
            if (problems.size() >= MAX_PROBLEMS) {
                throw e;
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            add(problems, e);
            throw e;
        }
    }
}

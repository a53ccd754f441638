package nl.mantelkring.appreciation.internal.sepa;

import java.net.URL;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.SAXException;

/**
 * The pain.001 (customer credit transfer initiation) versions this package writes, each with its namespace and the
 * XSD shipped in this bundle. The schema is compiled once, on first use, and shared: a {@link Schema} is immutable
 * and thread-safe (a {@code Validator} made from it is not, so every validation makes its own).
 */
public enum SepaFormat {
    /** ISO 20022 2019 version with the EPC 2023 SCT rulebook restrictions; the default. */
    PAIN_001_001_09("urn:iso:std:iso:20022:tech:xsd:pain.001.001.09", "/sepa/pain.001.001.09-epc-2023.xsd"),
    /** The 2009 version, for banks that still want it (no EPC restrictions in its schema, so our writer applies them). */
    PAIN_001_001_03("urn:iso:std:iso:20022:tech:xsd:pain.001.001.03", "/sepa/pain.001.001.03.xsd");

    public static final SepaFormat DEFAULT = PAIN_001_001_09;

    private final String namespace;
    private final String schemaResource;
    private volatile Schema schema;

    SepaFormat(String namespace, String schemaResource) {
        this.namespace = namespace;
        this.schemaResource = schemaResource;
    }

    public String namespace() {
        return namespace;
    }

    /** Classpath resource of the XSD, e.g. {@code /sepa/pain.001.001.09-epc-2023.xsd}. */
    public String schemaResource() {
        return schemaResource;
    }

    /** The format whose namespace this is, if any. */
    public static Optional<SepaFormat> forNamespace(String namespace) {
        for (SepaFormat f : values()) {
            if (f.namespace.equals(namespace)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The compiled schema, loaded once from this bundle (the class's own class loader, so it works in OSGi). */
    public Schema schema() {
        Schema s = schema;
        if (s == null) {
            synchronized (this) {
                s = schema;
                if (s == null) {
                    schema = s = load();
                }
            }
        }
        return s;
    }

    private Schema load() {
        URL url = SepaFormat.class.getResource(schemaResource);
        if (url == null) {
            throw new IllegalStateException("SEPA schema " + schemaResource + " is missing from the bundle");
        }
        // the JDK's own implementation, not whatever a ServiceLoader lookup finds in the container
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(url);
        } catch (SAXException e) {
            throw new IllegalStateException("SEPA schema " + schemaResource + " cannot be compiled", e);
        }
    }
}

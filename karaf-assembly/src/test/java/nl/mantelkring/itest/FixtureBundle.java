package nl.mantelkring.itest;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import nl.mantelkring.itest.fixture.FixtureActivator;

/**
 * Packs the fixture classes into a real bundle jar and writes a features repository naming it, so the tests can
 * {@code feature:install} / {@code feature:uninstall} a module in the running container.
 */
final class FixtureBundle {

    static final String FEATURE = "mantelkring-testmodule";
    private static final String[] CLASSES = {"FixtureActivator", "FixtureActivator$1", "FixtureResource",
        "FixtureAddressVerifier"};

    /** Writes the bundle and the features XML into {@code dir}; returns the features XML file. */
    static File write(File dir) throws IOException {
        dir.mkdirs();
        File jar = new File(dir, "mantelkring-testmodule.jar");
        writeJar(jar, "nl.mantelkring.itest.fixture", FixtureActivator.class.getName(),
                "javax.ws.rs;version=\"[2.1,3)\",javax.ws.rs.core;version=\"[2.1,3)\","
                + "nl.mantelkring.platform.api;version=\"[1.0,2)\",nl.mantelkring.platform.api.address;version=\"[1.0,2)\","
                + "nl.mantelkring.platform.api.audit;version=\"[1.0,2)\",nl.mantelkring.platform.api.plugin;version=\"[1.0,2)\","
                + "org.osgi.framework", FRAGMENT, CLASSES);
        File features = new File(dir, "mantelkring-itest-features.xml");
        return writeFeatures(features, jar);
    }

    /**
     * Packs test classes (by simple name, in the activator's package) into a bundle jar with the given imports
     * and an OpenAPI fragment at {@code openapi/fragment.json} (when not null).
     */
    static void writeJar(File jar, String symbolicName, String activator, String imports, String fragment,
                         String... classes) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", activator);
        a.putValue("Import-Package", imports);
        String dir = activator.substring(0, activator.lastIndexOf('.')).replace('.', '/');
        try (OutputStream out = new FileOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf)) {
            if (fragment != null) {
                jos.putNextEntry(new JarEntry("openapi/fragment.json"));
                jos.write(fragment.getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
            for (String name : classes) {
                String path = dir + "/" + name + ".class";
                try (InputStream in = FixtureBundle.class.getClassLoader().getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IOException("fixture class missing: " + path);
                    }
                    jos.putNextEntry(new JarEntry(path));
                    in.transferTo(jos);
                    jos.closeEntry();
                }
            }
        }
    }

    /** The module's OpenAPI fragment: one path, reusing the platform's components. */
    static final String FRAGMENT = "{\"paths\":{\"/gemeenten/{gemeentecode}/testgegevens/{id}\":{\"get\":{"
            + "\"operationId\":\"getTestgegeven\",\"summary\":\"Testgegeven lezen\",\"description\":\"Alleen voor de integratietests.\",\"tags\":[\"Testmodule\"],"
            + "\"parameters\":[{\"$ref\":\"#/components/parameters/gemeentecode\"},{\"name\":\"id\",\"in\":\"path\","
            + "\"required\":true,\"schema\":{\"type\":\"string\"}}],\"responses\":{\"200\":{\"description\":\"Het"
            + " testgegeven.\",\"headers\":{\"API-Version\":{\"$ref\":\"#/components/headers/API-Version\"},"
            + "\"X-Correlation-ID\":{\"$ref\":\"#/components/headers/X-Correlation-ID\"}},\"content\":{"
            + "\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
            + "\"gemeentecode\":{\"type\":\"string\"}}}}}},"
            + "\"404\":{\"$ref\":\"#/components/responses/NotFound\"}}}}},"
            + "\"tags\":[{\"name\":\"Testmodule\",\"description\":\"Module van de integratietests.\"}]}";

    private static File writeFeatures(File features, File jar) throws IOException {
        String xml = "<features name=\"mantelkring-itest\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n"
                + "  <feature name=\"" + FEATURE + "\" version=\"1.0.0\">\n"
                + "    <feature>mantelkring-platform</feature>\n"
                + "    <bundle>" + jar.toURI() + "</bundle>\n"
                + "  </feature>\n</features>\n";
        Files.writeString(features.toPath(), xml, StandardCharsets.UTF_8);
        return features;
    }

    private FixtureBundle() {
    }
}

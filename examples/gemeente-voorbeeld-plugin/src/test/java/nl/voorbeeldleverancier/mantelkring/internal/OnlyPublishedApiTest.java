package nl.voorbeeldleverancier.mantelkring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The guard "only published API": every Mantelkring class this plugin's code refers to must be in a package that
 * its artifact exports (the bundle's {@code Export-Package}), never a module's {@code .internal} package. Such code
 * would compile against the jar but fail to resolve in Karaf, or break with the next module release. Checked on the
 * compiled classes (their constant pools), so nothing slips through a reflective or inlined use of a type.
 * (bnd's Import-Package list in the pom is the second line: it names only the API packages.)
 */
class OnlyPublishedApiTest {

    private static final Pattern REFERENCE = Pattern.compile("nl/mantelkring/[A-Za-z0-9_/$]+");

    @Test
    void theCodeUsesOnlyExportedMantelkringPackages() throws IOException {
        Path classes = Path.of("target/classes");
        Set<String> referenced = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                Matcher m = REFERENCE.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    referenced.add(m.group());
                }
            }
        }
        assertFalse(referenced.isEmpty(), "the plugin implements Mantelkring SPIs, so it refers to them");
        TreeMap<String, String> notExported = new TreeMap<>();
        for (String type : referenced) {
            String pkg = type.substring(0, type.lastIndexOf('/')).replace('/', '.');
            String exports = exportsOf(type);
            boolean ok = exports == null
                    // a reactor build before 'package' sees the module's classes folder, not its jar: by name then
                    ? !pkg.matches(".*\\.(internal|impl)(\\..*)?")
                    : exported(exports, pkg);
            if (!ok) {
                notExported.put(type.replace('/', '.'), pkg);
            }
        }
        assertEquals(new TreeMap<String, String>(), notExported,
                "Mantelkring types used from packages their bundle does not export (type = package)");
    }

    /** The Export-Package header of the jar holding the class, or null. */
    private static String exportsOf(String type) throws IOException {
        URL url = OnlyPublishedApiTest.class.getClassLoader().getResource(type + ".class");
        if (url == null) {
            String outer = type.contains("$") ? type.substring(0, type.indexOf('$')) : type;
            url = OnlyPublishedApiTest.class.getClassLoader().getResource(outer + ".class");
        }
        assertNotNull(url, "not on the classpath: " + type);
        if (!"jar".equals(url.getProtocol())) {
            return null;   // a classes folder (reactor build before 'package')
        }
        Manifest mf = ((JarURLConnection) url.openConnection()).getManifest();
        return mf == null ? null : mf.getMainAttributes().getValue("Export-Package");
    }

    /** Whether the header lists the package (entries are separated by commas outside quotes). */
    static boolean exported(String header, String pkg) {
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                if (clause.toString().split(";")[0].trim().equals(pkg)) {
                    return true;
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return false;
    }
}

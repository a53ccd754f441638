package nl.mantelkring.employers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.internal.openapi.OpenApiDrift;

/**
 * Guards {@code openapi/fragment.json} against drift from the module's resources with the platform's shared checks
 * ({@link OpenApiDrift}: operations, operationIds, API-Version, problem+json, 401/403/404, roles, references),
 * plus: every path under the module's apiPaths, and the resource list complete.
 */
class OpenApiFragmentTest {

    private static final List<Class<?>> RESOURCES = List.of(EmployerResource.class, RecognitionResource.class,
            RecognitionListResource.class, SelfScanResource.class, ZeroMeasurementResource.class,
            ProgrammeResource.class, LeaveResource.class, ReportResource.class, WorkingCaregiverResource.class);

    private static OpenApiDrift drift;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream f = OpenApiFragmentTest.class.getResourceAsStream("/openapi/fragment.json")) {
            assertNotNull(f, "fragment missing");
            drift = OpenApiDrift.forFragment(f, RESOURCES);
        }
    }

    @Test
    void fragmentMatchesTheResources() {
        drift.checkAll();
    }

    @Test
    void everyPathIsUnderTheModulesApiPaths() {
        List<String> owned = new EmployersModule(null).apiPaths();
        drift.document().path("paths").fieldNames().forEachRemaining(p -> {
            String[] seg = p.split("/");
            assertTrue(p.startsWith("/gemeenten/{gemeentecode}/") && owned.contains(seg[3]), p);
        });
    }

    @Test
    void resourceListIsComplete() throws IOException, URISyntaxException {
        Path classes = Path.of(EmployerResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                if (name.contains("$")) {
                    continue;
                }
                try {
                    if (Class.forName(name, false, getClass().getClassLoader())
                            .isAnnotationPresent(javax.ws.rs.Path.class)) {
                        found.add(name);
                    }
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertEquals(found, RESOURCES.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new)));
    }
}

package nl.mantelkring.registration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.internal.openapi.OpenApiDrift;

/** The module's OpenAPI fragment against its resources (the platform's drift checks, reused). */
class OpenApiFragmentTest {

    private static final List<Class<?>> RESOURCES = List.of(CaregiverResource.class, RelationResource.class,
            ConsentResource.class, CheckResource.class, QuestionnaireResource.class, CleanupResource.class,
            SelfCheckResource.class, MyRegistrationResource.class, ErasureRequestResource.class,
            NewsletterResource.class);

    private static OpenApiDrift drift;

    @BeforeAll
    static void load() throws IOException {
        String resource = new RegistrationModule(null, null).openApiResource();
        try (InputStream in = RegistrationModule.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            drift = OpenApiDrift.forFragment(in, RESOURCES);
        }
    }

    @Test
    void fragmentMatchesTheResources() {
        drift.checkAll();
    }

    @Test
    void everyPathIsUnderAnAnnouncedApiPath() {
        Set<String> roots = drift.document().path("paths").properties().stream()
                .map(e -> e.getKey().replaceFirst("^/burgers/", "/").split("/")[3])
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(new RegistrationModule(null, null).apiPaths()), roots);
    }
}

package nl.mantelkring.platform.internal.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.ws.rs.HttpMethod;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.PublicEndpoint;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.internal.address.AddressCheckResource;
import nl.mantelkring.platform.internal.audit.AuditResource;
import nl.mantelkring.platform.internal.audit.PlatformAuditResource;
import nl.mantelkring.platform.internal.backoffice.BackofficeResource;
import nl.mantelkring.platform.internal.health.HealthResource;
import nl.mantelkring.platform.internal.module.ModuleResource;
import nl.mantelkring.platform.internal.module.TenantModuleResource;
import nl.mantelkring.platform.internal.plugin.PluginReferenceResource;
import nl.mantelkring.platform.internal.plugin.PluginResource;
import nl.mantelkring.platform.internal.policy.PolicyResource;
import nl.mantelkring.platform.internal.rest.ApiInfo;
import nl.mantelkring.platform.internal.security.UserResource;
import nl.mantelkring.platform.internal.tenant.TenantResource;

/**
 * Guards the hand-written {@code openapi/platform.json} against drift from the JAX-RS resources: the same
 * operations (method and path), an operationId on each, the {@code API-Version} header on every 2xx response,
 * only {@code application/problem+json} on errors, and security and roles as the annotations say.
 */
class OpenApiDocumentTest {

    /** The platform's REST resources. A new resource class must be added here (see {@link #resourceListIsComplete}). */
    private static final List<Class<?>> RESOURCES = List.of(
            TenantResource.class,
            ModuleResource.class,
            TenantModuleResource.class,
            PolicyResource.class,
            AuditResource.class,
            PlatformAuditResource.class,
            BackofficeResource.class,
            PluginResource.class,
            PluginReferenceResource.class,
            AddressCheckResource.class,
            HealthResource.class,
            OpenApiResource.class,
            UserResource.class);

    private static OpenApiDrift drift;
    private static JsonNode doc;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.PLATFORM_DOCUMENT)) {
            assertNotNull(in, "resource " + OpenApiResource.PLATFORM_DOCUMENT + " is missing");
            doc = new ObjectMapper().readTree(in);
        }
        drift = new OpenApiDrift(doc, RESOURCES);
    }

    @Test
    void documentedOperationsMatchTheResources() {
        drift.documentedOperationsMatchTheResources();
    }

    @Test
    void everyOperationHasAUniqueOperationId() {
        drift.everyOperationHasAUniqueOperationId();
    }

    @Test
    void everySuccessResponseHasTheApiVersionHeader() {
        drift.everySuccessResponseHasTheApiVersionHeader();
    }

    @Test
    void errorResponsesAreProblemJsonOnly() {
        drift.errorResponsesAreProblemJsonOnly();
    }

    @Test
    void securityAndRolesMatchTheAnnotations() {
        drift.securityAndRolesMatchTheAnnotations();
    }

    @Test
    void everyReferenceResolves() {
        drift.everyReferenceResolves();
    }

    @Test
    void infoVersionIsTheApiVersion() {
        assertEquals(ApiInfo.VERSION, doc.path("info").path("version").asText());
        assertEquals("/api/v1", doc.path("servers").path(0).path("url").asText());
    }

    /** Every class of this bundle with a class-level {@code @Path} must be listed in {@link #RESOURCES}. */
    @Test
    void resourceListIsComplete() throws IOException, URISyntaxException {
        Path classes = Path.of(TenantResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isDirectory(classes)) {
            return; // running from a jar: nothing to scan
        }
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                if (!name.startsWith("nl.mantelkring.platform.internal.") || name.contains("$")) {
                    continue;
                }
                try {
                    Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                    if (c.isAnnotationPresent(javax.ws.rs.Path.class)) {
                        found.add(c.getName());
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    fail("cannot load " + name + ": " + e);
                }
            }
        }
        Set<String> listed = RESOURCES.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(found, listed, "RESOURCES in this test differs from the @Path classes of the bundle");
    }
}

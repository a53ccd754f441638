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
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import nl.mantelkring.platform.internal.loket.LoketResource;
import nl.mantelkring.platform.internal.oidc.CitizenSessionResource;
import nl.mantelkring.platform.internal.oidc.StaffOidcResource;
import nl.mantelkring.platform.internal.security.UserResource;
import nl.mantelkring.platform.internal.session.SessionResource;
import nl.mantelkring.platform.internal.session.SignInMethodResource;
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
            UserResource.class,
            SessionResource.class,
            SignInMethodResource.class,
            StaffOidcResource.class,
            CitizenSessionResource.class,
            LoketResource.class, nl.mantelkring.platform.internal.messages.MessageResource.class);

    private static OpenApiDrift drift;
    private static ObjectNode doc;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.PLATFORM_DOCUMENT)) {
            assertNotNull(in, "resource " + OpenApiResource.PLATFORM_DOCUMENT + " is missing");
            doc = (ObjectNode) new ObjectMapper().readTree(in);
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

    /**
     * The served document (platform + a module fragment that lists only its own responses) lists on every operation
     * the responses the platform gives on any operation: 429 of the password-guessing limit among them (it was only
     * in an extension that tools ignore), 406 also on a DELETE that forgot it.
     */
    @Test
    void theServedDocumentListsThePlatformsResponsesOnEveryOperation() throws IOException {
        ObjectNode served = (ObjectNode) doc.deepCopy();
        OpenApiResource.merge(served, new ObjectMapper().readTree("""
                {"paths": {"/gemeenten/{gemeentecode}/dingen/{id}": {
                  "put": {"operationId": "putThing", "requestBody": {"content": {"application/json": {"schema": {}}}},
                          "responses": {"200": {"description": "ok"}, "404": {"description": "eigen 404"}}},
                  "delete": {"operationId": "deleteThing", "responses": {"204": {"description": "weg"}}}}}}
                """));
        OpenApiResource.addPlatformResponses(served);

        int operations = 0;
        for (Map.Entry<String, JsonNode> path : served.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> e : path.getValue().properties()) {
                if (!e.getValue().has("responses")) {
                    continue;
                }
                operations++;
                String op = e.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                JsonNode responses = e.getValue().path("responses");
                boolean open = e.getValue().has("security");
                boolean tenantPath = path.getKey().contains("{gemeentecode}");
                List<String> expected = new ArrayList<>(List.of("400", "406", "413", "500", "503"));
                if (!open) {
                    expected.addAll(List.of("401", "403", "429"));
                }
                if (tenantPath) {
                    expected.add("404");
                }
                if (open && tenantPath) {
                    expected.add("429");
                }
                if (e.getValue().has("requestBody")) {
                    expected.add("415");
                }
                for (String status : expected) {
                    assertTrue(responses.has(status), op + " does not list " + status);
                }
                assertEquals(open ? tenantPath ? "#/components/responses/TeVeelVerzoeken" : null
                        : "#/components/responses/TooManyRequests", responses.path("429").path("$ref").asText(null), op);
                List<String> order = new ArrayList<>();
                responses.fieldNames().forEachRemaining(order::add);
                assertEquals(order.stream().sorted().toList(), order, op + ": responses in status order");
            }
        }
        assertTrue(operations > 20);
        JsonNode thing = served.path("paths").path("/gemeenten/{gemeentecode}/dingen/{id}");
        assertEquals("#/components/responses/NotAcceptable", thing.path("delete").path("responses").path("406")
                .path("$ref").asText());
        assertFalse(thing.path("delete").path("responses").has("415"), "no body, no 415");
        assertEquals("eigen 404", thing.path("put").path("responses").path("404").path("description").asText(),
                "a response the operation lists itself is kept");
        // the platform's operations, as served, still pass every drift check
        ObjectNode platformServed = doc.deepCopy();
        OpenApiResource.addPlatformResponses(platformServed);
        new OpenApiDrift(platformServed, RESOURCES).checkAll();
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

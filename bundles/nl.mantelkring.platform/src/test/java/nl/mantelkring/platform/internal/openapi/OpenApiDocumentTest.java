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
import nl.mantelkring.platform.internal.health.HealthResource;
import nl.mantelkring.platform.internal.module.ModuleResource;
import nl.mantelkring.platform.internal.module.TenantModuleResource;
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
            PluginResource.class,
            AddressCheckResource.class,
            HealthResource.class,
            OpenApiResource.class,
            UserResource.class);

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head",
            "options", "trace");
    private static final Pattern PATH_PARAM_REGEX = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");
    private static final Pattern ROLES_LINE = Pattern.compile("\\*\\*Rollen:\\*\\*([^.\\n]*)\\.");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private static JsonNode doc;

    /** A documented or implemented operation. */
    private record Operation(String method, String path) implements Comparable<Operation> {
        @Override
        public int compareTo(Operation o) {
            int c = path.compareTo(o.path);
            return c != 0 ? c : method.compareTo(o.method);
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.PLATFORM_DOCUMENT)) {
            assertNotNull(in, "resource " + OpenApiResource.PLATFORM_DOCUMENT + " is missing");
            doc = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void documentedOperationsMatchTheResources() {
        Set<Operation> inCode = new TreeSet<>(operationsInCode().keySet());
        Set<Operation> inDoc = new TreeSet<>(operationsInDocument().keySet());

        Set<Operation> undocumented = new TreeSet<>(inCode);
        undocumented.removeAll(inDoc);
        Set<Operation> notImplemented = new TreeSet<>(inDoc);
        notImplemented.removeAll(inCode);
        assertTrue(undocumented.isEmpty() && notImplemented.isEmpty(),
                "platform.json has drifted from the resources.\n  in code, not documented: " + undocumented
                        + "\n  documented, not in code: " + notImplemented);
        assertEquals(inCode, inDoc);
    }

    @Test
    void everyOperationHasAUniqueOperationId() {
        Map<String, Operation> seen = new TreeMap<>();
        operationsInDocument().forEach((op, node) -> {
            JsonNode id = node.get("operationId");
            assertTrue(id != null && id.isTextual() && !id.asText().isBlank(), op + " has no operationId");
            Operation previous = seen.put(id.asText(), op);
            assertEquals(null, previous, "operationId '" + id.asText() + "' is used by " + previous + " and " + op);
        });
    }

    @Test
    void everySuccessResponseHasTheApiVersionHeader() {
        operationsInDocument().forEach((op, node) -> {
            JsonNode responses = node.path("responses");
            assertFalse(responses.isEmpty(), op + " documents no responses");
            boolean anySuccess = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().startsWith("2")) {
                    continue;
                }
                anySuccess = true;
                JsonNode response = resolve(e.getValue());
                JsonNode header = response.path("headers").get(ApiInfo.VERSION_HEADER);
                assertNotNull(header, op + " response " + e.getKey() + " lacks the " + ApiInfo.VERSION_HEADER
                        + " header");
                assertTrue(resolve(header).has("schema"), op + " response " + e.getKey() + ": "
                        + ApiInfo.VERSION_HEADER + " header does not resolve to a header with a schema");
            }
            assertTrue(anySuccess, op + " documents no 2xx response");
        });
    }

    @Test
    void errorResponsesAreProblemJsonOnly() {
        operationsInDocument().forEach((op, node) -> node.path("responses").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("4") || e.getKey().startsWith("5")) {
                JsonNode content = resolve(e.getValue()).path("content");
                List<String> types = new ArrayList<>();
                content.fieldNames().forEachRemaining(types::add);
                assertEquals(List.of(ApiInfo.PROBLEM_JSON), types, op + " response " + e.getKey());
            }
        }));
    }

    @Test
    void securityAndRolesMatchTheAnnotations() {
        Map<Operation, JsonNode> documented = operationsInDocument();
        assertTrue(doc.path("security").toString().contains("basicAuth"), "no global basicAuth requirement");
        operationsInCode().forEach((op, method) -> {
            JsonNode node = documented.get(op);
            if (node == null) {
                return; // reported by documentedOperationsMatchTheResources
            }
            if (method.isAnnotationPresent(PublicEndpoint.class)) {
                JsonNode security = node.get("security");
                assertTrue(security != null && security.isArray() && security.isEmpty(),
                        op + " is public and must declare 'security: []'");
                return;
            }
            assertFalse(node.has("security"), op + " needs authentication and must keep the global requirement");
            assertTrue(node.path("responses").has("401"), op + " does not document 401");
            assertTrue(node.path("responses").has("403"), op + " does not document 403");
            if (op.path().contains("{gemeentecode}")) {
                assertTrue(node.path("responses").has("404"), op + " does not document 404");
            }
            Allowed allowed = method.getAnnotation(Allowed.class);
            if (allowed == null) {
                allowed = method.getDeclaringClass().getAnnotation(Allowed.class);
            }
            assertNotNull(allowed, op + " has no @Allowed (the security filter refuses it)");
            Set<String> inCode = Arrays.stream(allowed.value()).map(Role::roleName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Matcher line = ROLES_LINE.matcher(node.path("description").asText());
            assertTrue(line.find(), op + " description does not name its roles ('**Rollen:** `…`.')");
            Set<String> inDoc = new TreeSet<>();
            Matcher role = BACKTICKED.matcher(line.group(1));
            while (role.find()) {
                inDoc.add(role.group(1));
            }
            assertEquals(inCode, inDoc, op + ": roles in the description differ from @Allowed");
        });
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

    // ---- helpers -------------------------------------------------------------------------------

    private static Map<Operation, Method> operationsInCode() {
        Map<Operation, Method> ops = new TreeMap<>();
        for (Class<?> resource : RESOURCES) {
            javax.ws.rs.Path classPath = resource.getAnnotation(javax.ws.rs.Path.class);
            assertNotNull(classPath, resource + " has no @Path");
            for (Method m : resource.getDeclaredMethods()) {
                String http = httpMethod(m);
                javax.ws.rs.Path methodPath = m.getAnnotation(javax.ws.rs.Path.class);
                if (http == null) {
                    assertEquals(null, methodPath, m + " is a sub-resource locator; this test does not follow those");
                    continue;
                }
                Operation op = new Operation(http.toLowerCase(Locale.ROOT),
                        join(classPath.value(), methodPath == null ? "" : methodPath.value()));
                Method previous = ops.put(op, m);
                assertEquals(null, previous, op + " is implemented twice");
            }
        }
        return ops;
    }

    private static String httpMethod(Method m) {
        return Arrays.stream(m.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(h -> h != null)
                .map(HttpMethod::value)
                .findFirst().orElse(null);
    }

    /** Joins class and method paths as JAX-RS does: "/" between, no doubled or trailing slash, no regexes. */
    static String join(String classPath, String methodPath) {
        String p = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return PATH_PARAM_REGEX.matcher(p).replaceAll("{$1}");
    }

    private static Map<Operation, JsonNode> operationsInDocument() {
        Map<Operation, JsonNode> ops = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> items = path.getValue().fields(); items.hasNext();) {
                Map.Entry<String, JsonNode> item = items.next();
                if (HTTP_METHODS.contains(item.getKey())) {
                    ops.put(new Operation(item.getKey(), path.getKey()), item.getValue());
                }
            }
        }
        return ops;
    }

    /** Follows a local {@code $ref} ("#/components/…") to its target, repeatedly. */
    private static JsonNode resolve(JsonNode node) {
        for (int i = 0; i < 10 && node.has("$ref"); i++) {
            String ref = node.get("$ref").asText();
            assertTrue(ref.startsWith("#/"), "only local references are supported: " + ref);
            node = doc.at(ref.substring(1));
            assertFalse(node.isMissingNode(), "unresolvable reference " + ref);
        }
        return node;
    }
}

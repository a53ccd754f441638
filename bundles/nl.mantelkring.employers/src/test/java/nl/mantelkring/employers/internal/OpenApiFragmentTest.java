package nl.mantelkring.employers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import nl.mantelkring.platform.api.Role;

/**
 * Guards {@code openapi/fragment.json} against drift from the module's resources: the same operations, a unique
 * operationId, {@code API-Version} on every 2xx, problem+json only on errors, 401/403/404 documented, the roles line
 * equal to {@code @Allowed}, every path under the module's apiPaths, and the resource list complete. References are
 * resolved against the fragment merged with the platform's document, as the platform serves it.
 */
class OpenApiFragmentTest {

    private static final List<Class<?>> RESOURCES = List.of(EmployerResource.class, RecognitionResource.class,
            RecognitionListResource.class, SelfScanResource.class, ZeroMeasurementResource.class,
            ProgrammeResource.class, LeaveResource.class, ReportResource.class, WorkingCaregiverResource.class);

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern ROLES_LINE = Pattern.compile("\\*\\*Rollen:\\*\\*([^.\\n]*)\\.");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private static JsonNode fragment;
    private static ObjectNode merged;

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
        ObjectMapper json = new ObjectMapper();
        try (InputStream f = OpenApiFragmentTest.class.getResourceAsStream("/openapi/fragment.json");
             InputStream p = OpenApiFragmentTest.class.getResourceAsStream("/openapi/platform.json")) {
            assertNotNull(f, "fragment missing");
            assertNotNull(p, "platform document missing from the test class path");
            fragment = json.readTree(f);
            merged = (ObjectNode) json.readTree(p);
        }
        fragment.path("components").fields().forEachRemaining(kind -> kind.getValue().fields()
                .forEachRemaining(c -> {
                    ObjectNode target = merged.with("components").with(kind.getKey());
                    assertFalse(target.has(c.getKey()), "component " + c.getKey() + " clashes with the platform's");
                    target.set(c.getKey(), c.getValue());
                }));
    }

    @Test
    void documentedOperationsMatchTheResources() {
        Set<Operation> inCode = new TreeSet<>(operationsInCode().keySet());
        Set<Operation> inDoc = new TreeSet<>(operationsInDocument().keySet());
        assertEquals(inCode, inDoc, "fragment.json has drifted from the resources");
    }

    @Test
    void everyPathIsUnderTheModulesApiPaths() {
        List<String> owned = new EmployersModule(null).apiPaths();
        fragment.path("paths").fieldNames().forEachRemaining(p -> {
            String[] seg = p.split("/");
            assertTrue(p.startsWith("/gemeenten/{gemeentecode}/") && owned.contains(seg[3]), p);
        });
    }

    @Test
    void everyOperationHasAUniqueOperationIdAndTheConventions() {
        Map<String, Operation> seen = new TreeMap<>();
        operationsInDocument().forEach((op, node) -> {
            String id = node.path("operationId").asText();
            assertFalse(id.isBlank(), op + " has no operationId");
            assertEquals(null, seen.put(id, op), "operationId " + id + " twice");
            boolean anySuccess = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("responses").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode response = resolve(e.getValue());
                if (e.getKey().startsWith("2")) {
                    anySuccess = true;
                    assertTrue(resolve(response.path("headers").path("API-Version")).has("schema"),
                            op + " " + e.getKey() + " lacks API-Version");
                } else {
                    List<String> types = new ArrayList<>();
                    response.path("content").fieldNames().forEachRemaining(types::add);
                    assertEquals(List.of("application/problem+json"), types, op + " " + e.getKey());
                }
            }
            assertTrue(anySuccess, op + " documents no 2xx");
            if (Set.of("post", "put").contains(op.method())) {
                assertTrue(node.path("responses").has("400"), op + " documents no 400");
            }
        });
    }

    @Test
    void securityAndRolesMatchTheAnnotations() {
        Map<Operation, JsonNode> documented = operationsInDocument();
        operationsInCode().forEach((op, method) -> {
            JsonNode node = documented.get(op);
            if (node == null) {
                return;
            }
            for (String status : List.of("401", "403", "404")) {
                assertTrue(node.path("responses").has(status), op + " does not document " + status);
            }
            Allowed allowed = method.getAnnotation(Allowed.class);
            if (allowed == null) {
                allowed = method.getDeclaringClass().getAnnotation(Allowed.class);
            }
            assertNotNull(allowed, op + " has no @Allowed");
            Set<String> inCode = Arrays.stream(allowed.value()).map(Role::roleName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Matcher line = ROLES_LINE.matcher(node.path("description").asText());
            assertTrue(line.find(), op + " description does not name its roles");
            Set<String> inDoc = new TreeSet<>();
            Matcher role = BACKTICKED.matcher(line.group(1));
            while (role.find()) {
                inDoc.add(role.group(1));
            }
            assertEquals(inCode, inDoc, op + ": roles differ from @Allowed");
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

    private static Map<Operation, Method> operationsInCode() {
        Map<Operation, Method> ops = new TreeMap<>();
        for (Class<?> resource : RESOURCES) {
            String classPath = resource.getAnnotation(javax.ws.rs.Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String http = Arrays.stream(m.getAnnotations())
                        .map(a -> a.annotationType().getAnnotation(HttpMethod.class)).filter(h -> h != null)
                        .map(HttpMethod::value).findFirst().orElse(null);
                if (http == null) {
                    continue;
                }
                javax.ws.rs.Path mp = m.getAnnotation(javax.ws.rs.Path.class);
                String p = ("/" + classPath + "/" + (mp == null ? "" : mp.value())).replaceAll("/+", "/");
                if (p.endsWith("/")) {
                    p = p.substring(0, p.length() - 1);
                }
                assertEquals(null, ops.put(new Operation(http.toLowerCase(Locale.ROOT), p), m), p + " twice");
            }
        }
        return ops;
    }

    private static Map<Operation, JsonNode> operationsInDocument() {
        Map<Operation, JsonNode> ops = new TreeMap<>();
        fragment.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(item -> {
            if (HTTP_METHODS.contains(item.getKey())) {
                ops.put(new Operation(item.getKey(), p.getKey()), item.getValue());
            }
        }));
        return ops;
    }

    private static JsonNode resolve(JsonNode node) {
        for (int i = 0; i < 10 && node.has("$ref"); i++) {
            String ref = node.get("$ref").asText();
            node = merged.at(ref.substring(1));
            assertFalse(node.isMissingNode(), "unresolvable reference " + ref);
        }
        return node;
    }
}

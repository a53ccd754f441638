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


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.Anonymous;
import nl.mantelkring.platform.api.CitizenAccess;
import nl.mantelkring.platform.api.PublicEndpoint;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.internal.rest.ApiInfo;

/**
 * Checks an OpenAPI document against JAX-RS resource classes: the same operations (method and path), a unique
 * operationId on each, the {@code API-Version} header on every 2xx response, only {@code application/problem+json}
 * on errors, and security and roles as the annotations say. The platform's drift test uses it on
 * {@code platform.json}; modules use it on their fragment (this class ships in the platform's test-jar):
 * {@code OpenApiDrift.forFragment(fragmentJson, List.of(MyResource.class)).checkAll()}.
 */
public final class OpenApiDrift {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head",
            "options", "trace");
    private static final Pattern PATH_PARAM_REGEX = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");
    private static final Pattern ROLES_LINE = Pattern.compile("\\*\\*Rollen:\\*\\*([^.\\n]*)\\.");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private final JsonNode doc;
    private final List<Class<?>> resources;

    public OpenApiDrift(JsonNode doc, List<Class<?>> resources) {
        this.doc = doc;
        this.resources = List.copyOf(resources);
    }

    /** A module fragment, checked with the platform's components (and global security) merged in. */
    public static OpenApiDrift forFragment(InputStream fragment, List<Class<?>> resources) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode merged;
        try (InputStream platform = OpenApiResource.class.getResourceAsStream(OpenApiResource.PLATFORM_DOCUMENT)) {
            merged = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(platform);
        }
        JsonNode frag = mapper.readTree(fragment);
        merged.set("paths", frag.path("paths"));
        com.fasterxml.jackson.databind.node.ObjectNode components =
                (com.fasterxml.jackson.databind.node.ObjectNode) merged.get("components");
        frag.path("components").fields().forEachRemaining(kind -> {
            com.fasterxml.jackson.databind.node.ObjectNode target = components.has(kind.getKey())
                    ? (com.fasterxml.jackson.databind.node.ObjectNode) components.get(kind.getKey())
                    : components.putObject(kind.getKey());
            kind.getValue().fields().forEachRemaining(c -> {
                assertFalse(target.has(c.getKey()), "fragment component " + kind.getKey() + "/" + c.getKey()
                        + " clashes with a platform component (the platform's would win)");
                target.set(c.getKey(), c.getValue());
            });
        });
        return new OpenApiDrift(merged, resources);
    }

    public JsonNode document() {
        return doc;
    }

    /** Runs every check. */
    public void checkAll() {
        documentedOperationsMatchTheResources();
        everyOperationHasAUniqueOperationId();
        everySuccessResponseHasTheApiVersionHeader();
        errorResponsesAreProblemJsonOnly();
        securityAndRolesMatchTheAnnotations();
        everyReferenceResolves();
    }

    /** Every {@code $ref} in the document points at something. */
    public void everyReferenceResolves() {
        List<JsonNode> refs = doc.findParents("$ref");
        for (JsonNode r : refs) {
            resolve(r);
        }
    }

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

    public void documentedOperationsMatchTheResources() {
        Set<Operation> inCode = new TreeSet<>(operationsInCode().keySet());
        Set<Operation> inDoc = new TreeSet<>(operationsInDocument().keySet());

        Set<Operation> undocumented = new TreeSet<>(inCode);
        undocumented.removeAll(inDoc);
        Set<Operation> notImplemented = new TreeSet<>(inDoc);
        notImplemented.removeAll(inCode);
        assertTrue(undocumented.isEmpty() && notImplemented.isEmpty(),
                "the OpenAPI document has drifted from the resources.\n  in code, not documented: " + undocumented
                        + "\n  documented, not in code: " + notImplemented);
        assertEquals(inCode, inDoc);
    }

    public void everyOperationHasAUniqueOperationId() {
        Map<String, Operation> seen = new TreeMap<>();
        operationsInDocument().forEach((op, node) -> {
            JsonNode id = node.get("operationId");
            assertTrue(id != null && id.isTextual() && !id.asText().isBlank(), op + " has no operationId");
            Operation previous = seen.put(id.asText(), op);
            assertEquals(null, previous, "operationId '" + id.asText() + "' is used by " + previous + " and " + op);
        });
    }

    public void everySuccessResponseHasTheApiVersionHeader() {
        operationsInDocument().forEach((op, node) -> {
            JsonNode responses = node.path("responses");
            assertFalse(responses.isEmpty(), op + " documents no responses");
            boolean anySuccess = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                // a browser-facing sign-in answers with a redirect (3xx): that is its success
                if (!e.getKey().startsWith("2") && !e.getKey().startsWith("3")) {
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

    /**
     * Errors are problem+json; a browser's return from an identity provider ({@code x-browserpagina}) may also
     * show a Dutch HTML page.
     */
    public void errorResponsesAreProblemJsonOnly() {
        operationsInDocument().forEach((op, node) -> node.path("responses").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("4") || e.getKey().startsWith("5")) {
                JsonNode content = resolve(e.getValue()).path("content");
                List<String> types = new ArrayList<>();
                content.fieldNames().forEachRemaining(types::add);
                if (node.path("x-browserpagina").asBoolean(false)) {
                    types.remove("text/html");
                }
                assertEquals(List.of(ApiInfo.PROBLEM_JSON), types, op + " response " + e.getKey());
            }
        }));
    }

    public void securityAndRolesMatchTheAnnotations() {
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
            if (method.isAnnotationPresent(Anonymous.class)) {
                JsonNode security = node.get("security");
                assertTrue(security != null && security.isArray() && security.isEmpty(),
                        op + " is anonymous (@Anonymous) and must declare 'security: []'");
                assertTrue(op.path().contains("{gemeentecode}"), op + " is anonymous and must name the tenant");
                assertTrue(node.path("responses").has("404"), op + " does not document 404");
                assertTrue(node.path("responses").has("429"), op + " does not document 429 (the anonymous limit)");
                return;
            }
            if (method.isAnnotationPresent(CitizenAccess.class)) {
                assertEquals("[{\"burgerCookie\":[]}]", String.valueOf(node.get("security")),
                        op + " is a citizen's operation (@CitizenAccess) and must declare 'security: [{burgerCookie: []}]'");
                assertTrue(op.path().startsWith("/burgers/gemeenten/{gemeentecode}/"),
                        op + " is a citizen's operation and must lie under /burgers/gemeenten/{gemeentecode}/");
                for (String status : List.of("401", "403", "404")) {
                    assertTrue(node.path("responses").has(status), op + " does not document " + status);
                }
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

    // ---- helpers -------------------------------------------------------------------------------

    private Map<Operation, Method> operationsInCode() {
        Map<Operation, Method> ops = new TreeMap<>();
        for (Class<?> resource : resources) {
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

    private Map<Operation, JsonNode> operationsInDocument() {
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
    private JsonNode resolve(JsonNode node) {
        for (int i = 0; i < 10 && node.has("$ref"); i++) {
            String ref = node.get("$ref").asText();
            assertTrue(ref.startsWith("#/"), "only local references are supported: " + ref);
            node = doc.at(ref.substring(1));
            assertFalse(node.isMissingNode(), "unresolvable reference " + ref);
        }
        return node;
    }
}

package nl.mantelkring.respite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.ws.rs.HttpMethod;
import javax.ws.rs.Produces;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.Anonymous;
import nl.mantelkring.platform.api.Role;

/**
 * Drift test of {@code openapi/fragment.json} against the module's resources: the same operations, unique
 * operationIds, {@code API-Version} on every 2xx, problem+json only on errors, 401/403/404 documented, the roles
 * line equal to {@code @Allowed}, and the content types of each 200 equal to the {@code @Produces} of the methods
 * sharing that operation (JSON and CSV by content negotiation). {@code $ref}s resolve into the platform's document.
 */
class OpenApiFragmentTest {

    static final List<Class<?>> RESOURCES = List.of(OfferingResource.class, AreaResource.class, GapResource.class,
            GuideResource.class);
    static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "patch");
    static final Pattern ROLES = Pattern.compile("\\*\\*Rollen:\\*\\*([^.\\n]*)\\.");

    static JsonNode fragment;
    static JsonNode platform;

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper m = new ObjectMapper();
        try (InputStream f = RespiteModule.class.getResourceAsStream("/openapi/fragment.json");
             InputStream p = OpenApiFragmentTest.class.getResourceAsStream("/openapi/platform.json")) {
            assertNotNull(f, "fragment.json missing");
            assertNotNull(p, "platform.json missing from the test class path");
            fragment = m.readTree(f);
            platform = m.readTree(p);
        }
    }

    /** "GET /gemeenten/{gemeentecode}/…" → the methods implementing it (two when JSON and CSV are negotiated). */
    static Map<String, List<Method>> implemented() {
        Map<String, List<Method>> out = new TreeMap<>();
        for (Class<?> c : RESOURCES) {
            String base = "/" + c.getAnnotation(javax.ws.rs.Path.class).value();
            for (Method m : c.getDeclaredMethods()) {
                String verb = Stream.of(m.getAnnotations()).map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                        .filter(h -> h != null).map(HttpMethod::value).findFirst().orElse(null);
                if (verb != null) {
                    javax.ws.rs.Path sub = m.getAnnotation(javax.ws.rs.Path.class);
                    out.computeIfAbsent(verb + " " + base + (sub == null ? "" : "/" + sub.value()),
                            k -> new java.util.ArrayList<>()).add(m);
                }
            }
        }
        return out;
    }

    static Map<String, JsonNode> documented() {
        Map<String, JsonNode> out = new TreeMap<>();
        fragment.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(o -> {
            if (VERBS.contains(o.getKey())) {
                out.put(o.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey(), o.getValue());
            }
        }));
        return out;
    }

    JsonNode resolve(JsonNode n) {
        while (n.has("$ref")) {
            String ref = n.get("$ref").asText().substring(1);
            JsonNode target = fragment.at(ref);
            n = target.isMissingNode() ? platform.at(ref) : target;
            assertFalse(n.isMissingNode(), "unresolvable " + ref);
        }
        return n;
    }

    @Test
    void operationsMatchTheCode() {
        assertEquals(implemented().keySet(), documented().keySet());
    }

    @Test
    void operationIdsAreUniqueAndResponsesFollowTheRules() {
        Set<String> ids = new TreeSet<>();
        documented().forEach((op, node) -> {
            assertTrue(ids.add(node.path("operationId").asText()), "duplicate or missing operationId at " + op);
            Map<String, JsonNode> responses = new HashMap<>();
            node.path("responses").fields().forEachRemaining(e -> responses.put(e.getKey(), resolve(e.getValue())));
            assertTrue(responses.keySet().stream().anyMatch(s -> s.startsWith("2")), op + " has no 2xx");
            responses.forEach((status, r) -> {
                if (status.startsWith("2")) {
                    assertTrue(r.path("headers").has("API-Version"), op + " " + status + " lacks API-Version");
                } else {
                    List<String> types = iterate(r.path("content"));
                    assertEquals(List.of("application/problem+json"), types, op + " " + status);
                }
            });
            boolean anonymous = node.has("security") && node.path("security").isEmpty();
            for (String s : anonymous ? List.of("400", "404", "429") : List.of("401", "403", "404")) {
                assertTrue(responses.containsKey(s), op + " does not document " + s);
            }
            if (anonymous) {
                assertTrue(resolve(node.path("responses").path("429")).path("headers").has("Retry-After"), op);
            }
        });
    }

    @Test
    void rolesAndContentTypesMatchTheAnnotations() {
        Map<String, JsonNode> doc = documented();
        implemented().forEach((op, methods) -> {
            JsonNode node = doc.get(op);
            if (methods.stream().allMatch(m -> m.isAnnotationPresent(Anonymous.class))) {
                assertTrue(node.path("description").asText().contains("Vraagt geen aanmelding"), op);
                assertTrue(node.has("security") && node.path("security").isEmpty(), op + ": security []");
                assertFalse(ROLES.matcher(node.path("description").asText()).find(), op + " names roles");
                methods.forEach(m -> assertNull(m.getAnnotation(Allowed.class), m + ": @Anonymous and @Allowed"));
                return;
            }
            Set<String> roles = new TreeSet<>();
            for (Method m : methods) {
                Allowed a = m.getAnnotation(Allowed.class);
                assertNotNull(a, m + " has no @Allowed");
                Stream.of(a.value()).map(Role::roleName).forEach(roles::add);
            }
            Matcher line = ROLES.matcher(node.path("description").asText());
            assertTrue(line.find(), op + " names no roles");
            Set<String> documentedRoles = Pattern.compile("`([^`]+)`").matcher(line.group(1)).results()
                    .map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(roles, documentedRoles, op);
            if (methods.size() > 1) {                    // content negotiation: each @Produces is documented
                Set<String> produced = methods.stream().map(m -> m.getAnnotation(Produces.class))
                        .map(p -> p == null ? methods.get(0).getDeclaringClass().getAnnotation(Produces.class) : p)
                        .map(p -> p.value()[0].replaceAll(";.*", "")).collect(Collectors.toCollection(TreeSet::new));
                assertEquals(produced, new TreeSet<>(iterate(resolve(node.path("responses").path("200"))
                        .path("content"))), op);
            }
        });
    }

    @Test
    void everyPathClassIsListed() throws IOException, URISyntaxException {
        Path classes = Path.of(RespiteModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith("Resource.class"))::iterator) {
                found.add(f.getFileName().toString().replace(".class", ""));
            }
        }
        assertEquals(found, RESOURCES.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static List<String> iterate(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}

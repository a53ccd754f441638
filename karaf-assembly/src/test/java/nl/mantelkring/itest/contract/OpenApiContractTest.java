package nl.mantelkring.itest.contract;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The API does what its document says: every response that the integration tests received (recorded by the IT
 * client, {@code nl.mantelkring.itest.Api}, one folder per pass: {@code h2}, {@code postgresql}) is validated
 * against the OpenAPI document the platform served in that pass, with Atlassian's OpenAPI validator
 * ({@code com.atlassian.oai:swagger-request-validator-core}): the status is listed for the operation, the content
 * type is one the response lists, the body matches its schema and the required headers are there. A request the
 * server accepted (2xx) must be valid for the document too (else the document is stricter than the API). A request
 * outside the document (an unknown path or a method the path does not have) must get a 404/405 (400 for an
 * unreadable path) problem+json.
 * <p>
 * The document is the union of every document served during the pass ({@code GET /openapi.json}, fetched after
 * each test), so each module's paths are in it even when a test uninstalls the module.
 * <p>
 * Runs in the Maven JVM after the integration tests (execution {@code openapi-contract} in the pom), not in the
 * Karaf container: the validator has many dependencies that are not OSGi bundles.
 */
@RunWith(Parameterized.class)
public class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/api/v1";
    private static final String DOCUMENT = BASE + "/openapi.json";
    private static final Set<String> OUTSIDE_DOCUMENT = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");

    private final String pass;

    public OpenApiContractTest(String pass) {
        this.pass = pass;
    }

    @Parameters(name = "{0}")
    public static Collection<Object[]> passes() throws IOException {
        Path base = base();
        if (!Files.isDirectory(base)) {
            return List.<Object[]>of(new Object[] {"(none recorded)"});
        }
        try (Stream<Path> dirs = Files.list(base)) {
            List<Object[]> passes = dirs.filter(Files::isDirectory).map(d -> new Object[] {d.getFileName().toString()})
                    .sorted((a, b) -> ((String) a[0]).compareTo((String) b[0])).collect(Collectors.toList());
            return passes.isEmpty() ? List.<Object[]>of(new Object[] {"(none recorded)"}) : passes;
        }
    }

    private static Path base() {
        return Path.of(System.getProperty("mantelkring.itest.exchanges", "target/itest/exchanges"));
    }

    /** One recorded exchange. */
    record Exchange(String test, String method, String path, String query, Map<String, List<String>> requestHeaders,
                    String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody) {

        static Exchange of(JsonNode n) {
            return new Exchange(n.path("test").asText(), n.path("method").asText(), n.path("path").asText(),
                    n.path("query").isNull() ? null : n.path("query").asText(null), headers(n.path("requestHeaders")),
                    n.path("requestBody").asText(null), n.path("status").asInt(),
                    headers(n.path("responseHeaders")), n.path("responseBody").asText(null));
        }

        private static Map<String, List<String>> headers(JsonNode n) {
            Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            n.fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                h.put(e.getKey(), values);
            });
            return h;
        }

        String header(Map<String, List<String>> headers, String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        String where() {
            return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status + " (" + test + ")";
        }
    }

    @Test
    public void everyRecordedResponseMatchesTheServedDocument() throws IOException {
        assumeTrue("no exchanges recorded (integration tests did not run)", !pass.startsWith("("));
        List<Exchange> exchanges = read(base().resolve(pass));
        assumeTrue("no exchanges recorded in " + pass, !exchanges.isEmpty());
        ObjectNode document = servedDocument(exchanges);
        // strict path matching: "/gemeenten/" is not "/gemeenten" (the API answers 404 for a trailing slash);
        // combinators resolved, so that an allOf of a problem and its extension members validates as one schema
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(JSON.writeValueAsString(document))
                .withStrictOperationPathMatching().withResolveCombinators(true).build();

        // one entry per distinct mismatch (operation, status, message), with how often and a first example
        Map<String, List<Exchange>> mismatches = new TreeMap<>();
        int checked = 0;
        int outside = 0;
        for (Exchange x : exchanges) {
            if (!x.path().startsWith(BASE + "/")) {
                continue; // the back-office and other non-API paths are not in the document
            }
            if (x.path().contains("/clustertest/")) {
                continue; // ClusterIT's own test fixture (clusterfixture), installed only there and not documented
            }
            if (startingUp(x)) {
                continue;
            }
            ValidationReport response = validator.validateResponse(x.path(), method(x), response(x));
            if (response.getMessages().stream().anyMatch(m -> OUTSIDE_DOCUMENT.contains(m.getKey()))) {
                outside++;
                String problem = outsideTheDocument(x);
                if (problem != null) {
                    mismatches.computeIfAbsent(x.method() + " " + x.path() + " -> " + x.status() + ": " + problem,
                            k -> new ArrayList<>()).add(x);
                }
                continue;
            }
            checked++;
            String operation = operation(document, x);
            for (ValidationReport.Message m : errors(response)) {
                mismatches.computeIfAbsent(operation + " -> " + x.status() + ": " + describe(m),
                        k -> new ArrayList<>()).add(x);
            }
            if (x.status() >= 200 && x.status() < 300) {
                for (ValidationReport.Message m : errors(validator.validateRequest(request(x)))) {
                    if (!OUTSIDE_DOCUMENT.contains(m.getKey())) {
                        mismatches.computeIfAbsent(operation + " accepted (" + x.status()
                                + ") a request the document refuses: " + describe(m), k -> new ArrayList<>()).add(x);
                    }
                }
            }
        }
        System.out.printf("OpenAPI contract (%s): %d exchanges checked against the served document, %d outside it"
                + " (unknown path or method), %d distinct mismatches%n", pass, checked, outside, mismatches.size());
        if (!mismatches.isEmpty()) {
            StringBuilder msg = new StringBuilder("Responses (or accepted requests) that differ from the served"
                    + " OpenAPI document in pass '" + pass + "'. Fix the document (a fragment, or platform.json)"
                    + " or the code:\n");
            mismatches.forEach((what, seen) -> msg.append("- ").append(what).append("\n    seen ").append(seen.size())
                    .append("x, e.g. ").append(seen.get(0).where()).append(": ")
                    .append(abbreviate(seen.get(0).responseBody())).append('\n'));
            fail(msg.toString());
        }
        assertFalse("no exchange was checked", checked == 0);
    }

    private static List<Exchange> read(Path dir) throws IOException {
        List<Exchange> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl")).sorted()::iterator) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        all.add(Exchange.of(JSON.readTree(line)));
                    }
                }
            }
        }
        return all;
    }

    /** The union of the documents served during the pass (the platform's own paths are in each). */
    static ObjectNode servedDocument(List<Exchange> exchanges) throws IOException {
        ObjectNode union = null;
        Set<String> seen = new java.util.HashSet<>();
        for (Exchange x : exchanges) {
            if (!"GET".equals(x.method()) || !DOCUMENT.equals(x.path()) || x.status() != 200
                    || !seen.add(x.responseBody())) {
                continue;
            }
            ObjectNode doc = (ObjectNode) JSON.readTree(x.responseBody());
            if (union == null) {
                union = doc;
                continue;
            }
            // a path's operations, and components, that an earlier document lacks (a module installed since)
            addMissingMembers(union.withObjectProperty("paths"), doc.path("paths"));
            addMissingMembers(union.withObjectProperty("components"), doc.path("components"));
        }
        if (union == null) {
            throw new AssertionError("no served OpenAPI document was recorded (GET " + DOCUMENT + " answering 200)");
        }
        return union;
    }

    /** For each member of {@code source} (an object of objects), adds the entries the target's member lacks. */
    private static void addMissingMembers(ObjectNode target, JsonNode source) {
        source.fields().forEachRemaining(member -> {
            ObjectNode into = target.withObjectProperty(member.getKey());
            member.getValue().fields().forEachRemaining(e -> {
                if (!into.has(e.getKey())) {
                    into.set(e.getKey(), e.getValue());
                }
            });
        });
    }

    /**
     * A readiness poll of a standalone node (CrashIT, ClusterIT) before its platform bundle has registered any servlet:
     * Jetty itself answers 404 then, before Mantelkring runs at all. The node is not the API yet; once the platform
     * runs, /api/v1 answers 503 problem+json until the API is served (PlatformIT checks that).
     */
    private static boolean startingUp(Exchange x) {
        // Jetty's own page while a standalone node starts, before the platform bundle (and its error handler) is
        // there: the platform cannot answer before it exists. Once it does, an API path without its servlet is 503.
        return "GET".equals(x.method()) && x.path().equals(BASE + "/health/ready") && x.status() == 404
                && x.responseBody() != null && x.responseBody().strip().startsWith("<html>");
    }

    /** A request outside the document: null when it got the problem+json the platform gives for it. */
    private static String outsideTheDocument(Exchange x) {
        if (x.status() != 400 && x.status() != 404 && x.status() != 405) {
            return "a path or method the document does not have answered " + x.status() + ", not 404/405";
        }
        String type = x.header(x.responseHeaders(), "Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "not application/problem+json but " + type;
        }
        try {
            JsonNode p = JSON.readTree(x.responseBody());
            if (p.path("status").asInt() != x.status() || !p.hasNonNull("type") || !p.hasNonNull("title")) {
                return "not a problem with type, title and status " + x.status();
            }
        } catch (IOException e) {
            return "body is not JSON";
        }
        if (x.status() == 405 && x.header(x.responseHeaders(), "Allow") == null) {
            return "405 without an Allow header";
        }
        return null;
    }

    private static List<ValidationReport.Message> errors(ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .collect(Collectors.toList());
    }

    /** {@code METHOD /template (operationId)} of the documented operation the exchange matched. */
    private static String operation(JsonNode document, Exchange x) {
        String path = x.path().substring(BASE.length());
        String method = x.method().toLowerCase(Locale.ROOT);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext();) {
            String template = it.next();
            if (!document.path("paths").path(template).has(method)) {
                continue;
            }
            String regex = java.util.Arrays.stream(template.split("/", -1))
                    .map(seg -> seg.matches("\\{[^}]+}") ? "[^/]+" : java.util.regex.Pattern.quote(seg))
                    .collect(Collectors.joining("/"));
            int literals = (int) java.util.Arrays.stream(template.split("/")).filter(seg -> !seg.startsWith("{"))
                    .count();
            if (path.matches(regex) && literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        if (best == null) {
            return x.method() + " " + x.path();
        }
        String id = document.path("paths").path(best).path(method).path("operationId").asText("");
        return x.method() + " " + best + (id.isEmpty() ? "" : " (" + id + ")");
    }

    private static String describe(ValidationReport.Message m) {
        String s = "[" + m.getKey() + "] " + m.getMessage();
        for (ValidationReport.Message nested : m.getNestedMessages()) {
            s += " / " + nested.getMessage();
        }
        return s;
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "(no body)";
        }
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    private static Request.Method method(Exchange x) {
        return Request.Method.valueOf(x.method().toUpperCase(Locale.ROOT));
    }

    private static SimpleResponse response(Exchange x) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(x.status());
        x.responseHeaders().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                b.withHeader(name, values);
            }
        });
        if (x.responseBody() != null && !x.responseBody().isEmpty()) {
            b.withBody(x.responseBody());
        }
        return b.build();
    }

    private static SimpleRequest request(Exchange x) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(x.method(), x.path());
        x.requestHeaders().forEach(b::withHeader);
        if (x.requestBody() != null) {
            b.withBody(x.requestBody());
        }
        for (Map.Entry<String, List<String>> q : query(x.query()).entrySet()) {
            b.withQueryParam(q.getKey(), q.getValue());
        }
        return b.build();
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            q.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return q;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a broken %-escape, sent on purpose
        }
    }
}

package nl.mantelkring.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small HTTP client for the API under test: real HTTP on the container's port. It records every exchange (one
 * JSON line each, in {@code <test class>.jsonl} under {@link #recordingDir()}); after the integration tests, {@code OpenApiContractTest} checks every
 * recorded response against the served OpenAPI document.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEMO_PASSWORD = "demo";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The bound on one request and on a state wait: only there to end a hung test, so far beyond any normal duration
     * (a 10,000-offering import took more than 30 s at a load average of 26 on two cores; CrashIT).
     */
    static final Duration PATIENCE = Duration.ofMinutes(3);
    private final String base;
    private final String root;

    private final String password;

    Api(int port) {
        this(port, DEMO_PASSWORD);
    }

    Api(int port, String password) {
        this.password = password;
        this.root = "http://localhost:" + port;
        this.base = root + "/api/v1";
    }

    /** One response, with its body parsed as JSON when it is JSON. */
    record Res(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    Res get(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    /** A GET of a path outside the API base, e.g. {@code /} or {@code /api/v2/x}. */
    Res getOutsideApi(String absolutePath) {
        return sendTo(root + absolutePath, null, "GET", null, null);
    }

    Res send(String user, String method, String path, String contentType, String body) {
        return sendTo(base + path, user, method, contentType, body);
    }

    /** A response read as bytes (a PDF): status, content type, body. */
    record Bin(int status, String contentType, byte[] body) {
        @Override
        public String toString() {
            return status + " " + contentType + " (" + body.length + " bytes)"
                    + (contentType != null && contentType.contains("json") ? " " + new String(body, StandardCharsets.UTF_8) : "");
        }
    }

    /**
     * A GET read as bytes, e.g. a PDF with {@code accept} {@code application/pdf}; {@code user} null for none,
     * {@code extraHeaders} for a citizen's cookie. Recorded for the contract check without its body when it is not
     * JSON.
     */
    Bin download(String user, String path, String accept, Map<String, String> extraHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(PATIENCE);
        extraHeaders.forEach(b::header);
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest request = b.GET().build();
        HttpResponse<byte[]> r;
        try {
            r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        }
        String type = r.headers().firstValue("Content-Type").orElse(null);
        record(request, null, r.statusCode(), r.headers(), type != null && type.contains("json")
                ? new String(r.body(), StandardCharsets.UTF_8) : "");
        return new Bin(r.statusCode(), type, r.body());
    }

    /** A GET with an {@code Accept} header, e.g. {@code text/csv}. */
    Res getAs(String user, String path, String accept) {
        return sendTo(base + path, user, "GET", null, null, accept);
    }

    private Res sendTo(String url, String user, String method, String contentType, String body) {
        return sendTo(url, user, method, contentType, body, null);
    }

    private Res sendTo(String url, String user, String method, String contentType, String body, String accept) {
        return sendTo(url, user, method, contentType, body, accept, Map.of());
    }

    /** A request with extra headers (e.g. {@code Cookie}, {@code X-CSRF-Token}) and no Basic credentials. */
    Res sendWith(Map<String, String> headers, String method, String path, String contentType, String body) {
        return sendTo(base + path, null, method, contentType, body, null, headers);
    }

    private Res sendTo(String url, String user, String method, String contentType, String body, String accept,
                       Map<String, String> extraHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(PATIENCE);
        extraHeaders.forEach(b::header);
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpRequest request = b.build();
        HttpResponse<String> r;
        try {
            r = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        }
        record(request, body, r);
        return new Res(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), r);
    }

    // ---- recording, for the contract check against the served OpenAPI document ------------------------------

    private static final Set<String> STARTED = new HashSet<>();
    private static volatile String lastTest = "unknown";
    /** {@code Class#method} of the running test, set by {@link MantelkringTestSupport}'s rule. */
    static volatile String currentTest;

    /**
     * Where this pass records: {@code mantelkring.itest.exchanges.dir} in a Pax Exam container (passed by
     * {@link MantelkringTestSupport}), else {@code h2} or {@code postgresql} under the build's
     * {@code mantelkring.itest.exchanges} (so the PostgreSQL pass keeps the H2 pass's recordings); null: none.
     */
    static String recordingDir() {
        String pass = System.getProperty("mantelkring.itest.exchanges.dir");
        if (pass != null) {
            return pass;
        }
        String base = System.getProperty("mantelkring.itest.exchanges");
        return base == null ? null : Path.of(base, TestDatabases.postgresql() ? "postgresql" : "h2").toString();
    }

    /** Appends one exchange to the recording of the calling test class (truncated at its first exchange). */
    static void record(HttpRequest request, String requestBody, HttpResponse<String> response) {
        record(request, requestBody, response.statusCode(), response.headers(), response.body());
    }

    /** As {@link #record(HttpRequest, String, HttpResponse)}, for a response read as bytes (its body not recorded). */
    static void record(HttpRequest request, String requestBody, int status, java.net.http.HttpHeaders headers,
                       String responseBody) {
        String dir = recordingDir();
        if (dir == null) {
            return;
        }
        String test = callingTest();
        // plain maps, not Jackson's tree classes: the probe bundle keeps no import of com.fasterxml.jackson.databind.node
        // (PlatformIT's feature installs refresh Jackson under it), while ObjectMapper itself stays wired
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("test", test);
        line.put("method", request.method());
        line.put("path", request.uri().getRawPath());
        line.put("query", request.uri().getRawQuery());
        Map<String, Object> reqHeaders = new java.util.LinkedHashMap<>();
        request.headers().map().forEach((name, values) -> reqHeaders.put(name, withoutSecrets(name, values)));
        line.put("requestHeaders", reqHeaders);
        line.put("requestBody", requestBody);
        line.put("status", status);
        Map<String, Object> resHeaders = new java.util.LinkedHashMap<>();
        headers.map().forEach((name, values) -> resHeaders.put(name, withoutSecrets(name, values)));
        line.put("responseHeaders", resHeaders);
        line.put("responseBody", responseBody);
        String testClass = test.contains("#") ? test.substring(0, test.indexOf('#')) : test;
        Path file = Path.of(dir, testClass + ".jsonl");
        synchronized (STARTED) {
            try {
                Files.createDirectories(file.getParent());
                // a class runs in one container: its first exchange starts the file afresh
                boolean first = STARTED.add(testClass);
                Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        first ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Header values as recorded: no credentials, session cookie values or CSRF tokens (their attributes stay). */
    private static List<String> withoutSecrets(String name, List<String> values) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "authorization" -> List.of("Basic (recorded without credentials)");
            case "cookie", "set-cookie" -> values.stream().map(v -> v.replaceAll("(mk_[a-z]+)=[^;]*", "$1=(value not recorded)"))
                    .toList();
            case "x-csrf-token" -> List.of("(not recorded)");
            default -> values;
        };
    }

    /**
     * The running test ({@link #currentTest}), else {@code Class#method} of the integration test on the stack, else
     * the last one seen (a pool thread).
     */
    private static String callingTest() {
        if (currentTest != null) {
            return currentTest;
        }
        String found = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("nl.mantelkring.itest.") && f.getClassName().endsWith("IT"))
                .reduce((first, second) -> second) // the outermost: the test method, not a helper
                .map(f -> f.getClassName().substring("nl.mantelkring.itest.".length()) + "#" + f.getMethodName())
                .orElse(null));
        if (found == null) {
            return lastTest;
        }
        lastTest = found;
        return found;
    }

    Res json(String user, String method, String path, String body) {
        return send(user, method, path, "application/json", body);
    }

    /** Polls until the path answers the status (the REST endpoint is republished when resources change). */
    Res await(String user, String path, int status) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Res r;
        do {
            r = get(user, path);
            if (r.status() == status) {
                return r;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("GET " + path + " did not answer " + status + " within " + PATIENCE + "; last: " + r);
    }

    /** An answer read off the socket: status, headers (names lower case), body (de-chunked). */
    record RawRes(int status, java.util.Map<String, String> headers, String body) {
        String contentType() {
            return headers.get("content-type");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    /**
     * Sends the request text as it is, on a connection of its own (Java's HTTP client refuses malformed URLs and
     * headers), with {@code Connection: close} added, and reads the answer until the server closes.
     */
    RawRes raw(String requestLineAndHeaders) {
        String head = requestLineAndHeaders + "Host: localhost\r\nConnection: close\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket(URI.create(root).getHost(), URI.create(root).getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            // one char per byte while taking the message apart (chunk sizes count bytes); the body is UTF-8
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = answer.indexOf("\r\n\r\n");
            String[] lines = answer.substring(0, end).split("\r\n");
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            String body = answer.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                StringBuilder b = new StringBuilder();
                int at = 0;
                while (true) {
                    int eol = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    b.append(body, eol + 2, eol + 2 + size);
                    at = eol + 2 + size + 2;
                }
                body = b.toString();
            }
            return new RawRes(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(requestLineAndHeaders + " failed: " + e, e);
        }
    }
}

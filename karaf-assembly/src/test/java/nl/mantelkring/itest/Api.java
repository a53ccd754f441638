package nl.mantelkring.itest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for the API under test: real HTTP on the container's port. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEMO_PASSWORD = "demo";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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

    /** A GET with an {@code Accept} header, e.g. {@code text/csv}. */
    Res getAs(String user, String path, String accept) {
        return sendTo(base + path, user, "GET", null, null, accept);
    }

    private Res sendTo(String url, String user, String method, String contentType, String body) {
        return sendTo(url, user, method, contentType, body, null);
    }

    private Res sendTo(String url, String user, String method, String contentType, String body, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
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
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        }
    }

    Res json(String user, String method, String path, String body) {
        return send(user, method, path, "application/json", body);
    }

    /** Polls until the path answers the status (the REST endpoint is republished when resources change). */
    Res await(String user, String path, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
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
        throw new AssertionError("GET " + path + " did not answer " + status + " within 30 s; last: " + r);
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

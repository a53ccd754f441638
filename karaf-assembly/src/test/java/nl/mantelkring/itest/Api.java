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
}

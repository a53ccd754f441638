package nl.mantelkring.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A real Jetty with no servlet registered, as a node is for a moment while it starts (or while its servlets are
 * registered again): what Jetty answers itself is problem+json, and a path of the API is unavailable (503), not
 * missing.
 */
public class ProblemErrorHandlerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private Server server;
    private int port;

    @BeforeEach
    public void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setErrorHandler(new ProblemErrorHandler());
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    public void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void anApiPathWithoutItsServletIsUnavailableForAMoment() throws Exception {
        for (String path : new String[] {"/api/v1/health/ready", "/api/v1", "/api/v1/gemeenten"}) {
            HttpResponse<String> r = get(path);
            assertEquals(503, r.statusCode(), path + ": " + r.body());
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
            JsonNode p = RestServer.objectMapper().readTree(r.body());
            assertEquals(503, p.path("status").asInt());
            assertEquals(path, p.path("instance").asText());
        }
        assertEquals("DOWN", RestServer.objectMapper().readTree(get("/api/v1/health/ready").body())
                .path("controles").path("api").asText());
    }

    @Test
    public void anyOtherPathIsNotFoundAsProblemJson() throws Exception {
        for (String path : new String[] {"/", "/backoffice", "/api/v10/x", "/apix"}) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertEquals(404, RestServer.objectMapper().readTree(r.body()).path("status").asInt());
        }
    }
}

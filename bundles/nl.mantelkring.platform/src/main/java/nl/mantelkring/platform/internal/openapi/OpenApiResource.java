package nl.mantelkring.platform.internal.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.PublicEndpoint;
import nl.mantelkring.platform.internal.module.InstalledModule;
import nl.mantelkring.platform.internal.module.ModuleRegistry;

/**
 * {@code /openapi.json}: the platform's OpenAPI 3 document merged with the fragment of every installed module
 * (paths, tags and components), so it describes exactly what this installation serves. The platform then adds to
 * every operation the error responses its own filters give on any operation ({@link #addPlatformResponses}), so a
 * fragment cannot forget them.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("openapi.json")
public class OpenApiResource implements RestResource {

    static final String PLATFORM_DOCUMENT = "/openapi/platform.json";
    /** The security scheme of the citizen's session ({@code @CitizenAccess} operations). */
    public static final String CITIZEN_SCHEME = "burgerCookie";
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head",
            "options", "trace");

    private final ModuleRegistry modules;
    private final ObjectNode platform;

    @Activate
    public OpenApiResource(@Reference ModuleRegistry modules) throws IOException {
        this.modules = modules;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(PLATFORM_DOCUMENT)) {
            this.platform = (ObjectNode) JSON.readTree(in);
        }
    }

    @GET
    @PublicEndpoint
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode document() {
        ObjectNode doc = platform.deepCopy();
        for (InstalledModule m : modules.installed()) {
            String resource = m.descriptor().openApiResource();
            if (resource == null) {
                continue;
            }
            URL url = m.bundle().getEntry(resource);
            if (url == null) {
                LOG.warn("Module '{}' names OpenAPI fragment {} but its bundle has none", m.id(), resource);
                continue;
            }
            try (InputStream in = url.openStream()) {
                merge(doc, JSON.readTree(in));
            } catch (IOException e) {
                LOG.warn("OpenAPI fragment of module '{}' is unreadable", m.id(), e);
            }
        }
        addPlatformResponses(doc);
        return doc;
    }

    /**
     * Lists on every operation the responses that the platform's filters and servlets give on any operation, where
     * the operation does not list them itself: 400 (an unreadable {@code Content-Length}), 406, 413 (the body
     * limit), 500 and 503 (the API is starting or restarting; the database is unreachable) on all; on an operation
     * that needs staff authentication also 401, 403 and 429 (the password-guessing limit); on a citizen's operation
     * (security {@value #CITIZEN_SCHEME}) 401 and 403; on an anonymous operation of a tenant (the loket) 429 (the
     * limit per client address); 404 when its path names a tenant; 415 on an operation with a request body. The responses of an operation end up in status order.
     */
    static void addPlatformResponses(ObjectNode doc) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            boolean tenantPath = path.getKey().contains("{gemeentecode}");
            for (Iterator<Map.Entry<String, JsonNode>> it = path.getValue().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!HTTP_METHODS.contains(e.getKey()) || !(e.getValue() instanceof ObjectNode op)) {
                    continue;
                }
                boolean open = op.path("security").isArray() && op.path("security").isEmpty();
                boolean citizen = op.path("security").toString().contains("\"" + CITIZEN_SCHEME + "\"");
                Map<String, String> add = new TreeMap<>(Map.of("400", "BadRequest", "406", "NotAcceptable",
                        "413", "PayloadTooLarge", "500", "InternalError", "503", "ServiceUnavailable"));
                if (citizen) {
                    // a citizen's operation: the session (401), its CSRF token (403), the tenant and module gate (404)
                    add.putAll(Map.of("401", "NietAangemeldBurger", "403", "Forbidden"));
                } else if (!open) {
                    add.putAll(Map.of("401", "Unauthorized", "403", "Forbidden", "429", "TooManyRequests"));
                } else if (tenantPath) {
                    // anonymous operations of the loket: limited per client address
                    add.put("429", "TeVeelVerzoeken");
                }
                if (tenantPath) {
                    add.put("404", "NotFound");
                }
                if (op.has("requestBody")) {
                    add.put("415", "UnsupportedMediaType");
                }
                ObjectNode responses = op.with("responses");
                add.forEach((status, name) -> {
                    if (!responses.has(status)) {
                        responses.putObject(status).put("$ref", "#/components/responses/" + name);
                    }
                });
                TreeMap<String, JsonNode> sorted = new TreeMap<>();
                responses.fields().forEachRemaining(r -> sorted.put(r.getKey(), r.getValue()));
                responses.removeAll();
                responses.setAll(sorted);
            }
        }
    }

    /** Adds a fragment's paths, tags and components to the document; the document wins on clashes. */
    static void merge(ObjectNode doc, JsonNode fragment) {
        mergeObject(doc.with("paths"), fragment.path("paths"));
        JsonNode components = fragment.path("components");
        for (Iterator<Map.Entry<String, JsonNode>> it = components.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            mergeObject(doc.with("components").with(e.getKey()), e.getValue());
        }
        if (fragment.path("tags").isArray()) {
            fragment.path("tags").forEach(t -> doc.withArray("tags").add(t));
        }
    }

    private static void mergeObject(ObjectNode target, JsonNode source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!target.has(e.getKey())) {
                target.set(e.getKey(), e.getValue());
            }
        }
    }
}

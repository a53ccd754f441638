package nl.mantelkring.platform.internal.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Iterator;
import java.util.Map;

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
 * (paths, tags and components), so it describes exactly what this installation serves.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("openapi.json")
public class OpenApiResource implements RestResource {

    static final String PLATFORM_DOCUMENT = "/openapi/platform.json";
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

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
        return doc;
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

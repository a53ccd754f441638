package nl.mantelkring.platform.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module announces itself by registering this service. The platform lists installed modules, lets a
 * municipal administrator enable them per tenant, and answers 404 for calls to the API of a module that the
 * tenant has not enabled. The module's version is the version of the bundle that registers this service.
 *
 * <p>A module's REST resources are ordinary services carrying the property {@link #MODULE_PROPERTY} with the
 * module's {@link #id()}; their class-level {@code @Path} starts with {@code gemeenten/{gemeentecode}/} followed
 * by one of {@link #apiPaths()}.
 */
@ConsumerType
public interface MantelkringModule {

    /** Service property that marks a JAX-RS resource service and names the module that owns it. */
    String MODULE_PROPERTY = "mantelkring.module";

    /** The module id of the platform itself; its resources are always available. */
    String PLATFORM = "platform";

    /** Stable technical id, lower case, e.g. {@code registration}. */
    String id();

    /** Display name in Dutch, e.g. {@code Mantelzorgregistratie}. */
    String name();

    /** One-sentence description in Dutch. */
    String description();

    /**
     * The path segments under {@code /api/v1/gemeenten/{gemeentecode}/} that this module owns, e.g.
     * {@code mantelzorgers}. The first is the module's main path.
     */
    List<String> apiPaths();

    /** Whether the module contributes pages to the back-office. */
    boolean hasUi();

    /**
     * A resource in the module's bundle holding its OpenAPI 3 fragment (JSON); the platform merges the fragments
     * of installed modules into {@code /api/v1/openapi.json}. {@code null} when the module publishes none.
     */
    default String openApiResource() {
        return "/openapi/fragment.json";
    }
}

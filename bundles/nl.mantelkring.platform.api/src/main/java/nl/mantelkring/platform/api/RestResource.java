package nl.mantelkring.platform.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Marks a JAX-RS resource (a class annotated with {@code javax.ws.rs.Path}) that the platform publishes under
 * {@code /api/v1}. Register it as a service of this type with the property {@link MantelkringModule#MODULE_PROPERTY}
 * naming the owning module, e.g.
 * {@code @Component(service = RestResource.class, property = "mantelkring.module=registration")}. The resource
 * knows nothing of the HTTP stack: authentication, tenant checks, module gating, audit and error mapping are done
 * by the platform.
 */
@ConsumerType
public interface RestResource {
}

package nl.mantelkring.platform.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which roles may call a resource method (or every method of a resource class). Access is denied by
 * default: a resource method carrying neither this annotation (on the method or its class) nor
 * {@link PublicEndpoint} answers 403 to everyone.
 *
 * <p>When the request path holds a {@code {gemeentecode}}, a per-tenant role counts only when the caller holds
 * it in that tenant; a caller without any role in that tenant gets 404, so that the tenant's existence is not
 * confirmed. {@link Role#PLATFORM_ADMIN} counts in every tenant, but only where it is listed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {
    Role[] value();
}

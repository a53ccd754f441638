package nl.mantelkring.platform.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a module's resource method that anyone may call without signing in, for the municipality's public front
 * door (the loket): the self-check, the respite guide, this year's appreciation explained. The path must hold a
 * {@code {gemeentecode}}; the platform then still refuses (404) a code of the wrong shape, a tenant that is not
 * active and a module that is not enabled there, exactly as for a signed-in caller.
 *
 * <p>The platform limits anonymous calls per client address (429 with {@code Retry-After} beyond the installation's
 * limit) and bounds request bodies as everywhere. An anonymous operation must never take or reveal anything about
 * a person (it cannot tell whether someone is registered), and it is not audited: there is no actor. A method
 * carrying this annotation needs no {@link Allowed}.
 *
 * @since 1.2
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Anonymous {
}

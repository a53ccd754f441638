package nl.mantelkring.platform.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a module's resource method that a citizen signed in with DigiD calls about themself, from the loket. Such a
 * method lives under {@code burgers/gemeenten/{gemeentecode}/<one of the module's apiPaths>/...} (the citizen's
 * session cookie is sent only below {@code /api/v1/burgers}); the platform refuses a request without a valid
 * citizen session (401), an unsafe method without the session's {@code X-CSRF-Token} (403), and a tenant or module
 * that is not active or enabled (404). Staff credentials never reach such a method, and a citizen session never
 * reaches any other.
 *
 * <p>The resource gets the citizen with {@code Citizen.of(securityContext.getUserPrincipal())} and works only on that
 * person: the BSN comes from the session, never from the request. {@code Audited} applies as everywhere, with the
 * citizen's pseudonym as the actor and {@code burger} as the role; an operation that touches a record not named in
 * the path tells the audit entry which with {@link Citizen#concerns(String)}. A method carrying this annotation needs
 * no {@link Allowed}.
 *
 * @since 1.2
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CitizenAccess {
}

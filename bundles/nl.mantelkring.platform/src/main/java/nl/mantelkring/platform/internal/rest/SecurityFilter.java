package nl.mantelkring.platform.internal.rest;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.Anonymous;
import nl.mantelkring.platform.api.Citizen;
import nl.mantelkring.platform.api.CitizenAccess;
import nl.mantelkring.platform.api.Gemeentecode;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.PublicEndpoint;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.internal.loket.AnonymousLimits;
import nl.mantelkring.platform.internal.module.ModuleRegistry;
import nl.mantelkring.platform.internal.oidc.CitizenPrincipal;
import nl.mantelkring.platform.internal.oidc.CitizenSessions;
import nl.mantelkring.platform.internal.security.Authenticator;
import nl.mantelkring.platform.internal.security.Caller;
import nl.mantelkring.platform.internal.security.RoleGrants;
import nl.mantelkring.platform.internal.session.SessionRequests;
import nl.mantelkring.platform.internal.session.SessionStore;
import nl.mantelkring.platform.internal.session.Sessions;
import nl.mantelkring.platform.internal.tenant.TenantStatus;
import nl.mantelkring.platform.internal.tenant.TenantStore;

/**
 * The one place where access is decided, for every resource of every module. Deny by default:
 * <ol>
 * <li>{@link PublicEndpoint} methods pass;</li>
 * <li>{@link Anonymous} methods (the loket's public operations) pass without sign-in, counted against the client
 * address's limit ({@link AnonymousLimits}: 429 beyond it), and only on a tenant path of an active tenant where the
 * module is enabled (404 otherwise);</li>
 * <li>{@link CitizenAccess} methods need the citizen session cookie ({@link CitizenSessions}; 401 without, the
 * session's CSRF token on unsafe methods, 403 without) and the same tenant and module gate; nothing else of the
 * request is taken as a credential;</li>
 * <li>a token in the query string ({@code access_token}) is refused with 401;</li>
 * <li>otherwise a bearer token (JWT of the staff provider, {@code BearerTokens}: refused → 401
 * {@code error="invalid_token"}), HTTP Basic against the realm (scripts), or else the staff session cookie
 * {@code mk_sessie}
 * ({@link Sessions}; an unsafe method then needs the session's {@code X-CSRF-Token}, else 403); without either
 * 401, with the Basic challenge {@code WWW-Authenticate} unless a browser's script asked (so that the browser shows
 * no login dialog of its own) or a session cookie came along (ended: the answer clears it). The caller's roles are
 * the realm's (for a session: those it was given at sign-in) plus those granted in the database
 * ({@link RoleGrants}, read on every request);</li>
 * <li>a method without {@link Allowed} is refused (403);</li>
 * <li>with a {@code {gemeentecode}} in the path: a code that is not of the shape {@code GM} + four digits is not
 * found (404) for everyone; a caller without a role in that tenant gets 404 (existence is
 * not confirmed), a caller with the wrong role 403; a module resource answers 404 unless the module is
 * installed and enabled for an active tenant and the path lies under one of the module's announced
 * {@code apiPaths};</li>
 * <li>without a tenant in the path: the caller needs one of the roles in some tenant.</li>
 * </ol>
 */
@Priority(Priorities.AUTHENTICATION)
public class SecurityFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityFilter.class);
    static final String CHALLENGE = "Basic realm=\"Mantelkring\", charset=\"UTF-8\"";
    static final String CSRF_PROBLEM = Problems.of("csrf");
    static final String BEARER_INVALID = "Bearer realm=\"Mantelkring\", error=\"invalid_token\"";

    @Context
    private ResourceInfo resourceInfo;

    @Context
    private javax.servlet.http.HttpServletRequest servletRequest;

    private final Authenticator authenticator;
    /** OAuth2 bearer tokens (JWT of the staff provider): the caller, or empty when refused. */
    private final Function<String, Optional<Caller>> bearerTokens;
    private final Sessions sessions;
    private final RoleGrants grants;
    private final TenantStore tenants;
    private final ModuleRegistry modules;
    private final Function<Class<?>, String> moduleOfResource;
    private final CitizenSessions citizens;
    private final AnonymousLimits limits;

    public SecurityFilter(Authenticator authenticator, Function<String, Optional<Caller>> bearerTokens,
                          Sessions sessions, RoleGrants grants, TenantStore tenants, ModuleRegistry modules,
                          Function<Class<?>, String> moduleOfResource, CitizenSessions citizens,
                          AnonymousLimits limits) {
        this.citizens = citizens;
        this.limits = limits;
        this.authenticator = authenticator;
        this.bearerTokens = bearerTokens;
        this.sessions = sessions;
        this.grants = grants;
        this.tenants = tenants;
        this.modules = modules;
        this.moduleOfResource = moduleOfResource;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null || method.isAnnotationPresent(PublicEndpoint.class)) {
            return;
        }
        String path = ctx.getUriInfo().getRequestUri().getRawPath();
        if (method.isAnnotationPresent(Anonymous.class)) {
            anonymous(ctx, path);
            return;
        }
        if (method.isAnnotationPresent(CitizenAccess.class)) {
            citizen(ctx, path);
            return;
        }
        String authorization = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (ctx.getUriInfo().getQueryParameters().containsKey("access_token")) {
            // a token in a URL ends up in logs and browser history: never accepted (RFC 6750 allows refusing it)
            deny(ctx, invalidToken(path, "Een token hoort in de Authorization-header, niet in de URL."));
            return;
        }
        String sessionCookie = SessionRequests.cookie(ctx, sessions.cookieName(Sessions.Kind.STAFF));
        Caller c = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? byBearer(ctx, authorization.substring(7).strip(), path)
                : authorization == null && sessionCookie != null ? bySession(ctx, sessionCookie, path)
                : byBasic(ctx, authorization, path);
        if (c == null) {
            return;
        }

        Allowed allowed = method.getAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = resourceInfo.getResourceClass().getAnnotation(Allowed.class);
        }
        if (allowed == null) {
            LOG.warn("Resource method {} declares no @Allowed roles; refused", method);
            deny(ctx, forbidden(path));
            return;
        }
        List<Role> roles = Arrays.asList(allowed.value());
        String tenant = ctx.getUriInfo().getPathParameters().getFirst(RequestAttributes.TENANT_PARAM);
        if (tenant == null) {
            if (!c.hasAnyAnywhere(roles)) {
                deny(ctx, forbidden(path));
            }
            return;
        }
        if (!Gemeentecode.isValid(tenant)) {
            // no tenant has a code of another shape: refused before anything (audit, queries) uses it
            deny(ctx, notFound(path));
            return;
        }
        ctx.setProperty(RequestAttributes.TENANT, tenant);
        boolean asPlatformAdmin = c.isPlatformAdmin() && roles.contains(Role.PLATFORM_ADMIN);
        if (!asPlatformAdmin && !c.belongsTo(tenant)) {
            deny(ctx, notFound(path));
            return;
        }
        if (!c.hasAnyIn(tenant, roles)) {
            deny(ctx, forbidden(path));
            return;
        }
        moduleGate(ctx, tenant, path, false);
    }

    /**
     * A module resource answers only for an active tenant that enabled the module, and only under the API paths
     * the module announced ({@code [burgers/]gemeenten/{gemeentecode}/<apiPath>/...}); with {@code tenantToo}, a
     * platform resource also needs the tenant to exist and be active (for callers who hold no role there). True when
     * the request may go on.
     */
    private boolean moduleGate(ContainerRequestContext ctx, String tenant, String path, boolean tenantToo) {
        String module = moduleOfResource.apply(resourceInfo.getResourceClass());
        boolean platform = module == null || MantelkringModule.PLATFORM.equals(module);
        if (platform && !tenantToo) {
            return true;
        }
        boolean active = tenants.find(tenant).map(t -> t.status() == TenantStatus.ACTIVE).orElse(false);
        if (platform) {
            if (!active) {
                ctx.abortWith(notFound(path));
            }
            return active;
        }
        var segments = ctx.getUriInfo().getPathSegments();
        String owned = "";
        for (int i = 0; i + 2 < segments.size(); i++) {
            if ("gemeenten".equals(segments.get(i).getPath()) && tenant.equals(segments.get(i + 1).getPath())) {
                owned = segments.get(i + 2).getPath();
                break;
            }
        }
        String announced = owned;
        boolean ownsPath = modules.find(module).map(m -> m.apiPaths().contains(announced)).orElse(false);
        if (!ownsPath && modules.find(module).isPresent()) {
            LOG.warn("Module '{}' serves a path outside its announced apiPaths; refused", module);
        }
        if (!active || !ownsPath || !modules.isEnabled(tenant, module)) {
            ctx.abortWith(ProblemResponses.of(404, Problems.NOT_FOUND, "Niet gevonden",
                    "Deze module is niet ingeschakeld voor deze gemeente.", null, path));
            return false;
        }
        return true;
    }

    /** An {@link Anonymous} operation: the client's limit, then the tenant and module gate. */
    private void anonymous(ContainerRequestContext ctx, String path) {
        String address = limits.clientAddress(servletRequest == null ? null : servletRequest.getRemoteAddr(),
                ctx::getHeaderString);
        AnonymousLimits.Verdict verdict = limits.acquire(address);
        if (!verdict.allowed()) {
            deny(ctx, Response.fromResponse(ProblemResponses.of(429, Problems.of("te-veel-verzoeken"),
                    "Te veel verzoeken", "U heeft in korte tijd te veel verzoeken gedaan. Probeer het over "
                            + verdict.retryAfterSeconds() + " seconden opnieuw.", null, path))
                    .header("Retry-After", String.valueOf(verdict.retryAfterSeconds())).build());
            return;
        }
        if (ctx.getLength() > limits.maxBodyBytes()) {
            deny(ctx, ProblemResponses.of(413, Problems.TOO_LARGE, "Verzoek te groot",
                    "Zonder inloggen mag een verzoek hoogstens " + limits.maxBodyBytes() + " bytes zijn.", null, path));
            return;
        }
        String tenant = ctx.getUriInfo().getPathParameters().getFirst(RequestAttributes.TENANT_PARAM);
        if (tenant == null) {
            LOG.warn("Anonymous resource method {} has no {{}} in its path; refused",
                    resourceInfo.getResourceMethod(), RequestAttributes.TENANT_PARAM);
            deny(ctx, notFound(path));
            return;
        }
        if (!Gemeentecode.isValid(tenant)) {
            deny(ctx, notFound(path));
            return;
        }
        ctx.setProperty(RequestAttributes.TENANT, tenant);
        moduleGate(ctx, tenant, path, true);
    }

    /**
     * A {@link CitizenAccess} operation: the citizen session cookie (and its CSRF token on unsafe methods), under
     * {@code burgers/gemeenten/{gemeentecode}/...}, then the tenant and module gate. Staff credentials are not looked
     * at.
     */
    private void citizen(ContainerRequestContext ctx, String path) {
        String tenant = ctx.getUriInfo().getPathParameters().getFirst(RequestAttributes.TENANT_PARAM);
        var segments = ctx.getUriInfo().getPathSegments();
        if (tenant == null || segments.isEmpty() || !"burgers".equals(segments.get(0).getPath())) {
            LOG.warn("Citizen resource method {} is not under burgers/gemeenten/{{}}; refused",
                    resourceInfo.getResourceMethod(), RequestAttributes.TENANT_PARAM);
            deny(ctx, notFound(path));
            return;
        }
        String cookie = SessionRequests.cookie(ctx, citizens.cookieName());
        Optional<CitizenPrincipal> found = citizens.find(cookie);
        if (found.isEmpty()) {
            Response.ResponseBuilder refused = Response.fromResponse(ProblemResponses.of(401, Problems.UNAUTHORIZED,
                    "Niet aangemeld", "Meld u aan met DigiD om dit te doen.", null, path));
            if (cookie != null) {
                refused.header(HttpHeaders.SET_COOKIE, citizens.clearCookie(
                        SessionRequests.secure(ctx.getUriInfo(), ctx.getHeaderString("X-Forwarded-Proto"))));
            }
            deny(ctx, refused.build());
            return;
        }
        if (!Gemeentecode.isValid(tenant)) {
            deny(ctx, notFound(path));
            return;
        }
        CitizenPrincipal citizen = found.get();
        ctx.setProperty(RequestAttributes.TENANT, tenant);
        ctx.setProperty(RequestAttributes.CITIZEN, citizen);
        ctx.setSecurityContext(new CitizenSecurityContext(citizen, ctx.getSecurityContext().isSecure()));
        if (SessionRequests.unsafe(ctx.getMethod())
                && !SessionStore.sameToken(citizen.csrfToken(), ctx.getHeaderString(SessionRequests.CSRF_HEADER))) {
            deny(ctx, csrfRefused(path));
            return;
        }
        moduleGate(ctx, tenant, path, true);
    }

    /** Exposes the citizen to resources: {@code Citizen.of(security.getUserPrincipal())}. */
    record CitizenSecurityContext(CitizenPrincipal citizen, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return citizen;
        }

        @Override
        public boolean isUserInRole(String role) {
            return Citizen.ROLE.equals(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "DigiD";
        }
    }

    /** The caller of a bearer token (JWT of the staff provider); null when refused (401 invalid_token). */
    private Caller byBearer(ContainerRequestContext ctx, String token, String path) {
        Optional<Caller> bearer = bearerTokens.apply(token);
        if (bearer.isEmpty()) {
            deny(ctx, invalidToken(path, "Het bearer-token is ongeldig of verlopen."));
            return null;
        }
        Caller c = bearer.get().withGrants(grants.of(bearer.get().getName()));
        ctx.setProperty(RequestAttributes.CALLER, c);
        ctx.setSecurityContext(new CallerSecurityContext(c, ctx.getSecurityContext().isSecure(), "Bearer"));
        return c;
    }

    private static Response invalidToken(String path, String detail) {
        return Response.fromResponse(ProblemResponses.of(401, Problems.UNAUTHORIZED, "Niet geauthenticeerd", detail,
                null, path)).header(HttpHeaders.WWW_AUTHENTICATE, BEARER_INVALID).build();
    }

    /** The caller of a request with HTTP Basic (or none); null when refused (the request is aborted). */
    private Caller byBasic(ContainerRequestContext ctx, String authorization, String path) {
        Authenticator.Result result = authenticate(authorization);
        if (result instanceof Authenticator.Blocked blocked) {
            deny(ctx, Response.fromResponse(ProblemResponses.of(429, Problems.of("te-veel-pogingen"),
                    "Te veel aanmeldpogingen", "Te veel mislukte aanmeldingen voor deze gebruikersnaam; probeer het over "
                            + blocked.retryAfterSeconds() + " seconden opnieuw.", null, path))
                    .header("Retry-After", String.valueOf(blocked.retryAfterSeconds())).build());
            return null;
        }
        if (!(result instanceof Authenticator.Authenticated authenticated)) {
            Response.ResponseBuilder refused = Response.fromResponse(ProblemResponses.of(401, Problems.UNAUTHORIZED,
                    "Niet geauthenticeerd", "Meld u aan met gebruikersnaam en wachtwoord (HTTP Basic).", null, path));
            // a script of a browser page (fetch) gets no challenge: the browser would show its own login dialog
            if (!fromBrowserScript(ctx)) {
                refused.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            }
            deny(ctx, refused.build());
            return null;
        }
        Caller c = authenticated.caller().withGrants(grants.of(authenticated.caller().getName()));
        ctx.setProperty(RequestAttributes.CALLER, c);
        ctx.setSecurityContext(new CallerSecurityContext(c, ctx.getSecurityContext().isSecure(),
                SecurityContext.BASIC_AUTH));
        return c;
    }

    /**
     * The caller of a request with the staff session cookie; null when refused: the session ended (401, the cookie
     * cleared) or an unsafe method lacks the session's CSRF token (403, audited as refused like any denial).
     */
    private Caller bySession(ContainerRequestContext ctx, String cookie, String path) {
        Optional<Sessions.Session> found = sessions.find(Sessions.Kind.STAFF, cookie);
        if (found.isEmpty()) {
            boolean secure = SessionRequests.secure(ctx.getUriInfo(), ctx.getHeaderString("X-Forwarded-Proto"));
            deny(ctx, Response.fromResponse(ProblemResponses.of(401, Problems.UNAUTHORIZED, "Sessie verlopen",
                    "Uw sessie is verlopen of beëindigd; meld u opnieuw aan.", null, path))
                    .header(HttpHeaders.SET_COOKIE, sessions.setCookie(Sessions.Kind.STAFF, null, secure)).build());
            return null;
        }
        Sessions.Session session = found.get();
        // the roles of the sign-in plus the grants as they are now: a revoked grant ends access at once
        Caller c = Caller.fromRealmRoles(session.subject(), session.roles()).withGrants(grants.of(session.subject()));
        ctx.setProperty(RequestAttributes.CALLER, c);
        ctx.setSecurityContext(new CallerSecurityContext(c, ctx.getSecurityContext().isSecure(),
                SecurityContext.FORM_AUTH));
        if (SessionRequests.unsafe(ctx.getMethod())
                && !SessionStore.sameToken(session.csrfToken(), ctx.getHeaderString(SessionRequests.CSRF_HEADER))) {
            // the refusal is audited in the chain of the tenant the request names, as other refusals are
            String tenant = ctx.getUriInfo().getPathParameters().getFirst(RequestAttributes.TENANT_PARAM);
            if (tenant != null && Gemeentecode.isValid(tenant)) {
                ctx.setProperty(RequestAttributes.TENANT, tenant);
            }
            deny(ctx, csrfRefused(path));
            return null;
        }
        return c;
    }

    /** The 403 of an unsafe request of a session without its CSRF token. */
    public static Response csrfRefused(String path) {
        return ProblemResponses.of(403, CSRF_PROBLEM, "Verzoek geweigerd",
                "Het verzoek mist het juiste CSRF-token in de header " + SessionRequests.CSRF_HEADER
                        + ". Laad de pagina opnieuw en probeer het nog eens.", null, path);
    }

    /** A script of a web page asked (fetch or XMLHttpRequest): the browser says so in Sec-Fetch-Mode. */
    private static boolean fromBrowserScript(ContainerRequestContext ctx) {
        String mode = ctx.getHeaderString("Sec-Fetch-Mode");
        return mode != null && !"navigate".equalsIgnoreCase(mode.trim());
    }

    private Authenticator.Result authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Authenticator.Refused();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Authenticator.Refused();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return new Authenticator.Refused();
        }
        return authenticator.login(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static void deny(ContainerRequestContext ctx, Response response) {
        ctx.setProperty(RequestAttributes.DENIED, Boolean.TRUE);
        ctx.abortWith(response);
    }

    private static Response forbidden(String path) {
        return ProblemResponses.of(403, Problems.FORBIDDEN, "Geen toegang",
                "Uw rol geeft geen toegang tot deze handeling.", null, path);
    }

    private static Response notFound(String path) {
        return ProblemResponses.of(404, Problems.NOT_FOUND, "Niet gevonden", "Er is geen resource op dit pad.",
                null, path);
    }

    /** Exposes the caller to resources through the standard JAX-RS {@link SecurityContext}. */
    record CallerSecurityContext(Caller caller, boolean secure, String scheme) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        /** True for {@code platform-admin} or {@code <role>@<gemeentecode>} that the caller holds. */
        @Override
        public boolean isUserInRole(String role) {
            int at = role.indexOf('@');
            if (at < 0) {
                return Role.byName(role).map(r -> r == Role.PLATFORM_ADMIN && caller.isPlatformAdmin()).orElse(false);
            }
            String tenant = role.substring(at + 1);
            return Role.byName(role.substring(0, at)).map(r -> caller.rolesIn(tenant).contains(r)).orElse(false);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return scheme;
        }
    }
}

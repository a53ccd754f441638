package nl.mantelkring.platform.internal.oidc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.CookieParam;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.nimbusds.jwt.JWTClaimsSet;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.PublicEndpoint;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.internal.rest.ApiInfo;
import nl.mantelkring.platform.internal.rest.ProblemResponses;
import nl.mantelkring.platform.internal.session.SessionRequests;
import nl.mantelkring.platform.internal.session.Sessions;

/**
 * Citizens' sign-in with DigiD through the broker ({@link CitizenOidc}) and their session: {@code GET
 * /burgers/sessies/oidc}, the redirect URI {@code GET /burgers/sessies/oidc/terugkeer}, who am I ({@code GET
 * /burgers/sessies/huidige}, BSN masked) and sign-out ({@code DELETE /burgers/sessies/huidige}, CSRF header
 * required). The citizen session has its own cookie and path and never a staff role; the BSN never leaves in full.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("burgers/sessies")
public class CitizenSessionResource implements RestResource {

    static final String BEGIN_PATH = "/api/v1/burgers/sessies/oidc";
    static final String PROVIDER = "oidc-citizen";
    /** Where a sign-in may return to besides the configured path: a municipality's loket. */
    static final java.util.regex.Pattern RETURN_TO_LOKET = java.util.regex.Pattern.compile("/loket/GM[0-9]{4}");

    private final Sessions sessions;
    private final AuditLog audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CitizenOidc citizens;

    @Activate
    public CitizenSessionResource(@Reference Sessions sessions, @Reference AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    CitizenSessionResource(Sessions sessions, AuditLog audit, CitizenOidc citizens) {
        this(sessions, audit);
        this.citizens = citizens;
    }

    @GET
    @Path("oidc")
    @PublicEndpoint
    @Produces(ApiInfo.PROBLEM_JSON)
    public Response begin(@QueryParam("terugkeer") String back, @Context UriInfo uri, @Context HttpHeaders headers) {
        CitizenOidc c = citizens;
        String path = uri.getRequestUri().getRawPath();
        if (back != null && !RETURN_TO_LOKET.matcher(back).matches()) {
            return ProblemResponses.of(400, Problems.VALIDATION, "Ongeldige terugkeer",
                    "terugkeer moet het loket van een gemeente zijn, bijvoorbeeld /loket/GM0363.",
                    java.util.List.of(new nl.mantelkring.platform.api.FieldViolation("terugkeer",
                            "Verwacht /loket/ gevolgd door een gemeentecode (GM en vier cijfers).")), path);
        }
        if (c == null) {
            return StaffOidcResource.notConfigured(path);
        }
        String configured = c.config().redirectUri();
        URI redirect = configured.isBlank()
                ? SignInPages.absolute(uri, headers, "/api/v1/burgers/sessies/oidc/terugkeer") : URI.create(configured);
        try {
            OidcClient.Begun begun = c.client().begin(redirect, back != null ? back : c.config().returnPath());
            return SignInPages.redirect(begun.authorizationUrl().toString())
                    .header(HttpHeaders.SET_COOKIE, SignInPages.bindingCookie(begun.browserCookie(), BEGIN_PATH,
                            SignInPages.secure(uri, headers))).build();
        } catch (SignInRefused e) {
            return ProblemResponses.of(503, Problems.UNAVAILABLE, "Aanmelden niet mogelijk", e.getMessage(), null,
                    path);
        }
    }

    @GET
    @Path("oidc/terugkeer")
    @PublicEndpoint
    @Produces({MediaType.TEXT_HTML, ApiInfo.PROBLEM_JSON})
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
                             @QueryParam("error") String error,
                             @CookieParam(SignInPages.BINDING_COOKIE) String binding,
                             @HeaderParam(ApiInfo.CORRELATION_HEADER) String correlationId,
                             @Context UriInfo uri, @Context HttpHeaders headers) {
        CitizenOidc c = citizens;
        boolean secure = SignInPages.secure(uri, headers);
        String clear = SignInPages.bindingCookie(null, BEGIN_PATH, secure);
        if (c == null) {
            return SignInPages.error(404, "Aanmelden met DigiD is niet ingesteld.", BEGIN_PATH, headers,
                    uri.getRequestUri().getRawPath()).header(HttpHeaders.SET_COOKIE, clear).build();
        }
        String pseudonym = null;
        try {
            OidcClient.Finished done = c.client().finish(state, code, error, binding);
            JWTClaimsSet claims = done.claims();
            String bsn = c.bsn(claims);
            pseudonym = c.pseudonym(bsn);
            String acr = c.acr(claims);
            Sessions.Started started = sessions.start(Sessions.Kind.CITIZEN, pseudonym, java.util.List.of(), PROVIDER,
                    Map.of("bsn", c.encrypt(bsn), "acr", acr));
            SignInAudit.signedIn(audit, pseudonym, null, PROVIDER, correlationId);
            return SignInPages.redirect(done.returnPath())
                    .header(HttpHeaders.SET_COOKIE, clear)
                    .header(HttpHeaders.SET_COOKIE, sessions.setCookie(Sessions.Kind.CITIZEN, started.cookieValue(),
                            secure))
                    .build();
        } catch (SignInRefused r) {
            if (pseudonym == null) {
                SignInAudit.refused(audit, PROVIDER, r, correlationId);
            } else {
                SignInAudit.refusedKnown(audit, pseudonym, PROVIDER, r, correlationId);
            }
            return SignInPages.error(r.status(), r.getMessage(), BEGIN_PATH, headers, uri.getRequestUri().getRawPath())
                    .header(HttpHeaders.SET_COOKIE, clear).build();
        }
    }

    @GET
    @Path("huidige")
    @PublicEndpoint
    @Produces({MediaType.APPLICATION_JSON, ApiInfo.PROBLEM_JSON})
    public Response current(@Context HttpHeaders headers, @Context UriInfo uri,
                            @HeaderParam(ApiInfo.CORRELATION_HEADER) String correlationId) {
        Optional<Sessions.Session> session = session(headers);
        CitizenOidc c = citizens;
        if (session.isEmpty() || c == null) {
            return notSignedIn(uri);
        }
        Sessions.Session s = session.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bsn", CitizenOidc.mask(c.decrypt(s.attributes().get("bsn"))));
        body.put("betrouwbaarheidsniveau", CitizenOidc.levelName(s.attributes().get("acr")));
        body.put("verlooptOp", s.expiresAt());
        body.put("csrfToken", s.csrfToken());
        audit.record(new AuditEntry(null, s.subject(), null, "burgersessie.raadplegen", "sessie", PROVIDER, s.subject(),
                "Burger ziet met welk burgerservicenummer hij is aangemeld", true, correlationId, "geslaagd"));
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    @DELETE
    @Path("huidige")
    @PublicEndpoint
    @Produces({MediaType.APPLICATION_JSON, ApiInfo.PROBLEM_JSON})
    public Response signOut(@Context HttpHeaders headers, @Context UriInfo uri,
                            @HeaderParam(SessionRequests.CSRF_HEADER) String csrf,
                            @HeaderParam(ApiInfo.CORRELATION_HEADER) String correlationId) {
        Optional<Sessions.Session> session = session(headers);
        if (session.isEmpty()) {
            return notSignedIn(uri);
        }
        if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
            return ProblemResponses.of(403, Problems.FORBIDDEN, "CSRF-token ontbreekt of klopt niet",
                    "Stuur de csrfToken van GET /burgers/sessies/huidige mee in de header " + SessionRequests.CSRF_HEADER + ".", null,
                    uri.getRequestUri().getRawPath());
        }
        sessions.end(Sessions.Kind.CITIZEN, cookie(headers));
        SignInAudit.signedOut(audit, session.get().subject(), PROVIDER, correlationId);
        return Response.noContent().header(HttpHeaders.SET_COOKIE,
                sessions.setCookie(Sessions.Kind.CITIZEN, null, SignInPages.secure(uri, headers))).build();
    }

    private Optional<Sessions.Session> session(HttpHeaders headers) {
        String value = cookie(headers);
        return value == null ? Optional.empty() : sessions.find(Sessions.Kind.CITIZEN, value);
    }

    private String cookie(HttpHeaders headers) {
        javax.ws.rs.core.Cookie c = headers.getCookies().get(sessions.cookieName(Sessions.Kind.CITIZEN));
        return c == null || c.getValue().isEmpty() ? null : c.getValue();
    }

    private static Response notSignedIn(UriInfo uri) {
        return ProblemResponses.of(401, Problems.UNAUTHORIZED, "Niet aangemeld",
                "Meld u aan met DigiD via " + BEGIN_PATH + ".", null, uri.getRequestUri().getRawPath());
    }
}

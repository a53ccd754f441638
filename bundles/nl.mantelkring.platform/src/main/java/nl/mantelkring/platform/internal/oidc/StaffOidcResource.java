package nl.mantelkring.platform.internal.oidc;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.CookieParam;
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
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.internal.rest.ApiInfo;
import nl.mantelkring.platform.internal.rest.ProblemResponses;
import nl.mantelkring.platform.internal.session.Sessions;

/**
 * Staff sign-in through the installation's OpenID provider: {@code GET /sessies/oidc} sends the browser there,
 * {@code GET /sessies/oidc/terugkeer} is the redirect URI that starts the back-office session ({@link Sessions}).
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("sessies/oidc")
public class StaffOidcResource implements RestResource {

    static final String BEGIN_PATH = "/api/v1/sessies/oidc";
    static final String PROVIDER = "oidc-staff";

    private final Sessions sessions;
    private final AuditLog audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StaffOidc staff;

    @Activate
    public StaffOidcResource(@Reference Sessions sessions, @Reference AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    StaffOidcResource(Sessions sessions, AuditLog audit, StaffOidc staff) {
        this(sessions, audit);
        this.staff = staff;
    }

    @GET
    @PublicEndpoint
    @Produces(ApiInfo.PROBLEM_JSON)
    public Response begin(@QueryParam("terugNaar") String terugNaar, @Context UriInfo uri,
                          @Context HttpHeaders headers) {
        StaffOidc s = staff;
        String path = uri.getRequestUri().getRawPath();
        if (s == null) {
            return notConfigured(path);
        }
        String returnPath = terugNaar == null ? "/backoffice" : terugNaar;
        if (!ReturnPaths.isBackoffice(returnPath)) {
            return ProblemResponses.of(400, Problems.VALIDATION, "Ongeldige terugNaar",
                    "terugNaar moet een pad van de backoffice zijn, zoals /backoffice.", null, path);
        }
        String configured = s.config().redirectUri();
        URI redirect = configured.isBlank()
                ? SignInPages.absolute(uri, headers, "/api/v1/sessies/oidc/terugkeer") : URI.create(configured);
        try {
            OidcClient.Begun begun = s.client().begin(redirect, returnPath);
            return SignInPages.redirect(begun.authorizationUrl().toString())
                    .header(HttpHeaders.SET_COOKIE, SignInPages.bindingCookie(begun.browserCookie(), BEGIN_PATH,
                            SignInPages.secure(uri, headers))).build();
        } catch (SignInRefused e) {
            return ProblemResponses.of(503, Problems.UNAVAILABLE, "Aanmelden niet mogelijk", e.getMessage(), null,
                    path);
        }
    }

    @GET
    @Path("terugkeer")
    @PublicEndpoint
    @Produces({MediaType.TEXT_HTML, ApiInfo.PROBLEM_JSON})
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
                             @QueryParam("error") String error,
                             @CookieParam(SignInPages.BINDING_COOKIE) String binding,
                             @HeaderParam(ApiInfo.CORRELATION_HEADER) String correlationId,
                             @Context UriInfo uri, @Context HttpHeaders headers) {
        StaffOidc s = staff;
        boolean secure = SignInPages.secure(uri, headers);
        String clear = SignInPages.bindingCookie(null, BEGIN_PATH, secure);
        if (s == null) {
            return SignInPages.error(404, "Aanmelden via single sign-on is niet ingesteld.", "/backoffice", headers,
                    uri.getRequestUri().getRawPath()).header(HttpHeaders.SET_COOKIE, clear).build();
        }
        String user = null;
        try {
            OidcClient.Finished done = s.client().finish(state, code, error, binding);
            JWTClaimsSet claims = done.claims();
            user = s.userName(claims);
            if (user == null) {
                throw SignInRefused.invalidToken("ID-token zonder gebruikersnaam (" + s.config().userNameClaim() + ")");
            }
            if (!s.acrAccepted(claims)) {
                throw new SignInRefused(403, "acr voldoet niet aan requiredAcr", "Voor de backoffice moet u zich"
                        + " aanmelden met een extra controle (bijvoorbeeld een code uit een app). Meld u opnieuw aan.");
            }
            Set<String> roles = s.roles(claims);
            String acr = StaffOidc.stringClaim(claims, "acr");
            Sessions.Started started = sessions.start(Sessions.Kind.STAFF, user, roles, PROVIDER,
                    acr == null ? Map.of() : Map.of("acr", acr));
            SignInAudit.signedIn(audit, user, String.join(",", roles), PROVIDER, correlationId);
            return SignInPages.redirect(done.returnPath())
                    .header(HttpHeaders.SET_COOKIE, clear)
                    .header(HttpHeaders.SET_COOKIE, sessions.setCookie(Sessions.Kind.STAFF, started.cookieValue(), secure))
                    .build();
        } catch (SignInRefused r) {
            if (user == null) {
                SignInAudit.refused(audit, PROVIDER, r, correlationId);
            } else {
                SignInAudit.refusedKnown(audit, user, PROVIDER, r, correlationId);
            }
            return SignInPages.error(r.status(), r.getMessage(), BEGIN_PATH, headers, uri.getRequestUri().getRawPath())
                    .header(HttpHeaders.SET_COOKIE, clear).build();
        }
    }

    static Response notConfigured(String path) {
        return ProblemResponses.of(404, Problems.NOT_FOUND, "Niet ingesteld",
                "Aanmelden via een identiteitsaanbieder is op deze installatie niet ingesteld.", null, path);
    }
}

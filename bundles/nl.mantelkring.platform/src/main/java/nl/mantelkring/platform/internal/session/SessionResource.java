package nl.mantelkring.platform.internal.session;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
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

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.ApiHeaders;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.PublicEndpoint;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.internal.security.Authenticator;
import nl.mantelkring.platform.internal.security.Caller;
import nl.mantelkring.platform.internal.rest.ProblemResponses;
import nl.mantelkring.platform.internal.rest.SecurityFilter;
import nl.mantelkring.platform.internal.security.RoleGrants;

/**
 * {@code /sessies}: staff sign-in with user name and password (once, in a POST; the session cookie carries the rest),
 * who is signed in, and sign-out. The operations are public for the security filter and read the session cookie
 * themselves: a user without any role still sees and ends their own session. Sign-in, refused sign-in and sign-out
 * are audited in the installation-wide chain with the user name only.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("sessies")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource implements RestResource {

    static final String PROVIDER_PASSWORD = "jaas";
    static final String PROVIDER_OIDC = "oidc-staff";
    static final int MAX_USERNAME = 200;
    /** Longer passwords are refused before the realm hashes them (a realm hashes every character, many times). */
    static final int MAX_PASSWORD = 1000;
    private static final String RECORD = "sessie";
    private static final String PURPOSE = "Aanmelden bij de back-office";

    /** The sign-in form. */
    public record SignIn(@JsonProperty("gebruikersnaam") String username, @JsonProperty("wachtwoord") String password) {
        @Override
        public String toString() {
            return "SignIn[" + username + "]"; // never the password
        }
    }

    /** Who is signed in. */
    public record SessionView(@JsonProperty("gebruikersnaam") String username,
                              @JsonProperty("rollen") List<String> roles,
                              @JsonProperty("verlooptOp") Instant expiresAt,
                              @JsonProperty("csrfToken") String csrfToken,
                              @JsonProperty("aanmeldwijze") String method) {
    }

    /** After sign-out of a single sign-on session: where the browser signs out at the identity provider. */
    public record SignedOut(@JsonProperty("afmeldUrl") String endSessionUrl) {
    }

    private final SessionStore sessions;
    private final Authenticator authenticator;
    private final RoleGrants grants;
    private final AuditLog audit;
    private volatile StaffSignIn staffSignIn;

    @Activate
    public SessionResource(@Reference SessionStore sessions, @Reference Authenticator authenticator,
                           @Reference RoleGrants grants, @Reference AuditLog audit) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.grants = grants;
        this.audit = audit;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStaffSignIn(StaffSignIn s) {
        staffSignIn = s;
    }

    void unbindStaffSignIn(StaffSignIn s) {
        if (staffSignIn == s) {
            staffSignIn = null;
        }
    }

    @POST
    @PublicEndpoint
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(SignIn body, @Context HttpHeaders headers, @Context UriInfo uri,
                           @HeaderParam(ApiHeaders.CORRELATION_ID) String correlationId) {
        check(body);
        if (!sessions.passwordSignIn()) {
            throw new ProblemException(403, Problems.of("aanmeldwijze-uit"), "Aanmelden met wachtwoord staat uit",
                    "Op deze installatie meldt u zich aan via de identiteitsprovider van uw organisatie.");
        }
        String user = body.username();
        Authenticator.Result result = authenticator.login(user, body.password());
        if (result instanceof Authenticator.Blocked blocked) {
            record(user, null, "sessie.aanmelden", "geweigerd 429", correlationId);
            return Response.fromResponse(ProblemResponses.of(429, Problems.of("te-veel-pogingen"),
                    "Te veel aanmeldpogingen", "Te veel mislukte aanmeldingen voor deze gebruikersnaam; probeer het over "
                            + blocked.retryAfterSeconds() + " seconden opnieuw.", null, uri.getRequestUri().getRawPath()))
                    .header("Retry-After", String.valueOf(blocked.retryAfterSeconds())).build();
        }
        if (!(result instanceof Authenticator.Authenticated authenticated)) {
            record(user, null, "sessie.aanmelden", "geweigerd 401", correlationId);
            throw new ProblemException(401, Problems.UNAUTHORIZED, "Aanmelden niet gelukt",
                    "De gebruikersnaam of het wachtwoord is onjuist.");
        }
        // a sign-in always starts a new session (no fixation): one that came along ends
        String previous = SessionRequests.cookie(headers, sessions.cookieName(Sessions.Kind.STAFF));
        if (previous != null) {
            sessions.end(Sessions.Kind.STAFF, previous);
        }
        Caller caller = authenticated.caller();
        Sessions.Started started = sessions.start(Sessions.Kind.STAFF, user, caller.roleNames(null),
                PROVIDER_PASSWORD, Map.of());
        Caller effective = caller.withGrants(grants.of(user));
        try {
            record(user, effective.describeRoles(null), "sessie.aanmelden", "geslaagd 201", correlationId);
        } catch (RuntimeException e) {
            // no session without its audit entry
            sessions.end(Sessions.Kind.STAFF, started.cookieValue());
            throw e;
        }
        return Response.created(URI.create("sessies/huidige"))
                .header(HttpHeaders.SET_COOKIE, sessions.setCookie(Sessions.Kind.STAFF, started.cookieValue(),
                        secure(headers, uri)))
                .entity(view(started.session(), effective)).build();
    }

    @GET
    @Path("huidige")
    @PublicEndpoint
    public Response current(@Context HttpHeaders headers, @Context UriInfo uri) {
        String cookie = SessionRequests.cookie(headers, sessions.cookieName(Sessions.Kind.STAFF));
        Optional<Sessions.Session> live = live(cookie);
        if (live.isEmpty()) {
            return ended(cookie, headers, uri);
        }
        Sessions.Session session = live.get();
        Caller caller = Caller.fromRealmRoles(session.subject(), session.roles()).withGrants(grants.of(session.subject()));
        return Response.ok(view(session, caller)).build();
    }

    @DELETE
    @Path("huidige")
    @PublicEndpoint
    public Response signOut(@Context HttpHeaders headers, @Context UriInfo uri,
                            @HeaderParam(SessionRequests.CSRF_HEADER) String csrf,
                            @HeaderParam(ApiHeaders.CORRELATION_ID) String correlationId) {
        String cookie = SessionRequests.cookie(headers, sessions.cookieName(Sessions.Kind.STAFF));
        Optional<Sessions.Session> live = live(cookie);
        if (live.isEmpty()) {
            return ended(cookie, headers, uri);
        }
        Sessions.Session session = live.get();
        if (!SessionStore.sameToken(session.csrfToken(), csrf)) {
            record(session.subject(), null, "sessie.afmelden", "geweigerd 403", correlationId);
            return SecurityFilter.csrfRefused(uri.getRequestUri().getRawPath());
        }
        sessions.end(Sessions.Kind.STAFF, cookie);
        record(session.subject(), null, "sessie.afmelden", "geslaagd", correlationId);
        boolean secure = secure(headers, uri);
        String clear = sessions.setCookie(Sessions.Kind.STAFF, null, secure);
        StaffSignIn sso = staffSignIn;
        String endSession = PROVIDER_OIDC.equals(session.provider()) && sso != null
                ? sso.endSessionUrl(SessionRequests.absolute(uri, headers, "/backoffice").toString()) : null;
        if (endSession == null) {
            return Response.noContent().header(HttpHeaders.SET_COOKIE, clear).build();
        }
        return Response.ok(new SignedOut(endSession)).header(HttpHeaders.SET_COOKIE, clear).build();
    }

    /** The live staff session of the cookie, if any. */
    private Optional<Sessions.Session> live(String cookie) {
        return cookie == null ? Optional.empty() : sessions.find(Sessions.Kind.STAFF, cookie);
    }

    /** 401 without a live session, clearing a cookie that came along. */
    private Response ended(String cookie, HttpHeaders headers, UriInfo uri) {
        Response.ResponseBuilder r = Response.fromResponse(ProblemResponses.of(401, Problems.UNAUTHORIZED,
                "Niet aangemeld", cookie == null ? "Er is geen sessie; meld u aan."
                        : "Uw sessie is verlopen of beëindigd; meld u opnieuw aan.", null,
                uri.getRequestUri().getRawPath()));
        if (cookie != null) {
            r.header(HttpHeaders.SET_COOKIE, sessions.setCookie(Sessions.Kind.STAFF, null, secure(headers, uri)));
        }
        return r.build();
    }

    /** Bad input is refused before anything is checked or created. */
    private static void check(SignIn body) {
        List<FieldViolation> v = new ArrayList<>();
        if (body == null) {
            throw ProblemException.invalid("gebruikersnaam", "Geef gebruikersnaam en wachtwoord.");
        }
        if (body.username() == null || body.username().isBlank()) {
            v.add(new FieldViolation("gebruikersnaam", "Vul de gebruikersnaam in."));
        } else if (body.username().length() > MAX_USERNAME) {
            v.add(new FieldViolation("gebruikersnaam", "Een gebruikersnaam heeft hoogstens " + MAX_USERNAME + " tekens."));
        }
        if (body.password() == null || body.password().isEmpty()) {
            v.add(new FieldViolation("wachtwoord", "Vul het wachtwoord in."));
        } else if (body.password().length() > MAX_PASSWORD) {
            v.add(new FieldViolation("wachtwoord", "Een wachtwoord heeft hoogstens " + MAX_PASSWORD + " tekens."));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
    }

    private void record(String user, String roles, String activity, String outcome, String correlationId) {
        audit.record(new AuditEntry(null, user, roles, activity, RECORD, null, null, PURPOSE, false, correlationId,
                outcome));
    }

    private static SessionView view(Sessions.Session s, Caller effective) {
        return new SessionView(s.subject(), effective.roleNames(null), s.expiresAt(), s.csrfToken(),
                PROVIDER_PASSWORD.equals(s.provider()) ? "wachtwoord" : PROVIDER_OIDC.equals(s.provider()) ? "oidc"
                        : s.provider());
    }

    private static boolean secure(HttpHeaders headers, UriInfo uri) {
        return SessionRequests.secure(uri, headers.getHeaderString("X-Forwarded-Proto"));
    }
}

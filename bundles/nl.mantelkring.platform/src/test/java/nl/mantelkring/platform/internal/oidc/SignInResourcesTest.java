package nl.mantelkring.platform.internal.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.JWTClaimsSet;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.internal.H2TestSupport;
import nl.mantelkring.platform.internal.session.Sessions;

/** The browser side of both sign-ins, through the resources, with a Sessions double and a real HTTP provider. */
class SignInResourcesTest extends H2TestSupport {

    private final List<AuditEntry> audited = new CopyOnWriteArrayList<>();
    private final AuditLog audit = new AuditLog() {
        @Override
        public long record(AuditEntry entry) {
            audited.add(entry);
            return audited.size();
        }

        @Override
        public long record(Connection connection, AuditEntry entry) {
            throw new UnsupportedOperationException();
        }
    };
    private final InMemorySessions sessions = new InMemorySessions();
    /** What a browser sends when it follows the redirect back. */
    private static final Map<String, String> BROWSER = Map.of("Accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    private FakeProvider staffIdp;
    private FakeProvider digid;
    private StaffOidcResource staff;
    private CitizenSessionResource citizens;

    @BeforeEach
    void start() throws Exception {
        SignInStates states = new SignInStates(new Jdbc(db.dataSource()), java.time.Clock.systemUTC());
        staffIdp = new FakeProvider();
        digid = new FakeProvider("mantelkring-loket", "loket-geheim");
        staff = new StaffOidcResource(sessions, audit, StaffSignInFlowTest.staff(staffIdp, states, Map.of()));
        citizens = new CitizenSessionResource(sessions, audit, CitizenOidcTest.citizens(digid.issuer, states, Map.of()));
    }

    @AfterEach
    void stop() {
        staffIdp.close();
        digid.close();
    }

    private static String cookie(Response r, String name) {
        for (Object o : r.getHeaders().get(HttpHeaders.SET_COOKIE)) {
            String c = o.toString();
            if (c.startsWith(name + "=")) {
                return c.substring(name.length() + 1, c.indexOf(';'));
            }
        }
        return null;
    }

    private Response citizenSignIn(Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        return citizenSignIn(null, claims);
    }

    private Response citizenSignIn(String back, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        Response begin = citizens.begin(back, Http.uri("burgers/sessies/oidc"), Http.headers(Map.of(), Map.of()));
        assertEquals(302, begin.getStatus());
        String binding = cookie(begin, SignInPages.BINDING_COOKIE);
        assertTrue(begin.getHeaderString(HttpHeaders.SET_COOKIE).contains("Path=/api/v1/burgers/sessies/oidc; Max-Age=600; HttpOnly; SameSite=Lax"));
        Map<String, String> q = digid.authorize(URI.create(begin.getHeaderString(HttpHeaders.LOCATION)), claims);
        assertEquals("http://127.0.0.1:8181/api/v1/burgers/sessies/oidc/terugkeer", q.get("redirect_uri"));
        return citizens.callback(q.get("state"), q.get("code"), null, binding, "corr-1",
                Http.uri("burgers/sessies/oidc/terugkeer"), Http.headers(Map.of(), BROWSER));
    }

    @Test
    void aCitizenWithSubstantieelGetsACitizenSessionWithoutRolesAndTheBsnOnlyEncrypted() throws Exception {
        Response r = citizenSignIn(b -> b.claim("bsn", "999993653").claim("acr", CitizenOidc.SUBSTANTIEEL));
        assertEquals(302, r.getStatus());
        assertEquals("/loket", r.getHeaderString(HttpHeaders.LOCATION));
        String cookie = cookie(r, "mk_burger");
        Sessions.Session s = sessions.find(Sessions.Kind.CITIZEN, cookie).orElseThrow();
        assertEquals(List.of(), s.roles());
        assertEquals("oidc-citizen", s.provider());
        assertEquals(64, s.subject().length());
        assertFalse(s.toString().contains("999993653"), "no BSN in clear in the session");
        assertEquals(CitizenOidc.SUBSTANTIEEL, s.attributes().get("acr"));
        assertEquals(s.subject(), audited.get(0).actor());
        assertEquals("geslaagd", audited.get(0).outcome());
        assertFalse(audited.toString().contains("999993653"), "no BSN in the audit log");

        Response me = citizens.current(Http.headers(Map.of("mk_burger", cookie), Map.of()),
                Http.uri("burgers/sessies/huidige"), "corr-2");
        assertEquals(200, me.getStatus());
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) me.getEntity();
        assertEquals("*****3653", body.get("bsn"));
        assertEquals("Substantieel", body.get("betrouwbaarheidsniveau"));
        assertEquals(s.csrfToken(), body.get("csrfToken"));
        assertFalse(body.containsValue(s.subject()), "the pseudonym is not shown");

        // a staff cookie value is no citizen session, and the citizen session is no staff session
        assertEquals(401, citizens.current(Http.headers(Map.of("mk_sessie", cookie), Map.of()),
                Http.uri("burgers/sessies/huidige"), "c").getStatus());
        assertTrue(sessions.find(Sessions.Kind.STAFF, cookie).isEmpty());
    }

    @Test
    void signOutNeedsTheCsrfHeader() throws Exception {
        String cookie = cookie(citizenSignIn(b -> b.claim("bsn", "999993653").claim("acr", CitizenOidc.SUBSTANTIEEL)),
                "mk_burger");
        String csrf = sessions.find(Sessions.Kind.CITIZEN, cookie).orElseThrow().csrfToken();
        assertEquals(403, citizens.signOut(Http.headers(Map.of("mk_burger", cookie), Map.of()),
                Http.uri("burgers/sessies/huidige"), null, "c").getStatus());
        assertEquals(403, citizens.signOut(Http.headers(Map.of("mk_burger", cookie), Map.of()),
                Http.uri("burgers/sessies/huidige"), "wrong", "c").getStatus());
        assertTrue(sessions.find(Sessions.Kind.CITIZEN, cookie).isPresent());
        Response out = citizens.signOut(Http.headers(Map.of("mk_burger", cookie), Map.of()),
                Http.uri("burgers/sessies/huidige"), csrf, "c");
        assertEquals(204, out.getStatus());
        assertTrue(out.getHeaderString(HttpHeaders.SET_COOKIE).startsWith("mk_burger=;"));
        assertTrue(sessions.find(Sessions.Kind.CITIZEN, cookie).isEmpty());
        assertEquals("sessie.afmelden", audited.get(audited.size() - 1).activity());
        assertEquals(401, citizens.current(Http.headers(Map.of("mk_burger", cookie), Map.of()),
                Http.uri("burgers/sessies/huidige"), "c").getStatus());
    }

    @Test
    void midden_aMissingOrInvalidBsnAreRefusedWithADutchPageAndNothingIsCreated() throws Exception {
        List<Consumer<JWTClaimsSet.Builder>> refused = List.of(
                b -> b.claim("bsn", "999990019").claim("acr", CitizenOidc.MIDDEN),
                b -> b.claim("acr", CitizenOidc.SUBSTANTIEEL),
                b -> b.claim("bsn", "999993654").claim("acr", CitizenOidc.SUBSTANTIEEL));
        for (Consumer<JWTClaimsSet.Builder> claims : refused) {
            Response r = citizenSignIn(claims);
            assertEquals(403, r.getStatus());
            assertTrue(r.getMediaType().isCompatible(javax.ws.rs.core.MediaType.TEXT_HTML_TYPE));
            String page = (String) r.getEntity();
            assertTrue(page.contains("<html lang=\"nl\">") && page.contains("Aanmelden is niet gelukt"));
            assertFalse(page.contains("999990019") || page.contains("urn:"), "no details in the page");
        }
        assertTrue(sessions.live.isEmpty());
        assertEquals(3, audited.size());
        assertTrue(audited.stream().allMatch(e -> e.outcome().equals("geweigerd 403")));
        assertFalse(audited.toString().contains("99999"));
    }

    @Test
    void staffSignInStartsAStaffSessionWithTheMappedRolesAndGoesBackToTheBackoffice() throws Exception {
        Response begin = staff.begin("/backoffice/registratie", Http.uri("sessies/oidc"),
                Http.headers(Map.of(), Map.of("X-Forwarded-Proto", "https")));
        assertEquals(302, begin.getStatus());
        assertTrue(begin.getHeaderString(HttpHeaders.SET_COOKIE).endsWith("; Secure"));
        Map<String, String> q = staffIdp.authorize(URI.create(begin.getHeaderString(HttpHeaders.LOCATION)),
                b -> b.claim("preferred_username", "mira.mapping").claim("groups", List.of("MK-Consulenten")));
        Response r = staff.callback(q.get("state"), q.get("code"), null, cookie(begin, SignInPages.BINDING_COOKIE),
                "c", Http.uri("sessies/oidc/terugkeer"), Http.headers(Map.of(), Map.of()));
        assertEquals(302, r.getStatus());
        assertEquals("/backoffice/registratie", r.getHeaderString(HttpHeaders.LOCATION));
        Sessions.Session s = sessions.find(Sessions.Kind.STAFF, cookie(r, "mk_sessie")).orElseThrow();
        assertEquals("mira.mapping", s.subject());
        assertEquals(List.of("MK-Consulenten", "consultant@GM0599"), s.roles());
        assertEquals("oidc-staff", s.provider());
        assertEquals("mira.mapping", audited.get(0).actor());
    }

    @Test
    void staffSignInRefusesAnOpenRedirectAndAReplayedOrForeignCallback() throws Exception {
        assertEquals(400, staff.begin("https://evil.example/", Http.uri("sessies/oidc"),
                Http.headers(Map.of(), Map.of())).getStatus());
        Response begin = staff.begin(null, Http.uri("sessies/oidc"), Http.headers(Map.of(), Map.of()));
        Map<String, String> q = staffIdp.authorize(URI.create(begin.getHeaderString(HttpHeaders.LOCATION)),
                b -> b.claim("preferred_username", "anna.beheer"));
        Response foreign = staff.callback(q.get("state"), q.get("code"), null, "another-browser", "c",
                Http.uri("sessies/oidc/terugkeer"), Http.headers(Map.of(), Map.of()));
        assertEquals(400, foreign.getStatus());
        // a client that does not ask for HTML gets the refusal as problem+json
        assertEquals("application/problem+json", foreign.getMediaType().toString());
        Response again = staff.callback(q.get("state"), q.get("code"), null, cookie(begin, SignInPages.BINDING_COOKIE),
                "c", Http.uri("sessies/oidc/terugkeer"), Http.headers(Map.of(), Map.of()));
        assertEquals(400, again.getStatus());
        Response denied = staff.callback(null, null, "access_denied", null, "c", Http.uri("sessies/oidc/terugkeer"),
                Http.headers(Map.of(), Map.of()));
        assertEquals(400, denied.getStatus());
        assertTrue(sessions.live.isEmpty());
        assertEquals(3, audited.size());
        assertTrue(audited.stream().allMatch(e -> e.actor().equals(SignInAudit.UNKNOWN)));
    }

    @Test
    void theRedirectUriFollowsTheHostTheBrowserUsedAndIgnoresAMalformedOne() throws Exception {
        Response viaProxy = staff.begin(null, Http.uri("sessies/oidc"), Http.headers(Map.of(),
                Map.of("Host", "mantelkring.gemeente.example", "X-Forwarded-Proto", "https")));
        assertEquals("https://mantelkring.gemeente.example/api/v1/sessies/oidc/terugkeer", FakeProvider.query(
                URI.create(viaProxy.getHeaderString(HttpHeaders.LOCATION)).getRawQuery()).get("redirect_uri"));
        Response malformed = citizens.begin(null, Http.uri("burgers/sessies/oidc"), Http.headers(Map.of(),
                Map.of("Host", "evil.example/x?")));
        assertEquals("http://127.0.0.1:8181/api/v1/burgers/sessies/oidc/terugkeer", FakeProvider.query(
                URI.create(malformed.getHeaderString(HttpHeaders.LOCATION)).getRawQuery()).get("redirect_uri"));
    }

    @Test
    void aCitizenReturnsToTheLoketOfTheMunicipalityTheSignInStartedFromAndNowhereElse() throws Exception {
        Response r = citizenSignIn("/loket/GM0363", b -> b.claim("bsn", "999993653").claim("acr", CitizenOidc.SUBSTANTIEEL));
        assertEquals(302, r.getStatus());
        assertEquals("/loket/GM0363", r.getHeaderString(HttpHeaders.LOCATION));
        for (String elsewhere : List.of("https://evil.example/loket/GM0363", "//evil.example", "/loket/GM0363/../x",
                "/backoffice", "/loket/gm0363", "/loket/GM0363?x=1")) {
            Response refused = citizens.begin(elsewhere, Http.uri("burgers/sessies/oidc"), Http.headers(Map.of(), Map.of()));
            assertEquals(400, refused.getStatus(), elsewhere);
            assertEquals(null, refused.getHeaderString(HttpHeaders.LOCATION), elsewhere);
        }
    }

    @Test
    void withoutConfigurationThereIsNoSignIn() {
        assertEquals(404, new StaffOidcResource(sessions, audit).begin(null, Http.uri("sessies/oidc"),
                Http.headers(Map.of(), Map.of())).getStatus());
        assertEquals(404, new CitizenSessionResource(sessions, audit).begin(null, Http.uri("burgers/sessies/oidc"),
                Http.headers(Map.of(), Map.of())).getStatus());
    }
}

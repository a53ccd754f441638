package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Back-office sessions over real HTTP: the password form (POST /sessies), the cookie's attributes, the API with the
 * cookie alone, CSRF on unsafe methods, a revoked grant at the next request, sign-out, the idle timeout, bad input,
 * the failed-login limit and the audit entries of sign-in, refused sign-in and sign-out. HTTP Basic stays as it was.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SessionIT extends MantelkringTestSupport {

    private static final String PID = "nl.mantelkring.platform.session";

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    @Filter("(dataSourceName=mantelkring)")
    private DataSource dataSource;

    /** A signed-in session: the cookie value and the CSRF token. */
    record Session(String cookie, String csrf, Api.Res signIn) {
        Map<String, String> headers() {
            return Map.of("Cookie", "mk_sessie=" + cookie);
        }

        Map<String, String> withCsrf(String token) {
            return Map.of("Cookie", "mk_sessie=" + cookie, "X-CSRF-Token", token);
        }
    }

    private Api.Res postSignIn(String body, Map<String, String> headers) {
        return api.sendWith(headers, "POST", "/sessies", "application/json", body);
    }

    private Session signIn(String user) {
        Api.Res r = postSignIn("{\"gebruikersnaam\":\"" + user + "\",\"wachtwoord\":\"demo\"}", Map.of());
        assertEquals(r.toString(), 201, r.status());
        String setCookie = r.header("Set-Cookie");
        assertNotNull(setCookie);
        String value = setCookie.substring("mk_sessie=".length(), setCookie.indexOf(';'));
        return new Session(value, r.json().path("csrfToken").asText(), r);
    }

    private Api.Res get(Session s, String path) {
        return api.sendWith(s.headers(), "GET", path, null, null);
    }

    @Test
    public void signInSetsAnHttpOnlyCookieAndTheApiWorksWithTheCookieAlone() {
        Session s = signIn("consulent-amsterdam");
        String setCookie = s.signIn().header("Set-Cookie");
        assertTrue(setCookie, setCookie.matches("mk_sessie=[A-Za-z0-9_-]{43}; Path=/api/v1; HttpOnly; SameSite=Lax"));
        assertTrue(s.signIn().header("Location").endsWith("/api/v1/sessies/huidige"));
        JsonNode body = s.signIn().json();
        assertEquals("consulent-amsterdam", body.path("gebruikersnaam").asText());
        assertEquals("wachtwoord", body.path("aanmeldwijze").asText());
        assertEquals("[\"consultant@GM0363\"]", body.path("rollen").toString());
        Instant expires = Instant.parse(body.path("verlooptOp").asText());
        assertTrue(expires.isAfter(Instant.now().plus(Duration.ofMinutes(14))));
        assertFalse("the body holds no cookie value", s.signIn().body().contains(s.cookie()));

        Api.Res tenants = get(s, "/gemeenten");
        assertEquals(tenants.toString(), 200, tenants.status());
        assertEquals("GM0363", tenants.json().path("resultaten").get(0).path("gemeentecode").asText());
        Api.Res current = get(s, "/sessies/huidige");
        assertEquals(200, current.status());
        assertEquals(s.csrf(), current.json().path("csrfToken").asText());
        // each sign-in gets a new session; one that came along ends (no fixation)
        Api.Res again = postSignIn("{\"gebruikersnaam\":\"consulent-amsterdam\",\"wachtwoord\":\"demo\"}", s.headers());
        assertEquals(201, again.status());
        assertFalse(again.header("Set-Cookie").contains(s.cookie()));
        assertProblem(get(s, "/gemeenten"), 401);
        // behind a TLS proxy the cookie is Secure
        Api.Res proxied = postSignIn("{\"gebruikersnaam\":\"consulent-amsterdam\",\"wachtwoord\":\"demo\"}",
                Map.of("X-Forwarded-Proto", "https"));
        assertTrue(proxied.header("Set-Cookie"), proxied.header("Set-Cookie").endsWith("; HttpOnly; SameSite=Lax; Secure"));
    }

    @Test
    public void unsafeRequestsOfASessionNeedItsCsrfTokenAndBasicNeedsNone() {
        Session s = signIn("beheerder-amsterdam");
        String path = "/gemeenten/GM0363/beleid/itest.csrf";
        String body = "{\"waarde\":1}";
        JsonNode none = assertProblem(api.sendWith(s.headers(), "PUT", path, "application/json", body), 403);
        assertEquals("urn:nl:mantelkring:probleem:csrf", none.path("type").asText());
        assertProblem(api.sendWith(s.withCsrf("fout"), "PUT", path, "application/json", body), 403);
        assertProblem(api.sendWith(s.withCsrf(signIn("beheerder-amsterdam").csrf()), "PUT", path, "application/json",
                body), 403);
        assertProblem(api.get("beheerder-amsterdam", path), 404); // nothing changed
        // the refusal is audited as such
        JsonNode log = api.get("auditor-amsterdam", "/gemeenten/GM0363/logboek?gebruiker=beheerder-amsterdam"
                + "&verwerkingsactiviteit=beleid.wijzigen").json().path("resultaten");
        assertTrue(log.toString(), log.toString().contains("geweigerd 403"));
        Api.Res ok = api.sendWith(s.withCsrf(s.csrf()), "PUT", path, "application/json", body);
        assertEquals(ok.toString(), 200, ok.status());
        assertEquals(200, api.get("beheerder-amsterdam", path).status());
        // a safe method needs no token; HTTP Basic needs none at all
        assertEquals(200, get(s, path).status());
        assertEquals(200, api.json("beheerder-amsterdam", "PUT", path, "{\"waarde\":2}").status());
    }

    @Test
    public void aGrantRevokedThroughTheApiEndsAccessAtTheNextRequest() {
        Session admin = signIn("beheerder-amsterdam");
        String grant = "/gemeenten/GM0363/gebruikers/medewerker-amsterdam";
        Api.Res given = api.sendWith(admin.withCsrf(admin.csrf()), "PUT", grant, "application/json",
                "{\"rollen\":[\"consultant\"]}");
        assertEquals(given.toString(), 200, given.status());
        Session user = signIn("medewerker-amsterdam");
        assertEquals(200, get(user, "/gemeenten/GM0363").status());
        Api.Res revoked = api.sendWith(admin.withCsrf(admin.csrf()), "PUT", grant, "application/json",
                "{\"rollen\":[]}");
        assertEquals(revoked.toString(), 200, revoked.status());
        // the very next request: no role in the tenant any more (404 does not confirm it exists), nothing anywhere
        assertProblem(get(user, "/gemeenten/GM0363"), 404);
        assertProblem(get(user, "/gemeenten"), 403);
        // the session itself lives on; its roles are those of now
        Api.Res current = get(user, "/sessies/huidige");
        assertEquals(200, current.status());
        assertEquals("[]", current.json().path("rollen").toString());
    }

    @Test
    public void signOutEndsTheSessionAndTheCookieIsNoLongerAccepted() {
        Session s = signIn("auditor-amsterdam");
        assertProblem(api.sendWith(s.headers(), "DELETE", "/sessies/huidige", null, null), 403);
        assertEquals("without the token the session lives on", 200, get(s, "/gemeenten").status());
        Api.Res out = api.sendWith(s.withCsrf(s.csrf()), "DELETE", "/sessies/huidige", null, null);
        assertEquals(out.toString(), 204, out.status());
        assertTrue(out.header("Set-Cookie"), out.header("Set-Cookie").startsWith("mk_sessie=; Path=/api/v1; Max-Age=0"));
        Api.Res after = get(s, "/gemeenten");
        assertProblem(after, 401);
        assertNull("no Basic challenge for a session", after.header("WWW-Authenticate"));
        assertTrue(after.header("Set-Cookie").startsWith("mk_sessie=; Path=/api/v1; Max-Age=0"));
        assertProblem(get(s, "/sessies/huidige"), 401);
        assertProblem(api.sendWith(s.withCsrf(s.csrf()), "DELETE", "/sessies/huidige", null, null), 401);
        // a forged or unknown cookie is no session either
        assertProblem(api.sendWith(Map.of("Cookie", "mk_sessie=" + "A".repeat(43)), "GET", "/gemeenten", null, null), 401);
        assertProblem(api.sendWith(Map.of("Cookie", "mk_sessie=x'; drop table auth_session"), "GET", "/gemeenten",
                null, null), 401);
        // Basic keeps its challenge for scripts; a browser's script gets none (no dialog of the browser's own)
        assertTrue(api.get(null, "/gemeenten").header("WWW-Authenticate").startsWith("Basic"));
        assertNull(api.sendWith(Map.of("Sec-Fetch-Mode", "cors"), "GET", "/gemeenten", null, null)
                .header("WWW-Authenticate"));
    }

    @Test
    public void signInRefusalsAndSignOutAreAudited() {
        Api.Res wrong = postSignIn("{\"gebruikersnaam\":\"consulent-utrecht\",\"wachtwoord\":\"fout\"}", Map.of());
        JsonNode p = assertProblem(wrong, 401);
        assertNull(wrong.header("Set-Cookie"));
        assertTrue(p.path("detail").asText().contains("onjuist"));
        Session s = signIn("consulent-utrecht");
        assertEquals(204, api.sendWith(s.withCsrf(s.csrf()), "DELETE", "/sessies/huidige", null, null).status());
        JsonNode log = api.get("platformbeheerder", "/logboek?gebruiker=consulent-utrecht&soortGegeven=sessie"
                + "&paginaGrootte=50").json().path("resultaten");
        String text = log.toString();
        assertTrue(text, text.contains("\"verwerkingsactiviteit\":\"sessie.aanmelden\""));
        assertTrue(text, text.contains("geweigerd 401"));
        assertTrue(text, text.contains("geslaagd 201"));
        assertTrue(text, text.contains("\"verwerkingsactiviteit\":\"sessie.afmelden\""));
        assertFalse("no password, cookie or token in the log", text.contains("fout") || text.contains(s.cookie())
                || text.contains(s.csrf()) || text.contains("demo"));
    }

    @Test
    public void theFailedLoginLimitAppliesToTheForm() {
        String user = "sessie-geraden";
        for (int i = 0; i < 10; i++) {
            assertProblem(postSignIn("{\"gebruikersnaam\":\"" + user + "\",\"wachtwoord\":\"fout" + i + "\"}", Map.of()),
                    401);
        }
        Api.Res blocked = postSignIn("{\"gebruikersnaam\":\"" + user + "\",\"wachtwoord\":\"fout\"}", Map.of());
        assertProblem(blocked, 429);
        assertTrue(Integer.parseInt(blocked.header("Retry-After")) > 0);
        assertTrue(api.get("platformbeheerder", "/logboek?gebruiker=" + user).body().contains("geweigerd 429"));
    }

    @Test
    public void badInputIsRefusedAndCreatesNothing() throws Exception {
        long before = sessions();
        String[][] cases = {
            {"{}", "gebruikersnaam"},
            {"{\"gebruikersnaam\":\"consulent-amsterdam\"}", "wachtwoord"},
            {"{\"gebruikersnaam\":\"consulent\\u001bamsterdam\",\"wachtwoord\":\"demo\"}", "gebruikersnaam"},
            {"{\"gebruikersnaam\":\"" + "a".repeat(201) + "\",\"wachtwoord\":\"demo\"}", "gebruikersnaam"},
            {"{\"gebruikersnaam\":\"consulent-amsterdam\",\"wachtwoord\":\"" + "d".repeat(1001) + "\"}", "wachtwoord"},
            {"{\"gebruikersnaam\":\"consulent-amsterdam\",\"wachtwoord\":\"demo\",\"rol\":\"platform-admin\"}", "rol"},
        };
        for (String[] c : cases) {
            Api.Res r = postSignIn(c[0], Map.of());
            JsonNode p = assertProblem(r, 400);
            assertTrue(c[0] + ": " + r, p.path("invalidParams").toString().contains("\"" + c[1] + "\""));
            assertNull(r.header("Set-Cookie"));
        }
        assertProblem(postSignIn("{\"gebruikersnaam\":", Map.of()), 400);
        assertProblem(api.send(null, "POST", "/sessies", "text/plain", "consulent-amsterdam:demo"), 415);
        assertProblem(api.send(null, "POST", "/sessies", "application/x-www-form-urlencoded",
                "gebruikersnaam=consulent-amsterdam&wachtwoord=demo"), 415);
        assertEquals("no session was created", before, sessions());
    }

    @Test
    public void anIdleSessionEndsAndThePasswordFormCanBeSwitchedOff() throws Exception {
        Configuration cfg = configAdmin.getConfiguration(PID, null);
        Dictionary<String, Object> previous = cfg.getProperties();
        try {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("idleTimeout", "PT3S");
            cfg.update(props);
            // the setting is in force once a new session says it ends within seconds
            Session s = awaitSession(e -> e.isBefore(Instant.now().plusSeconds(10)));
            // no request of the test extends it: its last use is written at most once a minute
            long deadline = System.nanoTime() + Api.PATIENCE.toNanos();
            Api.Res r;
            do {
                r = get(s, "/gemeenten");
                assertTrue("the idle session did not end within 60 s", System.nanoTime() < deadline);
                if (r.status() == 200) {
                    sleep(250);
                }
            } while (r.status() == 200);
            assertProblem(r, 401);
            assertTrue(r.header("Set-Cookie").startsWith("mk_sessie=; Path=/api/v1; Max-Age=0"));

            props.put("passwordSignIn", "false");
            cfg.update(props);
            long until = System.nanoTime() + Api.PATIENCE.toNanos();
            while (api.get(null, "/aanmeldmethoden").json().path("wachtwoord").asBoolean()) {
                assertTrue("passwordSignIn=false took effect", System.nanoTime() < until);
                sleep(200);
            }
            assertFalse(api.get(null, "/aanmeldmethoden").json().has("oidc"));
            JsonNode off = assertProblem(postSignIn("{\"gebruikersnaam\":\"consulent-amsterdam\",\"wachtwoord\":\"demo\"}",
                    Map.of()), 403);
            assertEquals("urn:nl:mantelkring:probleem:aanmeldwijze-uit", off.path("type").asText());
            assertEquals("HTTP Basic for scripts stays", 200, api.get("consulent-amsterdam", "/gemeenten").status());
        } finally {
            cfg.update(previous == null ? new Hashtable<>() : previous);
        }
        // the shipped settings are back in force
        awaitPasswordSignIn();
        awaitSession(e -> e.isAfter(Instant.now().plus(Duration.ofMinutes(10))));
    }

    /** Signs in until a new session's end satisfies the condition (a configuration change applied). */
    private Session awaitSession(java.util.function.Predicate<Instant> expires) {
        long deadline = System.nanoTime() + Api.PATIENCE.toNanos();
        while (true) {
            Api.Res r = postSignIn("{\"gebruikersnaam\":\"consulent-regio\",\"wachtwoord\":\"demo\"}", Map.of());
            if (r.status() == 201) {
                if (expires.test(Instant.parse(r.json().path("verlooptOp").asText()))) {
                    String setCookie = r.header("Set-Cookie");
                    return new Session(setCookie.substring("mk_sessie=".length(), setCookie.indexOf(';')),
                            r.json().path("csrfToken").asText(), r);
                }
            }
            assertTrue("the session settings did not take effect: " + r, System.nanoTime() < deadline);
            sleep(200);
        }
    }

    private void awaitPasswordSignIn() {
        long deadline = System.nanoTime() + Api.PATIENCE.toNanos();
        while (!api.get(null, "/aanmeldmethoden").json().path("wachtwoord").asBoolean()) {
            assertTrue(System.nanoTime() < deadline);
            sleep(200);
        }
    }

    @Test
    public void signInMethodsArePublic() {
        Api.Res r = api.get(null, "/aanmeldmethoden");
        assertEquals(200, r.status());
        assertTrue(r.json().path("wachtwoord").asBoolean());
        assertFalse("no identity provider configured", r.json().has("oidc"));
        assertProblem(api.get(null, "/sessies/huidige"), 401);
        assertNull(api.get(null, "/sessies/huidige").header("Set-Cookie"));
    }

    private long sessions() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from auth_session")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

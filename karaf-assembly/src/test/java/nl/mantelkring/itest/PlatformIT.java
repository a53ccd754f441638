package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.sql.DataSource;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The platform over real HTTP against the real distribution: readiness, authentication everywhere but the three
 * open endpoints, roles, tenant isolation, problem+json for every error class, module (de)activation and feature
 * (un)install at runtime, plugin selection by policy, and the hash-chained audit log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT extends MantelkringTestSupport {

    private static final String CONSULENT_A = "consulent-amsterdam";
    private static final String BEHEERDER_A = "beheerder-amsterdam";
    private static final String AUDITOR_A = "auditor-amsterdam";
    private static final String CONSULENT_U = "consulent-utrecht";
    private static final String BEHEERDER_U = "beheerder-utrecht";
    private static final String AUDITOR_U = "auditor-utrecht";
    private static final String PLATFORM = "platformbeheerder";

    /** Every operation of the platform with a body that passes validation: method, path (GM0363), body. */
    private static final String[][] TENANT_OPERATIONS = {
        {"GET", "/gemeenten/GM0363", null},
        {"PUT", "/gemeenten/GM0363", "{\"naam\":\"Amsterdam\",\"status\":\"actief\"}"},
        {"GET", "/gemeenten/GM0363/modules", null},
        {"GET", "/gemeenten/GM0363/modules/testmodule", null},
        {"PUT", "/gemeenten/GM0363/modules/testmodule", "{\"ingeschakeld\":true}"},
        {"GET", "/gemeenten/GM0363/beleid", null},
        {"GET", "/gemeenten/GM0363/beleid/itest.sleutel", null},
        {"PUT", "/gemeenten/GM0363/beleid/itest.sleutel", "{\"waarde\":{\"a\":1}}"},
        {"GET", "/gemeenten/GM0363/beleid/itest.sleutel/versies", null},
        {"GET", "/gemeenten/GM0363/logboek", null},
        {"GET", "/gemeenten/GM0363/logboek/verificatie", null},
        {"GET", "/gemeenten/GM0363/plugins", null},
        {"GET", "/gemeenten/GM0363/gebruikers", null},
        {"GET", "/gemeenten/GM0363/gebruikers/iemand", null},
        {"PUT", "/gemeenten/GM0363/gebruikers/iemand", "{\"rollen\":[]}"},
        {"POST", "/gemeenten/GM0363/adrescontroles",
            "{\"straat\":\"Dam\",\"huisnummer\":1,\"postcode\":\"1012JS\",\"woonplaats\":\"Amsterdam\"}"},
    };

    private static final String[][] INSTALLATION_OPERATIONS = {
        {"GET", "/gemeenten", null},
        {"POST", "/gemeenten", "{\"gemeentecode\":\"GM0001\",\"naam\":\"Nergens\"}"},
        {"GET", "/modules", null},
        {"GET", "/logboek", null},
        {"GET", "/logboek/verificatie", null},
    };

    /** The fixture module's {@code testgegevens/fout} throws on purpose: the 500 a real fault gets (logged). */
    @Override
    protected List<KarafLog.Expected> expectedErrors() {
        return List.of(KarafLog.Expected.of("Unexpected error for /api/v1/gemeenten/GM0363/testgegevens/fout",
                "everyErrorIsProblemJson provokes an internal error"));
    }

    @Inject
    private FeaturesService features;

    @Inject
    private org.osgi.service.cm.ConfigurationAdmin configAdmin;

    @Inject
    @Filter("(dataSourceName=mantelkring)")
    private DataSource dataSource;

    @Test
    public void bootsAndIsReady() {
        Api.Res live = api.get(null, "/health");
        assertEquals(200, live.status());
        assertEquals("UP", live.json().path("status").asText());
        Api.Res ready = api.await(null, "/health/ready", 200);
        assertEquals("UP", ready.json().path("controles").path("database").asText());
        assertEquals("UP", ready.json().path("controles").path("migraties").asText());
        assertEquals("1.0.0", ready.header("API-Version"));
        assertNotNull(ready.header("X-Correlation-ID"));
    }

    @Test
    public void openApiDocumentIsPublicAndDescribesThePlatform() throws Exception {
        // with a module installed, so that the linted document includes a merged module fragment
        installFixtureModule();
        Api.Res doc = api.get(null, "/openapi.json");
        assertEquals(200, doc.status());
        JsonNode json = doc.json();
        assertTrue(json.path("openapi").asText().startsWith("3."));
        assertEquals("1.0.0", json.path("info").path("version").asText());
        assertTrue(json.path("info").path("contact").has("email"));
        assertTrue("tenant paths documented", json.path("paths").has("/gemeenten/{gemeentecode}"));
        assertTrue("module fragment merged", json.path("paths").has("/gemeenten/{gemeentecode}/testgegevens/{id}"));
        // the integration build lints the document with the NL GOV ADR ruleset
        new File(System.getProperty("mantelkring.itest.dir")).mkdirs();
        try {
            java.nio.file.Files.writeString(new File(System.getProperty("mantelkring.itest.dir"), "openapi.json")
                    .toPath(), doc.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void bearerTokensAreRefusedWithoutAProviderAndNeverAcceptedInTheUrl() {
        // no staff provider configured here: every bearer token is refused, with the Bearer challenge
        Api.Res r = api.sendWith(java.util.Map.of("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30."), "GET", "/gemeenten", null, null);
        assertProblem(r, 401);
        assertTrue(r.header("WWW-Authenticate"), r.header("WWW-Authenticate").startsWith("Bearer")
                && r.header("WWW-Authenticate").contains("error=\"invalid_token\""));
        // a token in the query string is refused, even with valid Basic credentials
        assertProblem(api.get(CONSULENT_A, "/gemeenten?access_token=abc"), 401);
        // without configuration there is no single sign-on and no DigiD sign-in
        assertProblem(api.get(null, "/sessies/oidc"), 404);
        assertProblem(api.get(null, "/burgers/sessies/oidc"), 404);
    }

    @Test
    public void everythingButTheOpenEndpointsRequiresAuthentication() throws Exception {
        List<String[]> all = new ArrayList<>(List.of(TENANT_OPERATIONS));
        all.addAll(List.of(INSTALLATION_OPERATIONS));
        for (String[] op : all) {
            Api.Res r = api.send(null, op[0], op[1], op[2] == null ? null : "application/json", op[2]);
            assertProblem(r, 401);
            assertTrue(op[0] + " " + op[1], r.header("WWW-Authenticate").startsWith("Basic"));
        }
        // wrong password, unknown user, malformed header
        assertProblem(api.send("consulent-amsterdam:fout", "GET", "/gemeenten", null, null), 401);
        assertProblem(api.get("niemand", "/gemeenten"), 401);
        // guessing passwords: after 10 failures the user name is refused for a while, even with the right password
        // (an API user of its own, used by no other test: password "demo", a digest copied from a demo user)
        String target = "geraden-gebruiker";
        addApiUser(target, "consultant@GM0363");
        assertEquals(200, api.get(target, "/gemeenten").status());
        Api guesser = new Api(HTTP_PORT, "geraden");
        for (int i = 0; i < 10; i++) {
            assertProblem(guesser.get(target, "/gemeenten"), 401);
        }
        Api.Res blocked = api.get(target, "/gemeenten");
        assertProblem(blocked, 429);
        assertTrue(Integer.parseInt(blocked.header("Retry-After")) > 0);
        assertEquals(200, api.get(AUDITOR_A, "/gemeenten").status());
        for (String open : new String[] {"/health", "/health/ready", "/openapi.json"}) {
            assertEquals(open, 200, api.get(null, open).status());
        }
    }

    @Test
    public void rolesDecideWhatIsAllowed() {
        // consultant: casework only
        assertProblem(api.json(CONSULENT_A, "PUT", "/gemeenten/GM0363/beleid/itest.rol", "{\"waarde\":1}"), 403);
        assertProblem(api.get(CONSULENT_A, "/gemeenten/GM0363/logboek"), 403);
        assertProblem(api.json(CONSULENT_A, "PUT", "/gemeenten/GM0363/modules/testmodule",
                "{\"ingeschakeld\":true}"), 403);
        assertProblem(api.json(CONSULENT_A, "POST", "/gemeenten", "{\"gemeentecode\":\"GM0002\",\"naam\":\"X\"}"), 403);
        assertProblem(api.get(CONSULENT_A, "/modules"), 403);
        // auditor reads the log, nothing else
        assertEquals(200, api.get(AUDITOR_A, "/gemeenten/GM0363/logboek").status());
        assertProblem(api.get(AUDITOR_A, "/gemeenten/GM0363/beleid"), 403);
        // municipal admin: policy yes, tenants no
        assertEquals(200, api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/beleid/itest.rol", "{\"waarde\":1}").status());
        assertProblem(api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363", "{\"naam\":\"A\",\"status\":\"actief\"}"), 403);
        assertProblem(api.get(BEHEERDER_A, "/logboek"), 403);
        // platform admin: tenants, not casework or policy of a tenant
        assertEquals(200, api.get(PLATFORM, "/gemeenten/GM0363").status());
        assertProblem(api.json(PLATFORM, "PUT", "/gemeenten/GM0363/beleid/itest.rol", "{\"waarde\":2}"), 404);
        Api.Res created = api.json(PLATFORM, "POST", "/gemeenten", "{\"gemeentecode\":\"GM0153\",\"naam\":\"Enschede\"}");
        assertEquals(created.toString(), 201, created.status());
        assertTrue(created.header("Location").endsWith("/api/v1/gemeenten/GM0153"));
        assertProblem(api.json(PLATFORM, "POST", "/gemeenten", "{\"gemeentecode\":\"GM0153\",\"naam\":\"Enschede\"}"), 409);
        // a user of two tenants sees both, a user of one sees one
        assertEquals(Set.of("GM0363", "GM0344"), codes(api.get("consulent-regio", "/gemeenten")));
        assertEquals(Set.of("GM0363"), codes(api.get(CONSULENT_A, "/gemeenten")));
        assertTrue(codes(api.get(PLATFORM, "/gemeenten?paginaGrootte=100")).containsAll(Set.of("GM0363", "GM0344", "GM0153")));
    }

    @Test
    public void tenantsNeverSeeEachOther() throws Exception {
        installFixtureModule();
        for (String[] op : TENANT_OPERATIONS) {
            for (String user : new String[] {CONSULENT_U, BEHEERDER_U, AUDITOR_U}) {
                Api.Res r = api.send(user, op[0], op[1], op[2] == null ? null : "application/json", op[2]);
                JsonNode p = assertProblem(r, 404);
                assertEquals(user + " " + op[0] + " " + op[1], "Er is geen resource op dit pad.", p.path("detail").asText());
            }
            // a tenant that does not exist answers exactly the same
            String missing = op[1].replace("GM0363", "GM9999");
            Api.Res r = api.send(CONSULENT_U, op[0], missing, op[2] == null ? null : "application/json", op[2]);
            assertEquals("Er is geen resource op dit pad.", assertProblem(r, 404).path("detail").asText());
        }
        // module data too
        enable("GM0363", BEHEERDER_A, true);
        assertEquals(200, api.await(CONSULENT_A, "/gemeenten/GM0363/testgegevens/abc", 200).status());
        assertProblem(api.get(CONSULENT_U, "/gemeenten/GM0363/testgegevens/abc"), 404);
        // the audit log of one tenant holds nothing of the other
        JsonNode entries = api.get(AUDITOR_U, "/gemeenten/GM0344/logboek?paginaGrootte=100").json().path("resultaten");
        for (JsonNode e : entries) {
            assertEquals("GM0344", e.path("gemeentecode").asText());
        }
    }

    private static String firstInvalid(JsonNode problem) {
        return problem.path("invalidParams").get(0).path("name").asText();
    }

    /** Issue 16 item 4: control characters in any JSON string or query parameter: 400 naming it, nothing stored. */
    @Test
    public void controlCharactersAreRefusedNamingTheField() {
        // a tenant's name (create and change)
        assertEquals("naam", firstInvalid(assertProblem(api.json(PLATFORM, "POST", "/gemeenten",
                "{\"gemeentecode\":\"GM0006\",\"naam\":\"Nul\\u0000gemeente\"}"), 400)));
        assertEquals(404, api.get(PLATFORM, "/gemeenten/GM0006").status());
        String name = api.get(PLATFORM, "/gemeenten/GM0363").json().path("naam").asText();
        assertEquals("naam", firstInvalid(assertProblem(api.json(PLATFORM, "PUT", "/gemeenten/GM0363",
                "{\"naam\":\"Amster\\u001bdam\",\"status\":\"actief\"}"), 400)));
        assertEquals("naam", firstInvalid(assertProblem(api.json(PLATFORM, "PUT", "/gemeenten/GM0363",
                "{\"naam\":\"Amster\\ndam\",\"status\":\"actief\"}"), 400)));
        assertEquals(name, api.get(PLATFORM, "/gemeenten/GM0363").json().path("naam").asText());
        // a policy reason (free text: a line break is fine, a NUL is not) and strings inside the free-form value
        String key = "/gemeenten/GM0363/beleid/itest.tekens";
        assertEquals("reden", firstInvalid(assertProblem(api.json(BEHEERDER_A, "PUT", key,
                "{\"waarde\":1,\"reden\":\"Besluit\\u0000\"}"), 400)));
        assertEquals("waarde.brief.1", firstInvalid(assertProblem(api.json(BEHEERDER_A, "PUT", key,
                "{\"waarde\":{\"brief\":[\"ok\",\"\\u001b[31m\"]}}"), 400)));
        assertEquals(404, api.get(BEHEERDER_A, key).status());
        assertEquals(200, api.json(BEHEERDER_A, "PUT", key, "{\"waarde\":{\"brief\":\"Beste\\nmevrouw\"},"
                + "\"reden\":\"Regel 1\\nRegel 2\"}").status());
        assertEquals("Regel 1\nRegel 2", api.get(BEHEERDER_A, key).json().path("reden").asText());
        // a module switch reason
        assertEquals("reden", firstInvalid(assertProblem(api.json(BEHEERDER_A, "PUT",
                "/gemeenten/GM0363/modules/registration", "{\"ingeschakeld\":false,\"reden\":\"\\u0007\"}"),
                400)));
        // a query parameter
        assertEquals("gebruiker", firstInvalid(assertProblem(api.get(AUDITOR_A,
                "/gemeenten/GM0363/logboek?gebruiker=a%1Bb"), 400)));
    }

    @Test
    public void everyErrorIsProblemJson() throws Exception {
        installFixtureModule();
        enable("GM0363", BEHEERDER_A, true);
        api.await(CONSULENT_A, "/gemeenten/GM0363/testgegevens/x", 200);
        assertProblem(api.get(CONSULENT_A, "/bestaat-niet"), 404);
        assertProblem(api.get(CONSULENT_A, "/gemeenten/GM0363/bestaat-niet"), 404);
        assertProblem(api.get(CONSULENT_A, "/gemeenten/"), 404);
        assertProblem(api.get(null, "/health/"), 404);
        // outside the API too
        assertProblem(api.getOutsideApi("/"), 404);
        assertProblem(api.getOutsideApi("/api/v2/gemeenten"), 404);
        // CXF's own servlet does not serve the API
        assertProblem(api.getOutsideApi("/cxf/gemeenten"), 404);
        Api.Res notAllowed = api.send(CONSULENT_A, "DELETE", "/gemeenten", null, null);
        assertProblem(notAllowed, 405);
        assertEquals("GET, HEAD, OPTIONS, POST", notAllowed.header("Allow"));
        assertEquals("GET, HEAD, OPTIONS, PUT", api.send(CONSULENT_A, "DELETE", "/gemeenten/GM0363", null, null)
                .header("Allow"));
        assertProblem(api.send(PLATFORM, "POST", "/gemeenten", "text/plain", "GM0003"), 415);
        // a body without Content-Type: 415 before CXF looks for a reader (it logged that at ERROR; issue 16, item 9)
        assertProblem(api.send(PLATFORM, "POST", "/gemeenten", null, "{\"gemeentecode\":\"GM0007\",\"naam\":\"X\"}"),
                415);
        assertProblem(api.send(BEHEERDER_A, "PUT", "/gemeenten/GM0363/beleid/itest.sleutel", null,
                "{\"waarde\":{\"a\":1}}"), 415);
        assertProblem(api.send(BEHEERDER_A, "PUT", "/gemeenten/GM0363/beleid/itest.sleutel",
                "application/octet-stream", "{\"waarde\":{\"a\":1}}"), 415);
        assertEquals(404, api.get(PLATFORM, "/gemeenten/GM0007").status());
        assertProblem(api.send(PLATFORM, "POST", "/gemeenten", "application/json;charset=bogus", "{}"), 415);
        JsonNode malformed = assertProblem(api.json(PLATFORM, "POST", "/gemeenten", "{\"gemeentecode\": "), 400);
        assertTrue(malformed.path("detail").asText().contains("JSON"));
        JsonNode invalid = assertProblem(api.json(PLATFORM, "POST", "/gemeenten", "{\"gemeentecode\":\"0363\",\"naam\":\" \"}"), 400);
        Set<String> fields = new TreeSet<>();
        invalid.path("invalidParams").forEach(v -> fields.add(v.path("name").asText()));
        assertEquals(Set.of("gemeentecode", "naam"), fields);
        JsonNode unknownField = assertProblem(api.json(PLATFORM, "POST", "/gemeenten",
                "{\"gemeentecode\":\"GM0004\",\"naam\":\"X\",\"bsn\":\"123\"}"), 400);
        assertEquals("bsn", unknownField.path("invalidParams").get(0).path("name").asText());
        JsonNode wrongType = assertProblem(api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/modules/testmodule",
                "{\"ingeschakeld\":\"misschien\"}"), 400);
        assertEquals("ingeschakeld", wrongType.path("invalidParams").get(0).path("name").asText());
        assertProblem(api.get(CONSULENT_A, "/gemeenten?pagina=0"), 400);
        assertProblem(api.get(CONSULENT_A, "/gemeenten?paginaGrootte=1000"), 400);
        JsonNode notANumber = assertProblem(api.get(CONSULENT_A, "/gemeenten?pagina=een"), 400);
        assertEquals("pagina", notANumber.path("invalidParams").get(0).path("name").asText());
        assertProblem(api.get(BEHEERDER_A, "/gemeenten/GM0363/beleid/itest.sleutel?jaar=vorig"), 400);
        String big = "{\"gemeentecode\":\"GM0005\",\"naam\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(api.json(PLATFORM, "POST", "/gemeenten", big), 413);
        assertEquals(404, api.get(PLATFORM, "/gemeenten/GM0005").status());
        // a rejected request changed nothing
        assertProblem(api.get(PLATFORM, "/gemeenten/GM0004"), 404);
        // internal errors: 500 without stack trace or SQL
        JsonNode internal = assertProblem(api.get(CONSULENT_A, "/gemeenten/GM0363/testgegevens/fout"), 500);
        assertFalse(internal.toString().contains("jdbc"));
        assertFalse(internal.toString().contains("SELECT"));
        // a method that declares no roles is refused to everyone (deny by default)
        assertProblem(api.get(CONSULENT_A, "/gemeenten/GM0363/testgegevens/zonder-rollen"), 403);
        // a query with a broken %-escape is the client's mistake (Java's HTTP client refuses to send one: raw socket)
        try (java.net.Socket socket = new java.net.Socket("localhost", HTTP_PORT)) {
            socket.getOutputStream().write(("GET /api/v1/gemeenten?pagina=%2 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString((PLATFORM + ":demo")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(raw, raw.startsWith("HTTP/1.1 400"));
            assertTrue(raw, raw.contains("application/problem+json"));
            assertTrue(raw, raw.contains("\"instance\":\"/api/v1/gemeenten\""));
        }
    }

    /**
     * What Jetty answers itself, before any servlet runs, is problem+json too: a malformed %-escape or NUL in the
     * path, a bad header, a request line or headers too large (issue 16, item 5). Raw sockets: Java's HTTP client
     * refuses to send such requests.
     */
    @Test
    public void jettyAnswersProblemJsonToo() {
        String big = "a".repeat(10_000);
        Object[][] cases = {
            {"GET /api/v1/gemeenten/%zz HTTP/1.1\r\n", 400},
            {"PUT /api/v1/gemeenten/%00 HTTP/1.1\r\nContent-Length: 0\r\n", 400},
            {"DELETE /api/v1/gemeenten/% HTTP/1.1\r\n", 400},
            {"GET /api/v1/gemeenten/GM0363%2 HTTP/1.1\r\n", 400},
            {"GET /backoffice/%zz HTTP/1.1\r\n", 400},
            {"GET /api/v1/gemeenten HTTP/1.1\r\nKapotte header\r\n", 400},
            {"GET /api/v1/" + big + " HTTP/1.1\r\n", 414},
            {"GET /api/v1/gemeenten HTTP/1.1\r\nX-Groot: " + big + "\r\n", 431},
        };
        for (Object[] c : cases) {
            Api.RawRes r = api.raw((String) c[0]);
            String what = ((String) c[0]).substring(0, Math.min(60, ((String) c[0]).length())) + " -> " + r;
            assertEquals(what, c[1], r.status());
            assertTrue(what, r.contentType() != null && r.contentType().startsWith("application/problem+json"));
            JsonNode p = r.json();
            assertEquals(what, c[1], p.path("status").asInt());
            for (String field : new String[] {"type", "title", "detail"}) {
                assertTrue(what, p.hasNonNull(field));
            }
            assertFalse(what, r.body().contains("<") || r.body().contains("Exception"));
            assertEquals(what, "1.0.0", r.headers().get("api-version"));
        }
    }

    /** A body with a repeated key is refused on every write operation, naming the key (issue 16, item 3). */
    @Test
    public void aRepeatedKeyIsRefusedOnEveryWriteOperation() throws Exception {
        installFixtureModule();
        int checked = 0;
        for (String[][] ops : new String[][][] {TENANT_OPERATIONS, INSTALLATION_OPERATIONS}) {
            for (String[] op : ops) {
                String[] repeated = op[2] == null ? null : withFirstKeyRepeated(op[2]);
                if (repeated == null) {
                    continue;
                }
                boolean refused = false;
                for (String user : new String[] {PLATFORM, BEHEERDER_A, CONSULENT_A}) {
                    Api.Res r = api.json(user, op[0], op[1], repeated[0]);
                    assertTrue(user + " " + op[0] + " " + op[1] + ": " + r, r.status() >= 400);
                    if (r.status() == 400) {
                        assertRepeatedKeyRefused(r, repeated[1]);
                        refused = true;
                    }
                }
                assertTrue(op[0] + " " + op[1] + " was never refused for its repeated key", refused);
                checked++;
            }
        }
        assertTrue("write operations checked: " + checked, checked >= 5);
        // nested, and in free-form JSON (a policy value): named with its path; nothing stored
        assertRepeatedKeyRefused(api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/beleid/itest.dubbel",
                "{\"waarde\":{\"a\":1,\"b\":{\"c\":1,\"c\":2}}}"), "waarde.b.c");
        assertProblem(api.get(BEHEERDER_A, "/gemeenten/GM0363/beleid/itest.dubbel"), 404);
        assertRepeatedKeyRefused(api.json(PLATFORM, "POST", "/gemeenten",
                "{\"gemeentecode\":\"GM0008\",\"naam\":\"A\",\"naam\":\"B\"}"), "naam");
        assertProblem(api.get(PLATFORM, "/gemeenten/GM0008"), 404);
    }

    @Test
    public void modulesAreSwitchedPerTenantAtRuntimeAndFeaturesComeAndGo() throws Exception {
        installFixtureModule();
        String path = "/gemeenten/GM0363/testgegevens/1";
        enable("GM0363", BEHEERDER_A, true);
        api.await(CONSULENT_A, path, 200);
        enable("GM0363", BEHEERDER_A, false);
        enable("GM0344", BEHEERDER_U, false);
        assertEquals("Deze module is niet ingeschakeld voor deze gemeente.",
                assertProblem(api.get(CONSULENT_A, path), 404).path("detail").asText());
        JsonNode installed = api.get(BEHEERDER_A, "/modules").json().path("resultaten");
        assertTrue(installed.toString().contains("\"testmodule\""));

        enable("GM0363", BEHEERDER_A, true);
        JsonNode ok = api.get(CONSULENT_A, path).json();
        assertEquals("GM0363", ok.path("gemeentecode").asText());
        assertTrue(api.get(CONSULENT_A, "/gemeenten/GM0363/modules/testmodule").json().path("ingeschakeld").asBoolean());
        // the other tenant has not enabled it
        assertProblem(api.get(CONSULENT_U, "/gemeenten/GM0344/testgegevens/1"), 404);
        // switched off: gone at once
        enable("GM0363", BEHEERDER_A, false);
        assertProblem(api.get(CONSULENT_A, path), 404);
        enable("GM0363", BEHEERDER_A, true);
        assertEquals(200, api.get(CONSULENT_A, path).status());

        // the module's OpenAPI fragment is part of the published document while it is installed
        String documented = "/gemeenten/{gemeentecode}/testgegevens/{id}";
        assertTrue(api.get(null, "/openapi.json").json().path("paths").has(documented));

        // feature:uninstall removes the module's API and its plugin; readiness reports the missing module
        features.uninstallFeature(FixtureBundle.FEATURE);
        api.await(CONSULENT_A, path, 404);
        assertFalse(api.get(null, "/openapi.json").json().path("paths").has(documented));
        assertFalse(api.get(BEHEERDER_A, "/modules").body().contains("\"testmodule\""));
        JsonNode notReady = assertProblem(api.await(null, "/health/ready", 503), 503);
        assertEquals("DOWN", notReady.path("controles").path("module.testmodule").asText());
        // feature:install brings it back, with the tenant's choice remembered; ready means its API answers
        features.installFeature(FixtureBundle.FEATURE);
        api.await(null, "/health/ready", 200);
        assertEquals("ready before the module's API was served", 200, api.get(CONSULENT_A, path).status());
    }

    @Test
    public void policySelectsTenantScopedPluginsAndFailsSafeWhenOneIsMissing() throws Exception {
        installFixtureModule();
        String address = "{\"straat\":\"Dam\",\"huisnummer\":1,\"postcode\":\"1012JS\",\"woonplaats\":\"Amsterdam\"}";
        api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/beleid/adresverificatie", "{\"waarde\":{\"plugin\":\"formaat\"}}");
        Api.Res builtIn = api.json(CONSULENT_A, "POST", "/gemeenten/GM0363/adrescontroles", address);
        assertEquals(builtIn.toString(), 200, builtIn.status());
        assertTrue(builtIn.json().path("geldig").asBoolean());
        assertEquals("1012 JS", builtIn.json().path("adres").path("postcode").asText());
        // the tenant-scoped plugin is visible to its tenant only
        assertTrue(api.get(BEHEERDER_A, "/gemeenten/GM0363/plugins").body().contains("\"itest\""));
        assertFalse(api.get(BEHEERDER_U, "/gemeenten/GM0344/plugins").body().contains("\"itest\""));
        // policy chooses it
        assertEquals(200, api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/beleid/adresverificatie",
                "{\"waarde\":{\"plugin\":\"itest\"},\"reden\":\"BAG-koppeling\"}").status());
        JsonNode chosen = api.json(CONSULENT_A, "POST", "/gemeenten/GM0363/adrescontroles", address).json();
        assertFalse(chosen.path("geldig").asBoolean());
        assertEquals("itest-plugin voor GM0363", chosen.path("bevindingen").get(0).path("reason").asText());
        // another tenant cannot use it, even by naming it
        api.json(BEHEERDER_U, "PUT", "/gemeenten/GM0344/beleid/adresverificatie", "{\"waarde\":{\"plugin\":\"itest\"}}");
        assertProblem(api.json(CONSULENT_U, "POST", "/gemeenten/GM0344/adrescontroles", address), 503);
        api.json(BEHEERDER_U, "PUT", "/gemeenten/GM0344/beleid/adresverificatie", "{\"waarde\":{\"plugin\":\"formaat\"}}");
        // the plugin leaves: its tenant's checks wait (503) instead of silently using another verifier
        features.uninstallFeature(FixtureBundle.FEATURE);
        JsonNode missing = assertProblem(api.json(CONSULENT_A, "POST", "/gemeenten/GM0363/adrescontroles", address), 503);
        assertTrue(missing.path("detail").asText().contains("itest"));
        features.installFeature(FixtureBundle.FEATURE);
        api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/beleid/adresverificatie", "{\"waarde\":{\"plugin\":\"formaat\"}}");
        // policy is versioned: who, when, what
        JsonNode versions = api.get(BEHEERDER_A, "/gemeenten/GM0363/beleid/adresverificatie/versies").json();
        assertTrue(versions.path("paginering").path("totaal").asInt() >= 3);
        assertEquals(BEHEERDER_A, versions.path("resultaten").get(0).path("gewijzigdDoor").asText());
    }

    @Test
    public void auditLogRecordsProcessingAndDetectsTampering() throws Exception {
        installFixtureModule();
        enable("GM0363", BEHEERDER_A, true);
        api.await(CONSULENT_A, "/gemeenten/GM0363/testgegevens/rec-42", 200);
        assertProblem(api.get(CONSULENT_U, "/gemeenten/GM0344/testgegevens/rec-43"), 404);
        JsonNode page = api.get(AUDITOR_A, "/gemeenten/GM0363/logboek?gegevenId=rec-42&soortGegeven=testgegeven").json();
        assertTrue(page.path("paginering").path("totaal").asInt() >= 1);
        JsonNode entry = page.path("resultaten").get(0);
        assertEquals(CONSULENT_A, entry.path("gebruiker").asText());
        assertEquals("consultant@GM0363", entry.path("rollen").asText());
        assertEquals("testgegeven.lezen", entry.path("verwerkingsactiviteit").asText());
        assertEquals("Integratietest", entry.path("doelbinding").asText());
        assertTrue(entry.path("uitkomst").asText().startsWith("geslaagd"));
        assertEquals(32, entry.path("traceId").asText().length());
        assertEquals(64, entry.path("hash").asText().length());
        // a refused write is logged as refused
        api.json(CONSULENT_A, "PUT", "/gemeenten/GM0363/beleid/itest.geweigerd", "{\"waarde\":1}");
        JsonNode refused = api.get(AUDITOR_A, "/gemeenten/GM0363/logboek?gebruiker=" + CONSULENT_A
                + "&verwerkingsactiviteit=beleid.wijzigen").json().path("resultaten").get(0);
        assertEquals("geweigerd 403", refused.path("uitkomst").asText());
        // the chain verifies
        assertTrue(api.get(AUDITOR_A, "/gemeenten/GM0363/logboek/verificatie").json().path("geldig").asBoolean());
        // alter one entry directly in the database: detected, with its sequence number
        long seq = entry.path("volgnummer").asLong();
        String actor;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select actor from audit_entry where chain = ? and seq = ?")) {
            ps.setString(1, "GM0363");
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                actor = rs.getString(1);
            }
        }
        update("update audit_entry set actor = 'iemand-anders' where chain = 'GM0363' and seq = " + seq);
        JsonNode broken = api.get(AUDITOR_A, "/gemeenten/GM0363/logboek/verificatie").json();
        assertFalse(broken.path("geldig").asBoolean());
        assertEquals(seq, broken.path("eersteFoutVolgnummer").asLong());
        update("update audit_entry set actor = '" + actor + "' where chain = 'GM0363' and seq = " + seq);
        assertTrue(api.get(AUDITOR_A, "/gemeenten/GM0363/logboek/verificatie").json().path("geldig").asBoolean());
        // tenant admin changes are in the installation chain for platform admins
        assertTrue(api.get(PLATFORM, "/logboek/verificatie").json().path("geldig").asBoolean());
    }

    @Test
    public void municipalAdminsGrantRolesInTheirOwnTenantOnly() {
        String user = "medewerker-amsterdam";
        // authenticated but without any role: nothing is allowed
        assertProblem(api.get(user, "/gemeenten"), 403);
        assertProblem(api.get(user, "/gemeenten/GM0363"), 404);
        // another tenant's admin cannot grant here, a consultant cannot grant at all
        assertProblem(api.json(BEHEERDER_U, "PUT", "/gemeenten/GM0363/gebruikers/" + user, "{\"rollen\":[\"consultant\"]}"), 404);
        assertProblem(api.json(CONSULENT_A, "PUT", "/gemeenten/GM0363/gebruikers/" + user, "{\"rollen\":[\"consultant\"]}"), 403);
        JsonNode invalid = assertProblem(api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/gebruikers/" + user,
                "{\"rollen\":[\"consultant\",\"platform-admin\"]}"), 400);
        assertEquals("rollen.1", invalid.path("invalidParams").get(0).path("name").asText());
        assertProblem(api.get(user, "/gemeenten/GM0363"), 404);
        // granted: in force at once
        JsonNode granted = api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/gebruikers/" + user,
                "{\"rollen\":[\"consultant\"]}").json();
        assertEquals("consultant", granted.path("rollen").get(0).asText());
        assertEquals(BEHEERDER_A, granted.path("toegekendDoor").asText());
        assertEquals(200, api.get(user, "/gemeenten/GM0363").status());
        assertEquals(Set.of("GM0363"), codes(api.get(user, "/gemeenten")));
        assertProblem(api.get(user, "/gemeenten/GM0344"), 404);
        assertProblem(api.get(user, "/gemeenten/GM0363/logboek"), 403);
        assertTrue(api.get(BEHEERDER_A, "/gemeenten/GM0363/gebruikers").body().contains(user));
        assertFalse(api.get(BEHEERDER_U, "/gemeenten/GM0344/gebruikers").body().contains(user));
        // the change is in the tenant's audit log
        JsonNode logged = api.get(AUDITOR_A, "/gemeenten/GM0363/logboek?verwerkingsactiviteit=gebruiker.rollen-wijzigen"
                + "&gegevenId=" + user).json();
        assertTrue(logged.path("paginering").path("totaal").asInt() >= 1);
        // revoked: gone at once
        api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/gebruikers/" + user, "{\"rollen\":[]}");
        assertProblem(api.get(user, "/gemeenten/GM0363"), 404);
    }

    @Test
    public void theRealmIsChosenByConfigurationOnly() throws Exception {
        // a second realm, defined the way an LDAP/AD realm is (a blueprint in deploy/), here with a users file
        features.installFeature("jaas-deployer");
        File base = new File(System.getProperty("karaf.base"));
        File users = new File(base, "etc/itest-realm-users.properties");
        java.nio.file.Files.writeString(users.toPath(), "andere-gebruiker = geheim,consultant@GM0344\n");
        File realm = new File(base, "deploy/itest-realm.xml");
        java.nio.file.Files.writeString(realm.toPath(), "<blueprint xmlns=\"http://www.osgi.org/xmlns/blueprint/v1.0.0\""
                + " xmlns:jaas=\"http://karaf.apache.org/xmlns/jaas/v1.1.0\"><jaas:config name=\"itest-realm\">"
                + "<jaas:module className=\"org.apache.karaf.jaas.modules.properties.PropertiesLoginModule\""
                + " flags=\"required\">users = " + users.getAbsolutePath() + "</jaas:module></jaas:config></blueprint>");
        // the realm is there before the API is pointed at it (polling the API meanwhile would count failed logins
        // for the user name and block it)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!realmAccepts("itest-realm", "andere-gebruiker", "geheim")) {
            assertTrue("the blueprint realm is deployed", System.nanoTime() < deadline);
            sleep(200);
        }
        org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration("nl.mantelkring.platform.security", null);
        java.util.Dictionary<String, Object> previous = cfg.getProperties();
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("realm", "itest-realm");
        props.put("cacheSeconds", "60");
        try {
            cfg.update(props);
            Api other = new Api(HTTP_PORT, "geheim");
            other.await("andere-gebruiker", "/gemeenten/GM0344", 200);
            assertProblem(api.get(CONSULENT_U, "/gemeenten/GM0344"), 401);
        } finally {
            cfg.update(previous);
            realm.delete();
        }
        api.await(CONSULENT_U, "/gemeenten/GM0344", 200);
    }

    @Test
    public void shellAndJmxAdministratorsAreNoApiUsersAndApiUsersNoAdministrators() throws Exception {
        // no shell password is shipped: the Karaf default karaf/karaf is no account anywhere
        assertFalse(realmAccepts("karaf", "karaf", "karaf"));
        assertProblem(new Api(HTTP_PORT, "karaf").get("karaf", "/gemeenten"), 401);
        // an API user is valid in the API realm and nowhere else
        assertTrue(realmAccepts("mantelkring", CONSULENT_A, Api.DEMO_PASSWORD));
        assertFalse(realmAccepts("karaf", CONSULENT_A, Api.DEMO_PASSWORD));
        assertJmxRefuses(CONSULENT_A, Api.DEMO_PASSWORD);
        // a shell administrator added as the README says: valid for the shell and JMX, unknown to the API
        File users = new File(System.getProperty("karaf.etc"), "users.properties");
        String shipped = Files.readString(users.toPath());
        try {
            Files.writeString(users.toPath(), "itest-beheerder = geheim,_g_:admingroup\n",
                    StandardOpenOption.APPEND);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!realmAccepts("karaf", "itest-beheerder", "geheim")) {
                assertTrue("the shell administrator is accepted by the realm karaf", System.nanoTime() < deadline);
                sleep(200);
            }
            assertTrue(Files.readString(users.toPath()).contains("itest-beheerder = {CRYPT}"));
            try (JMXConnector jmx = jmx("itest-beheerder", "geheim")) {
                assertNotNull(jmx.getMBeanServerConnection().getDefaultDomain());
            }
            assertFalse(realmAccepts("mantelkring", "itest-beheerder", "geheim"));
            assertProblem(new Api(HTTP_PORT, "geheim").get("itest-beheerder", "/gemeenten"), 401);
        } finally {
            Files.writeString(users.toPath(), shipped);
        }
    }

    /** Adds an API user with the password "demo" to etc/mantelkring-users.properties. */
    private static void addApiUser(String user, String roles) throws Exception {
        Path file = new File(System.getProperty("karaf.etc"), "mantelkring-users.properties").toPath();
        String digest = Files.readAllLines(file).stream()
                .filter(l -> l.startsWith(CONSULENT_A + " = {CRYPT}"))
                .map(l -> l.substring(l.indexOf('=') + 1).split(",")[0].trim())
                .findFirst().orElseThrow();
        Files.writeString(file, user + " = " + digest + "," + roles + "\n", StandardOpenOption.APPEND);
    }

    /** Whether a JAAS realm of the container accepts the credentials (as ssh and JMX ask the realm "karaf"). */
    private static boolean realmAccepts(String realm, String user, String password) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ProxyLoginModule.class.getClassLoader());
        try {
            new LoginContext(realm, callbacks -> {
                for (Callback cb : callbacks) {
                    if (cb instanceof NameCallback nc) {
                        nc.setName(user);
                    } else if (cb instanceof PasswordCallback pc) {
                        pc.setPassword(password.toCharArray());
                    }
                }
            }).login();
            return true;
        } catch (LoginException e) {
            return false;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A JMX connection over the container's RMI connector, as jconsole would open it. */
    private JMXConnector jmx(String user, String password) throws Exception {
        Dictionary<String, Object> cfg = configAdmin.getConfiguration("org.apache.karaf.management", null)
                .getProperties();
        JMXServiceURL url = new JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + cfg.get("rmiRegistryPort") + "/karaf-"
                        + System.getProperty("karaf.name"));
        return JMXConnectorFactory.connect(url,
                Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    private void assertJmxRefuses(String user, String password) throws Exception {
        try (JMXConnector refused = jmx(user, password)) {
            throw new AssertionError("JMX accepted " + user);
        } catch (SecurityException expected) {
            // refused by the realm "karaf"
        }
    }

    private void update(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            assertEquals(1, ps.executeUpdate());
        }
    }

    private void installFixtureModule() throws Exception {
        if (features.getFeature(FixtureBundle.FEATURE) == null) {
            File xml = FixtureBundle.write(new File(System.getProperty("mantelkring.itest.dir")));
            features.addRepository(xml.toURI());
        }
        if (!features.isInstalled(features.getFeature(FixtureBundle.FEATURE))) {
            features.installFeature(FixtureBundle.FEATURE);
        }
        api.await(BEHEERDER_A, "/gemeenten/GM0363/modules/testmodule", 200);
    }

    private void enable(String tenant, String admin, boolean on) {
        Api.Res r = api.json(admin, "PUT", "/gemeenten/" + tenant + "/modules/testmodule",
                "{\"ingeschakeld\":" + on + ",\"reden\":\"integratietest\"}");
        assertEquals(r.toString(), 200, r.status());
        assertEquals(on, r.json().path("ingeschakeld").asBoolean());
    }

    private static Set<String> codes(Api.Res r) {
        assertEquals(r.toString(), 200, r.status());
        Set<String> out = new TreeSet<>();
        r.json().path("resultaten").forEach(t -> out.add(t.path("gemeentecode").asText()));
        return out;
    }
}

package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The loket, the municipality's public front door (issue 18): its page data per municipality and module, its pages
 * and theme, the limit on anonymous requests, and the browser suite ({@code src/test/e2e/loket.e2e.mjs} with every
 * part's {@code loket-*.mjs}) on a phone-sized viewport with citizens signing in at the build's Keycloak.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoketIT extends MantelkringTestSupport {

    private static final String A = "/gemeenten/GM0363";
    private static final String[] FEATURES = {"mantelkring-registration", "mantelkring-appreciation",
        "mantelkring-respite"};
    private static final String[] MODULES = {"registration", "appreciation", "respite"};

    @Inject
    private FeaturesService features;

    @Inject
    private ConfigurationAdmin configurations;

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.addAll(citizenOidc());
        options.addAll(BrowserSuite.options());
        return options.toArray(Option[]::new);
    }

    @Before
    public void installAndEnable() throws Exception {
        for (String f : FEATURES) {
            if (!features.isInstalled(features.getFeature(f))) {
                features.installFeature(f);
            }
        }
        for (String module : MODULES) {
            api.await("beheerder-amsterdam", A + "/modules/" + module, 200);
            Api.Res r = api.json("beheerder-amsterdam", "PUT", A + "/modules/" + module,
                    "{\"ingeschakeld\":true,\"reden\":\"integratietest\"}");
            assertEquals(r.toString(), 200, r.status());
        }
    }

    private JsonNode loket(String tenant) {
        Api.Res r = api.get(null, "/gemeenten/" + tenant + "/loket-onderdelen");
        assertEquals(r.toString(), 200, r.status());
        return r.json();
    }

    private List<String> partModules(JsonNode loket) {
        List<String> modules = new ArrayList<>();
        loket.path("onderdelen").forEach(p -> modules.add(p.path("module").asText()));
        return modules;
    }

    @Test
    public void theLoketShowsThePartsOfTheModulesTheMunicipalityEnabledWithoutSignIn() {
        JsonNode a = loket("GM0363");
        assertEquals("Amsterdam", a.path("gemeente").path("naam").asText());
        assertTrue("citizen sign-in is configured in this test", a.path("digid").asBoolean());
        for (JsonNode p : a.path("onderdelen")) {
            assertTrue(p.toString(), p.path("script").asText().startsWith("/loket/onderdelen/" + p.path("id").asText() + "/"));
            assertFalse(p.toString(), p.path("samenvatting").asText().isBlank());
            assertEquals(p.toString(), 200, api.getOutsideApi(p.path("script").asText()).status());
        }
        // a module switched off disappears from the loket at once, and comes back when switched on
        for (String module : MODULES) {
            assertEquals(200, api.json("beheerder-amsterdam", "PUT", A + "/modules/" + module,
                    "{\"ingeschakeld\":false,\"reden\":\"integratietest\"}").status());
            assertFalse(module, partModules(loket("GM0363")).contains(module));
            assertEquals(200, api.json("beheerder-amsterdam", "PUT", A + "/modules/" + module,
                    "{\"ingeschakeld\":true,\"reden\":\"integratietest\"}").status());
        }
    }

    @Test
    public void aMunicipalityThatDoesNotExistHasNoLoket() {
        for (String tenant : new String[] {"GM9999", "gm0363", "GM036", "XX"}) {
            assertProblem(api.get(null, "/gemeenten/" + tenant + "/loket-onderdelen"), 404);
        }
        assertEquals(404, api.getOutsideApi("/loket/GM9999").status());
        assertEquals(404, api.getOutsideApi("/loket").status());
        Api.Res page = api.getOutsideApi("/loket/GM0363");
        assertEquals(200, page.status());
        assertTrue(page.contentType(), page.contentType().startsWith("text/html"));
        String csp = page.raw().headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp, csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
        // no third-party resources in the shell
        for (String file : new String[] {"/loket/GM0363", "/loket/shell/loket.js", "/loket/shell/lib.js",
            "/loket/shell/loket.css"}) {
            String body = api.getOutsideApi(file).body();
            assertFalse(file, body.matches("(?s).*https?://.*"));
        }
        for (String path : new String[] {"/loket/shell/../../db/platform/V1__platform.sql",
            "/loket/onderdelen/bestaat-niet/x.js", "/loket/shell/.hidden"}) {
            int status = api.getOutsideApi(path).status();
            assertTrue(path + " answered " + status, status == 404 || status == 400);
        }
    }

    @Test
    public void theMunicipalitysThemeIsPolicyAndCannotInjectAnything() {
        String svg = Base64.getEncoder().encodeToString(("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\""
                + " height=\"20\"><rect width=\"40\" height=\"20\" fill=\"#ec0000\"/></svg>").getBytes(StandardCharsets.UTF_8));
        JsonNode bad = assertProblem(api.json("beheerder-amsterdam", "PUT", A + "/beleid/loket.thema",
                "{\"waarde\":{\"tokens\":{\"--kleur\":\"red;} body {display:none\"}},\"reden\":\"integratietest\"}"), 400);
        assertTrue(bad.toString(), bad.toString().contains("tokens.--kleur"));
        assertEquals("", api.getOutsideApi("/loket/GM0363/thema.css").body());
        Api.Res saved = api.json("beheerder-amsterdam", "PUT", A + "/beleid/loket.thema",
                "{\"waarde\":{\"logo\":{\"type\":\"image/svg+xml\",\"data\":\"" + svg + "\",\"alt\":\"Gemeente Amsterdam\"},"
                + "\"tokens\":{\"--basis-color-accent-1-bg-default\":\"#ec0000\"}},\"reden\":\"integratietest\"}");
        assertEquals(saved.toString(), 200, saved.status());
        Api.Res css = api.getOutsideApi("/loket/GM0363/thema.css");
        assertTrue(css.contentType(), css.contentType().startsWith("text/css"));
        assertTrue(css.body(), css.body().contains("--basis-color-accent-1-bg-default: #ec0000;"));
        Api.Res logo = api.getOutsideApi("/loket/GM0363/logo");
        assertEquals("image/svg+xml", logo.contentType());
        assertTrue(logo.raw().headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));
        JsonNode a = loket("GM0363");
        assertEquals("/loket/GM0363/logo", a.path("logo").path("url").asText());
        assertEquals("Gemeente Amsterdam", a.path("logo").path("alt").asText());
        // another municipality keeps the default theme
        assertEquals("", api.getOutsideApi("/loket/GM0344/thema.css").body());
        assertEquals(404, api.getOutsideApi("/loket/GM0344/logo").status());
        assertTrue(loket("GM0344").path("logo").isMissingNode());
        assertEquals(200, api.json("beheerder-amsterdam", "PUT", A + "/beleid/loket.thema",
                "{\"waarde\":{},\"reden\":\"integratietest: standaardthema\"}").status());
    }

    @Test
    public void anonymousRequestsAreLimitedPerClientAddress() throws Exception {
        org.osgi.service.cm.Configuration c = configurations.getConfiguration("nl.mantelkring.platform.loket", null);
        Dictionary<String, Object> low = new Hashtable<>();
        low.put("anonymousRequestsPerMinute", 20);
        c.update(low);
        try {
            // the new limit applies once the component has its configuration: wait for a 429, never for time
            long deadline = System.nanoTime() + Api.PATIENCE.toNanos();
            Api.Res r;
            do {
                r = api.get(null, A + "/loket-onderdelen");
            } while (r.status() == 200 && System.nanoTime() < deadline);
            JsonNode p = assertProblem(r, 429);
            assertEquals("urn:nl:mantelkring:probleem:te-veel-verzoeken", p.path("type").asText());
            long retry = Long.parseLong(r.raw().headers().firstValue("Retry-After").orElseThrow());
            assertTrue("retry within the minute: " + retry, retry >= 1 && retry <= 60);
            // a signed-in user is not counted as anonymous
            assertEquals(200, api.get("consulent-amsterdam", A + "/mantelzorgers?paginaGrootte=1").status());
        } finally {
            Dictionary<String, Object> high = new Hashtable<>();
            high.put("anonymousRequestsPerMinute", ANONYMOUS_LIMIT);
            c.update(high);
            long deadline = System.nanoTime() + Api.PATIENCE.toNanos();
            while (api.get(null, A + "/loket-onderdelen").status() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        assertEquals(200, api.get(null, A + "/loket-onderdelen").status());
    }

    /** The citizens' operations of the served document: method and path with its parameters filled in. */
    private List<String[]> citizenOperations(String tenant) {
        JsonNode doc = api.get(null, "/openapi.json").json();
        List<String[]> ops = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> {
            if (!p.getKey().startsWith("/burgers/gemeenten/{gemeentecode}/")) {
                return;
            }
            String path = p.getKey().replace("{gemeentecode}", tenant)
                    .replaceAll("\\{[^}]+}", "0b9e2a8e-3c5e-4f7a-9d1e-2f6c8a4b7d10");
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (List.of("get", "put", "post", "patch", "delete").contains(m)) {
                    ops.add(new String[] {m.toUpperCase(java.util.Locale.ROOT), path});
                }
            });
        });
        return ops;
    }

    /**
     * The platform's gate on every citizen operation any installed module serves: no session or a staff credential
     * is 401, a changing request without the session's CSRF token is 403, a module switched off is 404 — and none of
     * these changes anything (the module's own tests check their data; here every refusal is before the resource).
     */
    @Test
    public void everyCitizensOperationRefusesStaffStrangersAndForgedRequests() throws Exception {
        List<String[]> ops = citizenOperations("GM0363");
        Citizens.Session citizen = Citizens.signIn(Citizens.FIRST);
        for (String[] op : ops) {
            String what = op[0] + " " + op[1];
            String body = List.of("GET", "DELETE").contains(op[0]) ? null : "{}";
            String type = body == null ? null : "application/json";
            assertProblem(api.sendWith(Map.of(), op[0], op[1], type, body), 401);
            // staff credentials are no citizen: HTTP Basic and the staff session cookie are not looked at
            assertEquals(what, 401, api.send("consulent-amsterdam", op[0], op[1], type, body).status());
            assertEquals(what, 401, api.sendWith(Map.of("Cookie", "mk_sessie=" + citizen.cookieValue()), op[0], op[1],
                    type, body).status());
            if (!op[0].equals("GET")) {
                JsonNode p = assertProblem(api.sendWith(citizen.cookieOnly(), op[0], op[1], type, body), 403);
                assertEquals(what, "urn:nl:mantelkring:probleem:csrf", p.path("type").asText());
            }
            // a municipality that does not exist, or of the wrong shape
            assertProblem(api.sendWith(citizen.headers(), op[0], op[1].replace("GM0363", "GM9999"), type, body), 404);
            assertProblem(api.sendWith(citizen.headers(), op[0], op[1].replace("GM0363", "gm0363"), type, body), 404);
        }
        // a module switched off answers none of its citizen operations
        for (String module : MODULES) {
            String apiPaths = api.get("beheerder-amsterdam", A + "/modules/" + module).body();
            assertEquals(200, api.json("beheerder-amsterdam", "PUT", A + "/modules/" + module,
                    "{\"ingeschakeld\":false,\"reden\":\"integratietest\"}").status());
            try {
                for (String[] op : citizenOperations("GM0363")) {
                    String first = op[1].split("/")[4];
                    if (!apiPaths.contains("\"" + first + "\"")) {
                        continue;
                    }
                    String body = List.of("GET", "DELETE").contains(op[0]) ? null : "{}";
                    assertProblem(api.sendWith(citizen.headers(), op[0], op[1], body == null ? null : "application/json",
                            body), 404);
                }
            } finally {
                assertEquals(200, api.json("beheerder-amsterdam", "PUT", A + "/modules/" + module,
                        "{\"ingeschakeld\":true,\"reden\":\"integratietest\"}").status());
            }
        }
    }

    /** The browser suite on a phone-sized viewport: the shell's checks and every part's scenario. */
    @Test
    public void browserScenarioOnAPhonePasses() throws Exception {
        Keycloak.awaitReady();
        BrowserSuite.run("loket.e2e.mjs", "[loket] PASSED", Map.of("MK_BASE_URL", Citizens.base(), "MK_TENANT", "GM0363"));
    }
}

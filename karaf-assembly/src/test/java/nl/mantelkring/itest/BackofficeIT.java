package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The back-office over HTTP in the real distribution with demo data: the shell and the parts' files are served, the
 * descriptor list follows role, tenant and module enablement, and the browser suite ({@code src/test/e2e}, run with
 * Node in Debian's headless Chromium, with axe-core on every page) passes against this container.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackofficeIT extends MantelkringTestSupport {

    /**
     * Every API answer to the browser is delayed by a random 0..n ms (the suite's MK_API_DELAY_MS): the orders of
     * events a slow or loaded server produces happen in every run, so a step that waits for time instead of for the
     * page's state fails here, not once in a while.
     */
    private static final String API_DELAY = "mantelkring.e2e.apiDelayMs";

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.addAll(BrowserSuite.options(API_DELAY));
        return options.toArray(Option[]::new);
    }

    private void awaitModules() {
        // demo mode installs the module features after boot
        api.await("consulent-amsterdam", "/gemeenten/GM0363/mantelzorgers", 200);
        api.await("consulent-amsterdam", "/gemeenten/GM0363/waarderingsaanvragen", 200);
        api.await("consulent-amsterdam", "/gemeenten/GM0363/respijtaanbod", 200);
        api.await("consulent-amsterdam", "/gemeenten/GM0363/werkgevers", 200);
    }

    private List<String> partIds(String user, String tenant) {
        Api.Res r = api.get(user, "/gemeenten/" + tenant + "/backoffice-onderdelen");
        assertEquals(r.toString(), 200, r.status());
        List<String> ids = new ArrayList<>();
        r.json().path("resultaten").forEach(p -> ids.add(p.path("id").asText()));
        return ids;
    }

    @Test
    public void partsFollowRoleTenantAndModuleEnablement() {
        awaitModules();
        assertEquals(List.of("mantelzorgers", "waardering", "respijtzorg", "werkgevers", "berichten"),
                partIds("consulent-amsterdam", "GM0363"));
        assertEquals(List.of("waardering-beheer", "respijtzorg", "respijtzorg-import", "beheer", "berichten"),
                partIds("beheerder-amsterdam", "GM0363"));
        assertEquals(List.of("logboek"), partIds("auditor-amsterdam", "GM0363"));
        // a user without a role in the tenant: 404 as for any tenant path
        assertEquals(404, api.get("consulent-amsterdam", "/gemeenten/GM0344/backoffice-onderdelen").status());
        assertProblem(api.get(null, "/gemeenten/GM0363/backoffice-onderdelen"), 401);
        // a module switched off for a tenant shows nothing there, at once; the other tenant keeps it
        Api.Res off = api.json("beheerder-utrecht", "PUT", "/gemeenten/GM0344/modules/employers",
                "{\"ingeschakeld\":false,\"reden\":\"integratietest back-office\"}");
        assertEquals(off.toString(), 200, off.status());
        try {
            assertTrue(!partIds("consulent-utrecht", "GM0344").contains("werkgevers"));
            assertTrue(partIds("consulent-amsterdam", "GM0363").contains("werkgevers"));
        } finally {
            api.json("beheerder-utrecht", "PUT", "/gemeenten/GM0344/modules/employers",
                    "{\"ingeschakeld\":true,\"reden\":\"integratietest back-office\"}");
        }
        JsonNode part = api.get("consulent-amsterdam", "/gemeenten/GM0363/backoffice-onderdelen").json()
                .path("resultaten").get(0);
        assertEquals("/backoffice/onderdelen/mantelzorgers/mantelzorgers.js", part.path("script").asText());
        assertEquals("mk-mantelzorgers", part.path("element").asText());
        assertEquals("1.0.0", api.get("consulent-amsterdam", "/gemeenten/GM0363/backoffice-onderdelen")
                .header("API-Version"));
    }

    @Test
    public void shellAndPartFilesAreServedFromTheirBundles() {
        Api.Res shell = api.getOutsideApi("/backoffice");
        assertEquals(200, shell.status());
        assertTrue(shell.contentType().startsWith("text/html"));
        assertTrue(shell.body().contains("/backoffice/shell/shell.js"));
        assertTrue(shell.header("Content-Security-Policy").contains("default-src 'self'"));
        assertEquals("nosniff", shell.header("X-Content-Type-Options"));
        Api.Res css = api.getOutsideApi("/backoffice/shell/vendor/utrecht-components.css");
        assertEquals(200, css.status());
        assertTrue(css.body().contains(".utrecht-button"));
        awaitModules();
        Api.Res script = api.getOutsideApi("/backoffice/onderdelen/mantelzorgers/mantelzorgers.js");
        assertEquals(200, script.status());
        assertTrue(script.contentType().startsWith("text/javascript"));
        assertTrue(script.body().contains("customElements.define('mk-mantelzorgers'"));
        // only plain files below the part's folder; nothing else of the bundle
        for (String path : new String[] {"/backoffice/onderdelen/mantelzorgers/../openapi/fragment.json",
            "/backoffice/onderdelen/mantelzorgers/%2e%2e/openapi/fragment.json", "/backoffice/onderdelen/bestaat-niet/x.js",
            "/backoffice/shell/../../db/platform/V1__platform.sql", "/backoffice/onderdelen/mantelzorgers/.hidden"}) {
            int status = api.getOutsideApi(path).status();
            assertTrue(path + " answered " + status, status == 404 || status == 400);
        }
    }

    /**
     * The browser suite: log in, register, apply and approve, (payment run), respite, tenant switch, axe; with every
     * API answer delayed at random (see {@link #API_DELAY}).
     */
    @Test
    public void browserScenarioPasses() throws Exception {
        awaitModules();
        BrowserSuite.run("backoffice.e2e.mjs", "[e2e] PASSED", Map.of("MK_BASE_URL", "http://localhost:" + HTTP_PORT,
                "MK_API_DELAY_MS", System.getProperty(API_DELAY, "400")));
    }
}

package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.vmOption;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;

import nl.mantelkring.itest.pluginfixture.BadPluginsActivator;

/**
 * The vendor plugin kit, as docs/plugins.md tells it: the example plugin built by this build
 * ({@code examples/gemeente-voorbeeld-plugin}) is deployed into the running distribution (no restart), selected by a
 * municipal administrator in the tenant policy over HTTP, decides an application and pays a grant; uninstalled, the
 * policy that names it is reported and new applications wait. Badly behaved plugins (hanging, throwing, scoped to
 * another tenant) never break a request.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginKitIT extends MantelkringTestSupport {

    static final String EXAMPLE_VERSION = "1.0.0";
    static final String EXAMPLE = "gemeente-voorbeeld-plugin";
    static final String EXAMPLE_REPO = "mvn:nl.voorbeeldleverancier/" + EXAMPLE + "/" + EXAMPLE_VERSION + "/xml/features";
    static final String BAD_FEATURE = "mantelkring-itest-slechte-plugins";
    private static final String A = "/gemeenten/GM0363";
    private static final String B = "/gemeenten/GM0344";
    private static final String ADMIN_A = "beheerder-amsterdam";
    private static final String CONSULENT_A = "consulent-amsterdam";
    private static int counter;

    @Inject
    private FeaturesService features;

    @Inject
    private BundleContext bundleContext;

    /** The example's build output, handed to the container (the IT runs inside it). */
    @Override
    @Configuration
    public Option[] config() {
        File target = new File("../examples/" + EXAMPLE + "/target").getAbsoluteFile();
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(vmOption("-Dmantelkring.itest.exampleJar="
                + new File(target, EXAMPLE + "-" + EXAMPLE_VERSION + ".jar").getPath()));
        options.add(vmOption("-Dmantelkring.itest.exampleFeatures=" + new File(target, "feature/features.xml").getPath()));
        return options.toArray(new Option[0]);
    }

    @Before
    public void appreciationOn() throws Exception {
        if (!features.isInstalled(features.getFeature("mantelkring-appreciation"))) {
            features.installFeature("mantelkring-appreciation");
        }
        for (String[] t : new String[][] {{ADMIN_A, A}, {"beheerder-utrecht", B}}) {
            api.await(t[0], t[1] + "/modules/appreciation", 200);
            for (String module : new String[] {"registration", "appreciation"}) {
                Api.Res r = api.json(t[0], "PUT", t[1] + "/modules/" + module,
                        "{\"ingeschakeld\":true,\"reden\":\"integratietest\"}");
                assertEquals(r.toString(), 200, r.status());
            }
        }
        api.await(CONSULENT_A, A + "/waarderingsaanvragen", 200);
    }

    private static int year() {
        return LocalDate.now().getYear();
    }

    /** The year's rules: a fixed 100 euros, paid through {@code channel}, with the vendor rules listed. */
    private void rules(String admin, String tenant, String channel, String... extraRules) {
        String value = "{\"aanvraagperiode\":{\"van\":\"" + year() + "-01-01\",\"totEnMet\":\"" + year() + "-12-31\"},"
                + "\"aanvragers\":[\"consulent\"],\"uitkering\":{\"soort\":\"vast\",\"bedrag\":100},\"kanaal\":\""
                + channel + "\",\"extraRegels\":[" + String.join(",", Arrays.stream(extraRules)
                        .map(r -> "\"" + r + "\"").toList()) + "]}";
        Api.Res r = api.json(admin, "PUT", tenant + "/beleid/waardering.regels", "{\"waarde\":" + value + ",\"jaar\":"
                + year() + ",\"reden\":\"plugin kiezen\"}");
        assertEquals(r.toString(), 200, r.status());
    }

    /** A caregiver of the given age with one care relation; then an application by the consultant. */
    private Api.Res applyFor(String user, String tenant, int age) {
        counter++;
        LocalDate born = LocalDate.now().minusYears(age).minusDays(40);
        Api.Res c = api.json(user, "POST", tenant + "/mantelzorgers", "{\"naam\":{\"voornaam\":\"Plug" + counter
                + "\",\"achternaam\":\"In\"},\"geboortedatum\":\"" + born + "\",\"adres\":{\"huisnummer\":"
                + (100 + counter) + ",\"postcode\":\"1012AB\"},\"woontInGemeente\":true}");
        assertEquals(c.toString(), 201, c.status());
        String id = c.json().path("id").asText();
        Api.Res rel = api.json(user, "POST", tenant + "/mantelzorgers/" + id + "/zorgrelaties",
                "{\"zorgvrager\":{\"naam\":\"Zorgvrager " + counter + "\",\"woontInGemeente\":true},\"relatie\":\"ouder\","
                        + "\"zorgSinds\":\"2024-01-01\",\"urenPerWeek\":10,\"soortenZorg\":[\"begeleiding\"]}");
        assertEquals(rel.toString(), 201, rel.status());
        return api.json(user, "POST", tenant + "/waarderingsaanvragen", "{\"jaar\":" + year() + ",\"mantelzorgerId\":\""
                + id + "\",\"zorgrelatieId\":\"" + rel.json().path("id").asText() + "\",\"aanvrager\":\"consulent\"}");
    }

    private static JsonNode rule(Api.Res application, String id) {
        for (JsonNode r : application.json().path("regels")) {
            if (r.path("regel").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no rule " + id + " in " + application);
    }

    /** The application waits for a consultant because of the vendor rule, with a Dutch reason saying why. */
    private static void waitsFor(Api.Res application, String ruleId, String because) {
        assertEquals(application.toString(), 201, application.status());
        assertEquals(application.toString(), "wachten", application.json().path("status").asText());
        assertFalse(application.toString(), application.json().hasNonNull("toekenningId"));
        JsonNode r = rule(application, ruleId);
        assertFalse(r.path("voldaan").asBoolean());
        assertTrue(r.toString(), r.path("toelichting").asText().contains(because));
        assertTrue(r.toString(), r.path("toelichting").asText().contains("wacht op beoordeling door een consulent"));
    }

    /** The steps of docs/plugins.md, section "From nothing to a deployed plugin". */
    @Test
    public void theExamplePluginIsDeployedSelectedUsedAndUninstalledSafely() throws Exception {
        // 0. the running container does not have the plugin
        assertFalse(api.get(ADMIN_A, A + "/plugins").body().contains("jonge-mantelzorgers"));
        // 1. offline delivery: the jar and the feature repository into system/ (Maven layout), as a KAR would do
        Path system = Path.of(System.getProperty("karaf.home"), "system", "nl", "voorbeeldleverancier", EXAMPLE,
                EXAMPLE_VERSION);
        Files.createDirectories(system);
        Files.copy(Path.of(System.getProperty("mantelkring.itest.exampleJar")),
                system.resolve(EXAMPLE + "-" + EXAMPLE_VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of(System.getProperty("mantelkring.itest.exampleFeatures")),
                system.resolve(EXAMPLE + "-" + EXAMPLE_VERSION + "-features.xml"), StandardCopyOption.REPLACE_EXISTING);
        // 2. feature:repo-add + feature:install, in the running container (no restart)
        features.addRepository(URI.create(EXAMPLE_REPO));
        features.installFeature(EXAMPLE);
        Bundle plugin = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "nl.voorbeeldleverancier.mantelkring".equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertEquals(Bundle.ACTIVE, plugin.getState());
        // the guard, once more at runtime: the plugin imports only exported API packages of Mantelkring
        String imports = plugin.getHeaders().get("Import-Package");
        for (String p : imports.split(",(?=[a-z])")) {
            String name = p.split(";")[0].trim();
            assertTrue(imports, !name.startsWith("nl.mantelkring") || !name.contains("internal"));
        }
        // 3. the administrator sees both plugins and selects them in the policy, over HTTP
        JsonNode available = awaitPlugin(ADMIN_A, A, "stadspas-cadeaukaart");
        assertTrue(available.toString(), available.toString().contains("\"jonge-mantelzorgers\""));
        assertTrue(available.toString(), available.toString().contains("nl.voorbeeldleverancier.mantelkring 1.0.0"));
        rules(ADMIN_A, A, "plugin:stadspas-cadeaukaart", "jonge-mantelzorgers");
        // what the policy names, and that it is there
        JsonNode named = api.get(ADMIN_A, A + "/plugin-verwijzingen?jaar=" + year()).json();
        assertEquals(named.toString(), List.of("jonge-mantelzorgers:true", "stadspas-cadeaukaart:true"),
                references(named));
        assertEquals(0, api.get(ADMIN_A, A + "/plugin-verwijzingen?jaar=" + year() + "&ontbrekend=true").json()
                .path("paginering").path("totaal").asInt());
        assertProblem(api.get(CONSULENT_A, A + "/plugin-verwijzingen"), 403);
        assertProblem(api.get(ADMIN_A, A + "/plugin-verwijzingen?ontbrekend=misschien"), 400);
        // 4. a young caregiver's application is decided with the vendor rule: 100 + 50 supplement
        Api.Res young = applyFor(CONSULENT_A, A, 19);
        assertEquals(young.toString(), 201, young.status());
        assertEquals(young.toString(), "toegekend", young.json().path("status").asText());
        assertEquals(150, young.json().path("bedrag").asInt());
        JsonNode yr = rule(young, "jonge-mantelzorgers");
        assertTrue(yr.path("voldaan").asBoolean());
        assertEquals("U bent jonger dan 25 jaar: u krijgt € 50,00 extra als jonge mantelzorger.",
                yr.path("toelichting").asText());
        Api.Res older = applyFor(CONSULENT_A, A, 45);
        assertEquals(older.toString(), 100, older.json().path("bedrag").asInt());
        // 5. the grant is paid through the gift-card channel: a card number as the payout's reference
        String grant = young.json().path("toekenningId").asText();
        JsonNode paid = api.get(CONSULENT_A, A + "/toekenningen/" + grant).json();
        assertEquals(paid.toString(), "plugin:stadspas-cadeaukaart", paid.path("uitbetaalwijze").asText());
        assertEquals(paid.toString(), "uitgegeven", paid.path("status").asText());
        assertTrue(paid.toString(), paid.path("kenmerk").asText().matches("6006 55\\d\\d \\d{4} \\d{4}"));
        // 6. uninstall: the policy still names the plugins; they are reported and new applications wait
        features.uninstallFeature(EXAMPLE);
        features.removeRepository(URI.create(EXAMPLE_REPO));
        assertFalse(api.get(ADMIN_A, A + "/plugins").body().contains("jonge-mantelzorgers"));
        // reported to the administrator: the policy names two plugins that are gone, with what that means
        JsonNode missing = api.get(ADMIN_A, A + "/plugin-verwijzingen?jaar=" + year() + "&ontbrekend=true").json();
        assertEquals(missing.toString(), List.of("jonge-mantelzorgers:false", "stadspas-cadeaukaart:false"),
                references(missing));
        assertTrue(missing.toString(), missing.toString().contains("Aanvragen wachten op een consulent"));
        // another municipality's policy names none of them
        assertEquals(0, api.get("beheerder-utrecht", "/gemeenten/GM0344/plugin-verwijzingen?jaar=" + year()
                + "&ontbrekend=true").json().path("paginering").path("totaal").asInt());
        Api.Res after = applyFor(CONSULENT_A, A, 19);
        waitsFor(after, "jonge-mantelzorgers", "Regel 'jonge-mantelzorgers' is niet geïnstalleerd of niet"
                + " beschikbaar voor de gemeente.");
        // a consultant cannot grant it while the rule is missing (409, the reason named)
        Api.Res decide = api.json(CONSULENT_A, "POST", A + "/waarderingsaanvragen/" + after.json().path("id").asText()
                + "/besluit", "{\"besluit\":\"toekennen\"}");
        assertTrue(assertProblem(decide, 409).path("detail").asText().contains("jonge-mantelzorgers"));
        // the earlier grant keeps its card; nothing was silently re-paid or approved
        assertEquals("uitgegeven", api.get(CONSULENT_A, A + "/toekenningen/" + grant).json().path("status").asText());
        rules(ADMIN_A, A, "geld");
    }

    private static List<String> references(JsonNode page) {
        List<String> out = new ArrayList<>();
        // the appreciation rules' references (the demo policy also names the built-in address verifier)
        page.path("resultaten").forEach(r -> {
            if ("waardering.regels".equals(r.path("beleid").asText())) {
                out.add(r.path("plugin").asText() + ":" + r.path("aanwezig").asBoolean());
            }
        });
        return out;
    }

    private JsonNode awaitPlugin(String user, String tenant, String id) {
        for (int i = 0; i < 100; i++) {
            Api.Res r = api.get(user, tenant + "/plugins?paginaGrootte=100");
            if (r.body().contains("\"" + id + "\"")) {
                return r.json();
            }
            sleep(100);
        }
        throw new AssertionError("plugin " + id + " did not appear");
    }

    @Test
    public void hangingThrowingAndForeignPluginsNeverBreakARequest() throws Exception {
        installBadPlugins();
        awaitPlugin(ADMIN_A, A, "hangende-regel");
        // a rule that hangs: the application answers within the limit (2 s) and waits for a consultant
        rules(ADMIN_A, A, "geld", "hangende-regel");
        long start = System.nanoTime();
        Api.Res hung = applyFor(CONSULENT_A, A, 45);
        long ms = (System.nanoTime() - start) / 1_000_000;
        waitsFor(hung, "hangende-regel", "Plugin 'hangende-regel' gaf geen antwoord binnen 2 seconden.");
        assertTrue("answered after " + ms + " ms", ms < 20_000);
        // a rule that throws: the same, without the plugin's message leaking
        rules(ADMIN_A, A, "geld", "foute-regel");
        Api.Res thrown = applyFor(CONSULENT_A, A, 45);
        waitsFor(thrown, "foute-regel", "Plugin 'foute-regel' gaf een fout.");
        assertFalse(thrown.body(), thrown.body().contains("leverancier onbereikbaar") || thrown.body().contains("Exception"));
        // a rule scoped to Utrecht: invisible to Amsterdam, so naming it there is naming a missing plugin
        assertFalse(api.get(ADMIN_A, A + "/plugins?paginaGrootte=100").body().contains("regel-utrecht"));
        assertTrue(api.get("beheerder-utrecht", B + "/plugins?paginaGrootte=100").body().contains("regel-utrecht"));
        rules(ADMIN_A, A, "geld", "regel-utrecht");
        waitsFor(applyFor(CONSULENT_A, A, 45), "regel-utrecht", "niet geïnstalleerd of niet beschikbaar");
        rules(ADMIN_A, A, "geld");
        // address verifiers that hang or throw: 503 problem naming the plugin, never a 500 or a hung request
        String address = "{\"straat\":\"Dam\",\"huisnummer\":1,\"postcode\":\"1012JS\",\"woonplaats\":\"Amsterdam\"}";
        for (String[] c : new String[][] {{"hangende-adrescontrole", "gaf geen antwoord binnen 2 seconden"},
            {"foute-adrescontrole", "gaf een fout."}}) {
            assertEquals(200, api.json(ADMIN_A, "PUT", A + "/beleid/adresverificatie",
                    "{\"waarde\":{\"plugin\":\"" + c[0] + "\"},\"reden\":\"test\"}").status());
            JsonNode p = assertProblem(api.json(CONSULENT_A, "POST", A + "/adrescontroles", address), 503);
            assertTrue(p.toString(), p.path("type").asText().endsWith("plugin-fout"));
            assertTrue(p.toString(), p.path("detail").asText().contains(c[1]));
            assertEquals(c[0], p.path("plugin").asText());
        }
        assertEquals(200, api.json(ADMIN_A, "PUT", A + "/beleid/adresverificatie",
                "{\"waarde\":{\"plugin\":\"formaat\"},\"reden\":\"test\"}").status());
        assertEquals(200, api.json(CONSULENT_A, "POST", A + "/adrescontroles", address).status());
        features.uninstallFeature(BAD_FEATURE);
    }

    private void installBadPlugins() throws Exception {
        File dir = new File(System.getProperty("mantelkring.itest.dir"), "slechte-plugins");
        dir.mkdirs();
        File jar = new File(dir, "slechte-plugins.jar");
        FixtureBundle.writeJar(jar, "nl.mantelkring.itest.pluginfixture", BadPluginsActivator.class.getName(),
                "nl.mantelkring.appreciation;version=\"[1.1,2)\",nl.mantelkring.platform.api.address;version=\"[1.0,2)\","
                        + "nl.mantelkring.platform.api.plugin;version=\"[1.0,2)\",org.osgi.framework", null,
                "BadPluginsActivator");
        File xml = new File(dir, "features.xml");
        Files.writeString(xml.toPath(), "<features name=\"mantelkring-itest-slechte-plugins\""
                + " xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n  <feature name=\"" + BAD_FEATURE
                + "\" version=\"1.0.0\">\n    <feature>mantelkring-appreciation</feature>\n    <bundle>" + jar.toURI()
                + "</bundle>\n  </feature>\n</features>\n", StandardCharsets.UTF_8);
        features.addRepository(xml.toURI());
        features.installFeature(BAD_FEATURE);
        assertNotNull(features.getFeature(BAD_FEATURE));
    }
}

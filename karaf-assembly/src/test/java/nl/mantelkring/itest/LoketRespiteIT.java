package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The loket's public respite guide over real HTTP, without signing in: search by postcode, kind, target group and
 * text with distances and facets; regional offerings shared with the municipality; only published offerings; no
 * contact person or other non-public field in any answer; bad input; the module gate.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoketRespiteIT extends MantelkringTestSupport {

    static final String BEHEERDER_A = "beheerder-amsterdam";
    static final String BEHEERDER_U = "beheerder-utrecht";
    static final String CONSULENT_A = "consulent-amsterdam";
    static final String CONSULENT_U = "consulent-utrecht";
    static final String PUBLIC_A = "/gemeenten/GM0363/respijtwijzer-aanbod";
    static final String PUBLIC_U = "/gemeenten/GM0344/respijtwijzer-aanbod";
    /** What a consultant may see and the public never: the contact person and the provider's administration. */
    static final List<String> SECRETS = List.of("contactpersoon", "Clara Contact", "06-11122233",
            "clara@zorgbloem.example", "administratie@zorgbloem.example", "87654321", "eigenaar", "gedeeldMet",
            "externId", "werkgebied", "capaciteit", "versie", "gewijzigdOp", "relevantie", "\"status\"", "\"lat\"",
            "GM0344", "Domstad", "Paardenbloem");

    private static final List<String> ids = new ArrayList<>();
    private static String zonnebloem;
    private static String paused;
    private static String unshared;
    private static String shared;

    @Inject
    private FeaturesService features;

    @Inject
    private ConfigurationAdmin configurations;

    @Before
    public void catalogue() throws Exception {
        if (!features.isInstalled(features.getFeature(RespiteIT.FEATURE))) {
            features.installFeature(RespiteIT.FEATURE);
        }
        enable("GM0363", BEHEERDER_A, true);
        enable("GM0344", BEHEERDER_U, true);
        if (zonnebloem != null) {
            return;
        }
        assertEquals(201, api.json(BEHEERDER_A, "PUT", "/gemeenten/GM0363/postcodegebieden/1011",
                "{\"naam\":\"Centrum\",\"lat\":52.3740,\"lon\":4.9000}").status());
        String base = "/gemeenten/GM0363/respijtaanbod";
        zonnebloem = create(CONSULENT_A, base, offering("Dagopvang Zonnebloem", "dagopvang", "dementie", 52.3740,
                4.9000, "\"boeking\":{\"telefoon\":\"020-5550101\",\"url\":\"https://zorgbloem.example/boeken\"}"));
        create(CONSULENT_A, base, offering("Logeerhuis Korenbloem", "logeerzorg", "autisme", 52.3100, 4.9700, null));
        paused = create(CONSULENT_A, base, offering("Nachtzorg Paardenbloem", "nachtzorg", "ouderen", 52.3740,
                4.9000, "\"status\":\"gepauzeerd\""));
        shared = create(CONSULENT_U, "/gemeenten/GM0344/respijtaanbod", offering("Respijtvakantie aan de Vecht",
                "respijtvakantie", "ouderen", 52.0900, 5.1200, "\"gedeeldMet\":[\"GM0363\"]"));
        unshared = create(CONSULENT_U, "/gemeenten/GM0344/respijtaanbod", offering("Dagbesteding Domstad",
                "dagactiviteiten", "dementie", 52.0910, 5.1210, null));
    }

    private void enable(String tenant, String admin, boolean on) {
        RespiteIT.switchModule(api, tenant, admin, on);
    }

    /** An offering with a contact person, the provider's e-mail address and KvK number: what the public never sees. */
    static String offering(String title, String kind, String group, double lat, double lon, String extra) {
        return "{\"titel\":\"" + title + "\",\"soort\":\"" + kind + "\",\"zorgplek\":\"locatie\","
                + "\"uitvoering\":\"professioneel\",\"doelgroepen\":[\"" + group + "\"],"
                + "\"financiering\":[\"wmo-zonder-beschikking\"],\"indicatieNodig\":false,\"capaciteit\":10,"
                + "\"aanbieder\":{\"naam\":\"Stichting Zorgbloem\",\"kvkNummer\":\"87654321\","
                + "\"email\":\"administratie@zorgbloem.example\",\"telefoon\":\"020-5550100\","
                + "\"contactpersoon\":{\"naam\":\"Clara Contact\",\"telefoon\":\"06-11122233\","
                + "\"email\":\"clara@zorgbloem.example\"}},"
                + "\"locaties\":[{\"straat\":\"Bloemgracht\",\"huisnummer\":\"1\",\"postcode\":\"1016 KA\","
                + "\"woonplaats\":\"Amsterdam\",\"lat\":" + lat + ",\"lon\":" + lon + "}]"
                + (extra == null ? "" : "," + extra) + "}";
    }

    private String create(String user, String base, String body) {
        Api.Res r = api.json(user, "POST", base, body);
        assertEquals(r.toString(), 201, r.status());
        String id = r.json().path("id").asText();
        ids.add(id);
        return id;
    }

    /** An anonymous GET (no credentials at all). */
    private Api.Res anonymous(String path) {
        return api.get(null, path);
    }

    private JsonNode search(String query) {
        Api.Res r = anonymous(PUBLIC_A + query);
        assertEquals(r.toString(), 200, r.status());
        assertTrue(r.contentType().startsWith("application/json"));
        return r.json();
    }

    private static List<String> names(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("aanbod").forEach(o -> out.add(o.path("naam").asText()));
        return out;
    }

    @Test
    public void searchesByPostcodeWithDistancesAndFacets() {
        JsonNode a = search("?postcode=1011%20AB");
        assertEquals("1011", a.path("afstandVanaf").asText());
        assertEquals(List.of("Dagopvang Zonnebloem", "Logeerhuis Korenbloem", "Respijtvakantie aan de Vecht"),
                names(a));
        assertEquals(3, a.path("totaal").asInt());
        assertEquals(0.0, a.path("aanbod").get(0).path("afstandKm").asDouble(), 0.001);
        assertEquals(8.5, a.path("aanbod").get(1).path("afstandKm").asDouble(), 0.3);
        assertTrue(a.path("aanbod").get(2).path("afstandKm").asDouble() > 30);
        assertEquals("Amsterdam", a.path("aanbod").get(0).path("plaats").asText());
        JsonNode booking = a.path("aanbod").get(0).path("boeken");
        assertEquals("020-5550101", booking.path("telefoon").asText());
        assertEquals("https://zorgbloem.example/boeken", booking.path("website").asText());
        assertTrue(booking.path("tekst").asText().contains("Stichting Zorgbloem"));
        // facets: kind and target group only, with names and counts of published offerings
        Set<String> facets = new TreeSet<>();
        a.path("facetten").fieldNames().forEachRemaining(facets::add);
        assertEquals(Set.of("doelgroep", "soort"), facets);
        assertEquals("[{\"waarde\":\"dagopvang\",\"naam\":\"Dagopvang\",\"aantal\":1},"
                + "{\"waarde\":\"logeerzorg\",\"naam\":\"Logeren\",\"aantal\":1},"
                + "{\"waarde\":\"respijtvakantie\",\"naam\":\"Vakantie met zorg\",\"aantal\":1}]",
                a.path("facetten").path("soort").toString());
        // without a postcode, or with one the municipality has no area for: no distances, no error
        for (String q : List.of("", "?postcode=9999")) {
            JsonNode none = search(q);
            assertFalse(none.has("afstandVanaf"));
            none.path("aanbod").forEach(o -> assertTrue(o.toString(), o.has("afstandKm") && o.get("afstandKm").isNull()));
            assertEquals(3, none.path("totaal").asInt());
        }
    }

    @Test
    public void searchesByKindTargetGroupAndText() {
        assertEquals(List.of("Logeerhuis Korenbloem"), names(search("?soort=logeerzorg")));
        assertEquals(List.of("Dagopvang Zonnebloem", "Logeerhuis Korenbloem"),
                names(search("?soort=dagopvang&soort=logeerzorg")));
        assertEquals(List.of("Respijtvakantie aan de Vecht"), names(search("?doelgroep=ouderen")));
        assertEquals(List.of("Dagopvang Zonnebloem"), names(search("?zoekterm=zonneblo")));
        assertEquals(List.of("Dagopvang Zonnebloem"), names(search("?zoekterm=opvang&postcode=1011")));
        JsonNode narrowed = search("?doelgroep=dementie");
        // the counts of a filter in use tell what another value would give
        assertEquals(3, narrowed.path("facetten").path("doelgroep").size());
        assertEquals(List.of("Dagopvang Zonnebloem"), names(narrowed));
        // a filter key the public search does not offer changes nothing (no paused offerings by status=...)
        assertEquals(names(search("")), names(search("?status=gepauzeerd&geldigOp=2000-01-01")));
    }

    @Test
    public void aRegionalOfferingSharedWithTheMunicipalityAppearsAsInTheStaffSearch() {
        Set<String> staff = new TreeSet<>();
        api.get(CONSULENT_A, "/gemeenten/GM0363/respijtaanbod?paginaGrootte=100").json().path("resultaten")
                .forEach(h -> staff.add(h.path("aanbod").path("id").asText()));
        Set<String> pub = new TreeSet<>();
        search("?paginaGrootte=50").path("aanbod").forEach(o -> pub.add(o.path("id").asText()));
        assertEquals(staff, pub);
        assertTrue(pub.contains(shared));
        assertFalse(pub.contains(unshared));
        assertFalse(pub.contains(paused));
        // Utrecht's own guide has both its offerings, not Amsterdam's
        Set<String> utrecht = new TreeSet<>();
        anonymous(PUBLIC_U).json().path("aanbod").forEach(o -> utrecht.add(o.path("id").asText()));
        assertEquals(Set.of(shared, unshared), utrecht);
    }

    @Test
    public void theDetailShowsOnlyPublishedOfferingsOfThisMunicipality() {
        Api.Res ok = anonymous(PUBLIC_A + "/" + zonnebloem);
        assertEquals(ok.toString(), 200, ok.status());
        assertEquals("Dagopvang Zonnebloem", ok.json().path("naam").asText());
        assertEquals("Bloemgracht 1", ok.json().path("locaties").get(0).path("adres").asText());
        assertEquals(200, anonymous(PUBLIC_A + "/" + shared).status());
        for (String id : List.of(paused, unshared, UUID.randomUUID().toString())) {
            assertProblem(anonymous(PUBLIC_A + "/" + id), 404);
        }
        assertProblem(anonymous(PUBLIC_U + "/" + zonnebloem), 404);
        JsonNode bad = assertProblem(anonymous(PUBLIC_A + "/geen-uuid"), 400);
        assertEquals("aanbodId", bad.path("invalidParams").get(0).path("name").asText());
    }

    @Test
    public void noContactPersonOrOtherNonPublicFieldInAnyResponse() {
        List<Api.Res> answers = new ArrayList<>();
        for (String q : List.of("", "?postcode=1011", "?zoekterm=bloem", "?zoekterm=clara", "?zoekterm=contact",
                "?soort=nachtzorg", "?doelgroep=dementie&postcode=1016KA", "?paginaGrootte=500")) {
            answers.add(anonymous(PUBLIC_A + q));
        }
        for (String id : ids) {
            answers.add(anonymous(PUBLIC_A + "/" + id));
        }
        for (Api.Res r : answers) {
            for (String secret : SECRETS) {
                // a problem has a "status" member of its own; an offering's status is what must not show
                if (r.status() == 200 || !secret.equals("\"status\"")) {
                    assertFalse(secret + " leaked: " + r, r.body().contains(secret));
                }
            }
        }
        // the contact person is not even searchable: a name only in the contact person finds nothing
        assertEquals(0, search("?zoekterm=clara").path("totaal").asInt());
    }

    @Test
    public void badInputIsA400ProblemNamingTheParameter() {
        String[][] cases = {
            {"?postcode=12", "postcode"}, {"?postcode=1234XYZ", "postcode"}, {"?soort=kamperen", "soort"},
            {"?doelgroep=iedereen", "doelgroep"}, {"?zoekterm=" + "a".repeat(201), "zoekterm"},
            {"?pagina=nul", "pagina"}, {"?pagina=0", "pagina"}, {"?paginaGrootte=0", "paginaGrootte"},
            {"?paginaGrootte=51", "paginaGrootte"}, {"?paginaGrootte=veel", "paginaGrootte"},
            {"?soort=" + String.join(",", java.util.Collections.nCopies(21, "dagopvang")), "soort"},
        };
        for (String[] c : cases) {
            JsonNode p = assertProblem(anonymous(PUBLIC_A + c[0]), 400);
            Set<String> named = new TreeSet<>();
            p.path("invalidParams").forEach(v -> named.add(v.path("name").asText()));
            assertEquals(c[0], Set.of(c[1]), named);
        }
        // pages of at most 50 are refused beyond, not capped
        JsonNode fifty = search("?paginaGrootte=50");
        assertEquals(50, fifty.path("paginering").path("paginaGrootte").asInt());
    }

    @Test
    public void aDisabledModuleOrUnknownMunicipalityIsA404() {
        enable("GM0344", BEHEERDER_U, false);
        try {
            assertProblem(anonymous(PUBLIC_U), 404);
            assertProblem(anonymous(PUBLIC_U + "/" + shared), 404);
            assertEquals(200, anonymous(PUBLIC_A).status());
        } finally {
            enable("GM0344", BEHEERDER_U, true);
        }
        assertEquals(200, anonymous(PUBLIC_U).status());
        assertProblem(anonymous("/gemeenten/GM9999/respijtwijzer-aanbod"), 404);
        assertProblem(anonymous("/gemeenten/amsterdam/respijtwijzer-aanbod"), 404);
    }

    @Test
    public void theSearchIsLimitedPerClientAddress() throws Exception {
        Configuration c = configurations.getConfiguration("nl.mantelkring.platform.loket", null);
        Dictionary<String, Object> limit = new Hashtable<>();
        limit.put("anonymousRequestsPerMinute", 10);
        c.update(limit);
        try {
            // the limit applies once the platform has the configuration: wait for the 429, never for time
            long deadline = System.nanoTime() + Api.PATIENCE.toNanos();
            Api.Res r;
            do {
                r = anonymous(PUBLIC_A + "?postcode=1011");
            } while (r.status() == 200 && System.nanoTime() < deadline);
            JsonNode p = assertProblem(r, 429);
            assertEquals("urn:nl:mantelkring:probleem:te-veel-verzoeken", p.path("type").asText());
            assertNotNull(r.header("Retry-After"));
            // the detail counts against the same limit (a new minute may have begun since: then it takes its 10)
            Api.Res detail;
            do {
                detail = anonymous(PUBLIC_A + "/" + zonnebloem);
            } while (detail.status() == 200 && System.nanoTime() < deadline);
            assertProblem(detail, 429);
            // staff are not counted as anonymous
            assertEquals(200, api.get(CONSULENT_A, "/gemeenten/GM0363/respijtaanbod").status());
        } finally {
            limit.put("anonymousRequestsPerMinute", ANONYMOUS_LIMIT);
            c.update(limit);
            api.await(null, PUBLIC_A, 200);
        }
    }
}

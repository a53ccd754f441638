package nl.mantelkring.respite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.ProblemException;

class SearchIndexTest {

    static TestDatabase db;
    static OfferingStore store;
    static SearchIndex index;

    @BeforeAll
    static void setUp() {
        db = new TestDatabase();
        store = new OfferingStore(db);
    }

    @BeforeEach
    void data() {
        db.clear();
        index = new SearchIndex(store);             // rows were removed by hand: start a fresh index
        save("GM0363", Fixtures.atLocation("a1", "Dagopvang De Linde voor mensen met dementie", "dagopvang",
                List.of("dementie"), 52.3740, 4.9000));
        save("GM0363", Fixtures.atLocation("a2", "Logeerhuis Het Anker", "logeerzorg",
                List.of("autisme", "kinderen"), 52.3100, 4.9700));
        save("GM0363", Fixtures.atHome("a3", "Oppas aan huis", "oppas-thuis", List.of("dementie"),
                List.of("1060"), List.of()));
        save("GM0344", Fixtures.sharedWith(Fixtures.atLocation("u1", "Respijtvakantie aan de Vecht",
                "respijtvakantie", List.of("ouderen"), 52.0900, 5.1200), List.of("GM0363")));
        save("GM0344", Fixtures.atLocation("u2", "Dagbesteding Utrecht", "dagactiviteiten", List.of("dementie"),
                52.0910, 5.1210));
    }

    private static void save(String tenant, Offering o) {
        store.create(tenant, Fixtures.valid(o, tenant), "test");
    }

    private static SearchIndex.Result search(String tenant, SearchIndex.Point p, String... keyValues) {
        String[] v = new String[21];
        List<String> keys = List.of("zoekterm", "soort", "zorgplek", "uitvoering", "doelgroep", "vraaggebied",
                "financiering", "taal", "status", "indicatieNodig", "leeftijd", "maxWachttijdWeken", "aanbieder",
                "postcode", "lat", "lon", "maxAfstandKm", "sortering", "geldigOp", "pagina", "paginaGrootte");
        for (int i = 0; i < keyValues.length; i += 2) {
            v[keys.indexOf(keyValues[i])] = keyValues[i + 1];
        }
        SearchQuery q = SearchQuery.parse(new SearchQuery.Raw(v[0], list(v[1]), list(v[2]), list(v[3]), list(v[4]),
                list(v[5]), list(v[6]), list(v[7]), list(v[8]), v[9], v[10], v[11], v[12], v[13], v[14], v[15],
                v[16], v[17], v[18], v[19], v[20]));
        SearchIndex.Point point = p;
        if (point == null && q.lat() != null) {
            point = new SearchIndex.Point(q.lat(), q.lon(), null, false);
        }
        return index.search(tenant, q, point);
    }

    private static List<String> list(String s) {
        return s == null ? null : List.of(s);
    }

    private static List<String> ids(SearchIndex.Result r) {
        return r.items().stream().map(h -> h.offering().externalId()).toList();
    }

    @Test
    void aTenantSeesItsOwnAndSharedOfferingsOnly() {
        assertEquals(List.of("a1", "a2", "a3", "u1"), ids(search("GM0363", null)).stream().sorted().toList());
        assertEquals(List.of("u1", "u2"), ids(search("GM0344", null)).stream().sorted().toList());
        assertEquals(List.of(), ids(search("GM0518", null)));
    }

    @Test
    void fullTextMatchesPrefixesStemsAndCompoundsAndRanksTitlesFirst() {
        assertEquals(List.of("a1", "a3"), ids(search("GM0363", null, "zoekterm", "demen")));
        assertEquals(List.of("a1"), ids(search("GM0363", null, "zoekterm", "opvang")));       // in dagopvang
        assertEquals(List.of("a2"), ids(search("GM0363", null, "zoekterm", "ankers")));       // plural stem
        assertEquals(List.of("a1"), ids(search("GM0363", null, "zoekterm", "Dementie Linde")));   // all words
        assertEquals(List.of(), ids(search("GM0363", null, "zoekterm", "dagbesteding")));       // other tenant's
        SearchIndex.Result r = search("GM0363", null, "zoekterm", "dementie");
        assertTrue(r.items().get(0).score() > r.items().get(1).score());
        assertEquals(null, r.items().get(0).offering().provider().contact());     // no personal data in hits
    }

    @Test
    void eachFilterNarrowsTheResult() {
        assertEquals(List.of("a2"), ids(search("GM0363", null, "soort", "logeerzorg")));
        assertEquals(List.of("a1", "a3"), ids(search("GM0363", null, "doelgroep", "dementie")));
        assertEquals(List.of("a3"), ids(search("GM0363", null, "zorgplek", "thuis")));
        assertEquals(List.of("a3"), ids(search("GM0363", null, "uitvoering", "vrijwillig")));
        assertEquals(List.of("a3"), ids(search("GM0363", null, "taal", "en")));
        assertEquals(List.of("a3"), ids(search("GM0363", null, "financiering", "gratis")));
        assertEquals(List.of("a1", "a2", "u1"), ids(search("GM0363", null, "aanbieder", "linde")));
        assertEquals(List.of("a1", "a2", "u1"), ids(search("GM0363", null, "maxWachttijdWeken", "2")));
        assertEquals(List.of("a2", "u1"), ids(search("GM0363", null, "soort", "logeerzorg,respijtvakantie")));
        assertEquals(List.of(), ids(search("GM0363", null, "status", "gepauzeerd")));
    }

    @Test
    void distanceOrdersAndLimitsAndServiceAreasCountAsAtHome() {
        SearchIndex.Result r = search("GM0363", null, "lat", "52.3740", "lon", "4.9000", "sortering", "afstand");
        assertEquals(List.of("a1", "a2", "u1", "a3"), ids(r));
        assertEquals(0.0, r.items().get(0).distanceKm());
        assertEquals(8.55, r.items().get(1).distanceKm(), 0.1);
        assertNull(r.items().get(3).distanceKm());                      // care at home, no postcode given
        assertEquals(List.of("a1", "a2"), ids(search("GM0363", null, "lat", "52.3740", "lon", "4.9000",
                "maxAfstandKm", "10")));
        SearchIndex.Point pc1060 = new SearchIndex.Point(52.3600, 4.8000, "1060", true);
        SearchIndex.Result home = search("GM0363", pc1060, "postcode", "1060", "maxAfstandKm", "5");
        assertEquals(List.of("a3"), ids(home));
        assertEquals(0.0, home.items().get(0).distanceKm());
    }

    @Test
    void facetsCountTheResult() {
        SearchIndex.Result r = search("GM0363", null, "doelgroep", "dementie");
        assertEquals(java.util.Map.of("dagopvang", 1, "oppas-thuis", 1), r.facets().get("soort"));
        assertEquals(2, r.facets().get("doelgroep").get("dementie"));
        // the counts of a filter in use ignore that filter: they show what choosing another value would give
        assertEquals(java.util.Map.of("dementie", 2, "autisme", 1, "kinderen", 1, "ouderen", 1),
                r.facets().get("doelgroep"));
        assertEquals(java.util.Map.of("locatie", 1, "thuis", 1), r.facets().get("zorgplek"));
        assertEquals(2, r.paging().total());
    }

    @Test
    void anEditIsSeenByTheNextSearch() {
        Offering a2 = index.search("GM0363", SearchQuery.parse(raw("zoekterm", "anker")), null).items().get(0)
                .offering();
        Offering paused = Fixtures.valid(new Offering(null, a2.externalId(), null, a2.sharedWith(), a2.title(),
                a2.description(), a2.provider(), a2.kind(), a2.setting(), a2.performer(), a2.targetGroups(), null,
                null, null, a2.financing(), null, null, a2.locations(), null, null, null, null, null, null, null,
                "gepauzeerd", null, null, null, null), "GM0363");
        store.update("GM0363", a2.id(), paused, "test");
        assertEquals(List.of(), ids(search("GM0363", null, "zoekterm", "anker")));
        store.delete("GM0363", search("GM0363", null, "zoekterm", "oppas").items().get(0).offering().id(), "test");
        assertEquals(List.of(), ids(search("GM0363", null, "zoekterm", "oppas")));
    }

    private static SearchQuery.Raw raw(String key, String value) {
        return new SearchQuery.Raw("zoekterm".equals(key) ? value : null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void badQueryValuesAreNamed() {
        ProblemException e = assertThrows(ProblemException.class, () -> search("GM0363", null, "soort", "kamperen",
                "lat", "52.1", "maxAfstandKm", "een", "pagina", "nul", "sortering", "prijs"));
        assertEquals(List.of("lon", "maxAfstandKm", "pagina", "soort", "sortering"),
                e.violations().stream().map(f -> f.field()).distinct().sorted().toList());
        assertEquals(400, e.status());
    }
}

package nl.mantelkring.respite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.ProblemException;

/** The public respite guide: only published offerings, the public projection, and its parameter checks. */
class GuideResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Every field a public offering may carry; anything else in an answer is a leak. */
    static final Set<String> PUBLIC_FIELDS = Set.of("id", "naam", "soort", "soortNaam", "aanbieder", "omschrijving",
            "zorgplek", "uitvoering", "doelgroepen", "doelgroepNamen", "leeftijdVan", "leeftijdTot", "plaats",
            "afstandKm", "locaties", "financiering", "indicatieNodig", "eigenBijdrage", "openingstijden",
            "wachttijdWeken", "talen", "toegankelijkheid", "boeken");

    static TestDatabase db;
    static OfferingStore store;
    static AreaStore areas;
    SearchIndex index;
    GuideResource guide;
    String paused;
    String unshared;
    String ended;
    String booked;

    @BeforeAll
    static void setUp() {
        db = new TestDatabase();
        store = new OfferingStore(db);
        areas = new AreaStore(store);
    }

    @BeforeEach
    void data() {
        db.clear();
        index = new SearchIndex(store);
        guide = new GuideResource(index, areas);
        areas.put("GM0363", new AreaStore.Area("1011", "Centrum", 52.3740, 4.9000));
        booked = save("GM0363", withBooking(Fixtures.atLocation("a1", "Dagopvang De Linde", "dagopvang",
                List.of("dementie"), 52.3740, 4.9000), new Offering.Booking("https://delinde.example/boeken",
                "020-7654321", "boeken@delinde.example"), "actief", null));
        save("GM0363", Fixtures.atLocation("a2", "Logeerhuis Het Anker", "logeerzorg", List.of("autisme"),
                52.3100, 4.9700));
        save("GM0363", Fixtures.atHome("a3", "Oppas aan huis", "oppas-thuis", List.of("dementie"),
                List.of("1011"), List.of()));
        paused = save("GM0363", withBooking(Fixtures.atLocation("p1", "Nachtzorg Gepauzeerd", "nachtzorg",
                List.of("ouderen"), 52.3740, 4.9000), null, "gepauzeerd", null));
        ended = save("GM0363", withBooking(Fixtures.atLocation("e1", "Nachtzorg Verlopen", "nachtzorg",
                List.of("ouderen"), 52.3740, 4.9000), null, "actief", LocalDate.now().minusDays(1).toString()));
        save("GM0344", Fixtures.sharedWith(Fixtures.atLocation("u1", "Respijtvakantie aan de Vecht",
                "respijtvakantie", List.of("ouderen"), 52.0900, 5.1200), List.of("GM0363")));
        unshared = save("GM0344", Fixtures.atLocation("u2", "Dagbesteding Utrecht", "dagactiviteiten",
                List.of("dementie"), 52.0910, 5.1210));
    }

    private static String save(String tenant, Offering o) {
        return store.create(tenant, Fixtures.valid(o, tenant), "test").id();
    }

    private static Offering withBooking(Offering o, Offering.Booking booking, String status, String until) {
        return new Offering(null, o.externalId(), null, o.sharedWith(), o.title(), o.description(), o.provider(),
                o.kind(), o.setting(), o.performer(), o.targetGroups(), o.minAge(), o.maxAge(), o.demandAreas(),
                o.financing(), o.indicationNeeded(), o.costIndication(), o.locations(), o.serviceArea(),
                o.openingTimes(), o.capacity(), o.waitingWeeks(), o.languages(), o.accessibility(), booking, status,
                null, until, null, null);
    }

    private GuideResource.Answer search(String postcode, String kind, String group, String text) {
        return guide.search("GM0363", postcode, kind == null ? null : List.of(kind),
                group == null ? null : List.of(group), text, null, null);
    }

    private static List<String> names(GuideResource.Answer a) {
        return a.offerings().stream().map(PublicOffering::name).toList();
    }

    @Test
    void searchesOwnAndSharedPublishedOfferingsByDistanceFromThePostcodeArea() {
        GuideResource.Answer a = search("1011 AB", null, null, null);
        assertEquals("1011", a.origin());
        assertEquals(List.of("Dagopvang De Linde", "Oppas aan huis", "Logeerhuis Het Anker",
                "Respijtvakantie aan de Vecht"), names(a), "by distance; paused, ended and unshared left out");
        assertEquals(0.0, a.offerings().get(0).distanceKm());
        assertEquals(0.0, a.offerings().get(1).distanceKm(), "care at home in the area counts as 0 km");
        assertEquals(8.55, a.offerings().get(2).distanceKm(), 0.1);
        assertEquals("Amsterdam", a.offerings().get(0).place());
        assertEquals(4, a.total());
    }

    @Test
    void filtersByKindTargetGroupAndText() {
        assertEquals(List.of("Dagopvang De Linde"), names(search(null, "dagopvang", null, null)));
        assertEquals(List.of("Dagopvang De Linde", "Oppas aan huis"), names(search(null, null, "dementie", null)));
        assertEquals(List.of("Logeerhuis Het Anker"), names(search(null, null, null, "logeerhuis anker")));
        assertEquals(List.of("Respijtvakantie aan de Vecht"), names(search("1011", null, null, "vakantie")));
    }

    @Test
    void withoutPostcodeOrWithAnUnknownOneThereAreNoDistances() {
        GuideResource.Answer none = search(null, null, null, null);
        assertNull(none.origin());
        assertTrue(none.offerings().stream().allMatch(o -> o.distanceKm() == null));
        GuideResource.Answer unknown = search("9999", null, null, null);
        assertNull(unknown.origin(), "an area the municipality did not register is no error for a visitor");
        assertEquals(4, unknown.total());
        assertTrue(unknown.offerings().stream().allMatch(o -> o.distanceKm() == null));
        JsonNode json = JSON.valueToTree(none);
        assertTrue(json.path("aanbod").path(0).has("afstandKm"), "afstandKm is null, not left out");
    }

    @Test
    void facetsAreKindAndTargetGroupWithNamesCountingPublishedOfferingsOnly() {
        GuideResource.Answer a = search(null, null, "dementie", null);
        assertEquals(List.of("soort", "doelgroep"), new ArrayList<>(a.facets().keySet()));
        assertEquals(List.of(new GuideResource.Facet("dagopvang", "Dagopvang", 1),
                new GuideResource.Facet("oppas-thuis", "Oppas bij u thuis", 1)), a.facets().get("soort"));
        // the counts of the filter in use show what another choice gives; paused and ended offerings count nowhere
        assertEquals(List.of(new GuideResource.Facet("dementie", "Dementie", 2),
                new GuideResource.Facet("autisme", "Autisme", 1),
                new GuideResource.Facet("ouderen", "Ouderen", 1)), a.facets().get("doelgroep"));
    }

    @Test
    void answersCarryOnlyPublicFieldsAndNeverAContactPerson() throws Exception {
        String json = JSON.writeValueAsString(search("1011", null, null, null)) + JSON.writeValueAsString(
                guide.get("GM0363", booked));
        for (String secret : List.of("contactpersoon", "Mevr. J. Jansen", "j.jansen@", "info@delinde.example",
                "12345678", "kvkNummer", "eigenaar", "gedeeldMet", "externId", "werkgebied", "capaciteit", "versie",
                "gewijzigdOp", "relevantie", "\"status\"", "\"lat\"", "vraaggebieden", "GM0344")) {
            assertFalse(json.contains(secret), secret + " in " + json);
        }
        JsonNode a = JSON.readTree(JSON.writeValueAsString(search(null, null, null, null)));
        for (JsonNode o : a.path("aanbod")) {
            Set<String> fields = new TreeSet<>();
            o.fieldNames().forEachRemaining(fields::add);
            assertTrue(PUBLIC_FIELDS.containsAll(fields), fields.toString());
        }
        assertEquals(Set.of("aanbod", "totaal", "paginering", "facetten"), fieldsOf(a));
    }

    private static Set<String> fieldsOf(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void careAtHomeShowsNoStreetAddressAndBookingUsesTheOrganisationsChannels() {
        PublicOffering home = search(null, "oppas-thuis", null, null).offerings().get(0);
        assertNull(home.locations(), "the provider's office is not where care at home is given");
        assertEquals("Vraag de gemeente hoe u dit aanbod kunt krijgen.",
                home.booking().text().replace("U heeft geen indicatie nodig. ", ""));
        Offering bare = Fixtures.atLocation("c1", "Alleen coordinaten", "overig", List.of("ouderen"), 52.37, 4.9);
        bare = new Offering(null, "c1", null, List.of(), bare.title(), null, bare.provider(), bare.kind(),
                bare.setting(), bare.performer(), bare.targetGroups(), null, null, null, bare.financing(), null, null,
                List.of(new Offering.Location(null, null, null, null, null, 52.37, 4.9)), null, null, null, null, null,
                null, null, null, null, null, null, null);
        assertNull(guide.get("GM0363", save("GM0363", bare)).locations(), "no empty places for bare coordinates");
        PublicOffering linde = guide.get("GM0363", booked);
        assertEquals("Lindelaan 1", linde.locations().get(0).address());
        assertEquals(new PublicOffering.Booking("U heeft geen indicatie nodig. Neem contact op met Zorggroep De"
                + " Linde om een afspraak te maken.", "https://delinde.example/boeken", "020-7654321",
                "boeken@delinde.example"), linde.booking());
    }

    @Test
    void theDetailShowsOnlyPublishedOfferingsOfThisMunicipality() {
        assertEquals("Dagopvang De Linde", guide.get("GM0363", booked).name());
        for (String id : List.of(paused, ended, unshared, "00000000-0000-0000-0000-000000000000")) {
            ProblemException e = assertThrows(ProblemException.class, () -> guide.get("GM0363", id));
            assertEquals(404, e.status());
        }
        assertEquals(404, assertThrows(ProblemException.class, () -> guide.get("GM0344", booked)).status());
        ProblemException bad = assertThrows(ProblemException.class, () -> guide.get("GM0363", "geen-uuid"));
        assertEquals(400, bad.status());
        assertEquals("aanbodId", bad.violations().get(0).field());
    }

    @Test
    void badParametersAreNamedTogetherAndPagesAreAtMostFifty() {
        assertEquals(50, GuideResource.parse(null, null, null, null, null, "50").page().pageSize());
        ProblemException e = assertThrows(ProblemException.class, () -> GuideResource.parse("12", List.of("kamperen"),
                List.of("iedereen"), "x".repeat(201), "nul", "51"));
        assertEquals(400, e.status());
        assertEquals(List.of("doelgroep", "pagina", "paginaGrootte", "postcode", "soort", "zoekterm"),
                e.violations().stream().map(f -> f.field()).distinct().sorted().toList());
        assertEquals(1, e.violations().stream().filter(f -> f.field().equals("paginaGrootte")).count());
        List<String> many = new ArrayList<>(Collections.nCopies(21, "dagopvang"));
        ProblemException tooMany = assertThrows(ProblemException.class,
                () -> GuideResource.parse(null, List.of(String.join(",", many)), null, null, null, null));
        assertEquals("soort", tooMany.violations().get(0).field());
        assertNotNull(GuideResource.parse("1011AB", List.of("dagopvang,logeerzorg"), List.of("dementie"), "rust",
                "2", "10"));
    }
}

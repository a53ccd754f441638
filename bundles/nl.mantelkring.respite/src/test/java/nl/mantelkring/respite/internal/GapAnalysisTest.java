package nl.mantelkring.respite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small hand-checked map. Areas of GM0363: 1011 Centrum (52.3740, 4.9000), 1102 Zuidoost (52.3100, 4.9700;
 * 8.55 km from Centrum), 1060 Nieuw-West (52.3600, 4.8000; about 6.9-7.0 km from Centrum and A/B/C).
 * Offerings: A, B, C day care for dementia in Centrum (C also elderly); D short stay for autism in Zuidoost;
 * E sitting at home for dementia, service area 1060; F day care for dementia in Nieuw-West owned by GM0344 and not
 * shared (must never count for GM0363).
 */
class GapAnalysisTest {

    static final List<String> KINDS = List.of("dagopvang", "logeerzorg", "oppas-thuis");
    static final List<String> GROUPS = List.of("dementie", "autisme");
    static final List<AreaStore.Area> AREAS = List.of(new AreaStore.Area("1011", "Centrum", 52.3740, 4.9000),
            new AreaStore.Area("1060", "Nieuw-West", 52.3600, 4.8000),
            new AreaStore.Area("1102", "Zuidoost", 52.3100, 4.9700));
    static SearchIndex index;

    @BeforeAll
    static void map() {
        TestDatabase db = new TestDatabase();
        OfferingStore store = new OfferingStore(db);
        index = new SearchIndex(store);
        save(store, "GM0363", Fixtures.atLocation("A", "Dagopvang A", "dagopvang", List.of("dementie"), 52.3740, 4.9000));
        save(store, "GM0363", Fixtures.atLocation("B", "Dagopvang B", "dagopvang", List.of("dementie"), 52.3750, 4.9010));
        save(store, "GM0363", Fixtures.atLocation("C", "Dagopvang C", "dagopvang", List.of("dementie", "ouderen"),
                52.3730, 4.8990));
        save(store, "GM0363", Fixtures.atLocation("D", "Logeerhuis D", "logeerzorg", List.of("autisme"), 52.3100, 4.9700));
        save(store, "GM0363", Fixtures.atHome("E", "Oppas E", "oppas-thuis", List.of("dementie"), List.of("1060"),
                List.of()));
        save(store, "GM0344", Fixtures.atLocation("F", "Dagopvang F", "dagopvang", List.of("dementie"), 52.3600, 4.8000));
    }

    private static void save(OfferingStore store, String tenant, Offering o) {
        store.create(tenant, Fixtures.valid(o, tenant), "test");
    }

    private static GapAnalysis.Report analyse(double km) {
        return GapAnalysis.analyse("GM0363", AREAS, index.active("GM0363", LocalDate.now()), KINDS, GROUPS, km, 3,
                LocalDate.now().toString());
    }

    private static List<String> gaps(GapAnalysis.AreaResult a) {
        return a.gaps().stream().map(c -> c.kind() + "/" + c.targetGroup()).toList();
    }

    @Test
    void within5KmEachAreaHasFiveGapsAndCentrumAnOverlap() {
        GapAnalysis.Report r = analyse(5);
        assertEquals(6, r.combinationCount());
        assertEquals(15, r.gapCount());
        GapAnalysis.AreaResult centrum = r.areas().get(0);
        assertEquals(List.of("dagopvang/autisme", "logeerzorg/dementie", "logeerzorg/autisme",
                "oppas-thuis/dementie", "oppas-thuis/autisme"), gaps(centrum));
        assertEquals(1, centrum.overlaps().size());
        assertEquals(3, centrum.overlaps().get(0).count());
        GapAnalysis.AreaResult west = r.areas().get(1);     // E covers it; F (other tenant) must not
        assertEquals(List.of("dagopvang/dementie", "dagopvang/autisme", "logeerzorg/dementie",
                "logeerzorg/autisme", "oppas-thuis/autisme"), gaps(west));
        GapAnalysis.AreaResult zuidoost = r.areas().get(2);
        assertEquals(List.of("dagopvang/dementie", "dagopvang/autisme", "logeerzorg/dementie",
                "oppas-thuis/dementie", "oppas-thuis/autisme"), gaps(zuidoost));
        assertTrue(zuidoost.overlaps().isEmpty());
    }

    @Test
    void within8KmTheCentrumDayCareReachesNieuwWestButNotZuidoost() {
        GapAnalysis.Report r = analyse(8);
        GapAnalysis.AreaResult west = r.areas().get(1);
        assertEquals(List.of("dagopvang/autisme", "logeerzorg/dementie", "logeerzorg/autisme",
                "oppas-thuis/autisme"), gaps(west));
        assertEquals(List.of("A", "B", "C"), west.overlaps().get(0).offeringIds().stream()
                .map(id -> index.current().byId.get(id).offering.externalId()).sorted().toList());
        assertEquals(5, r.areas().get(2).gapCount());
    }

    @Test
    void csvListsGapsAndOverlaps() {
        String csv = GapAnalysis.csv(analyse(5));
        List<String> lines = csv.lines().toList();
        assertEquals("postcode,naam,soort,doelgroep,beoordeling,aantal", lines.get(0));
        assertEquals(1 + 15 + 1, lines.size());
        assertTrue(lines.contains("1011,Centrum,dagopvang,dementie,overlap,3"));
        assertTrue(lines.contains("1102,Zuidoost,dagopvang,dementie,witte-vlek,0"));
    }
}

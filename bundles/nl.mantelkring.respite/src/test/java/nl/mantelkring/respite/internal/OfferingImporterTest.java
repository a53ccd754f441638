package nl.mantelkring.respite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.ProblemException;

class OfferingImporterTest {

    static final String HEADER = "externId;titel;soort;zorgplek;uitvoering;doelgroepen;financiering;aanbieder.naam;"
            + "locatie.postcode;locatie.lat;locatie.lon;werkgebied.postcodes;talen";
    static final String FILE = HEADER + "\n"
            + "x1;Dagopvang Zonnehof;dagopvang;locatie;professioneel;dementie|ouderen;wmo-met-beschikking;Zonnehof;"
            + "1011 AB|1012;52.37|52.38;4.90|4.91;;nl\n"
            + "x2;Te kort;onbekend;locatie;professioneel;dementie;wmo-met-beschikking;Zonnehof;1011;52.37;4.9;;\n"
            + "x3;Oppas thuis;oppas-thuis;thuis;vrijwillig;autisme;gratis;Steunpunt;;;;1011|1012;nl|en\n"
            + "x1;Dubbel;dagopvang;locatie;professioneel;dementie;wlz;Zonnehof;1011;52.37;4.9;;\n"
            + "x4;Ver weg;dagopvang;locatie;professioneel;dementie;wlz;Zonnehof;1011;12.0;een;;\n";

    static TestDatabase db;
    static OfferingStore store;
    static OfferingImporter importer;

    @BeforeAll
    static void setUp() {
        db = new TestDatabase();
        store = new OfferingStore(db);
        importer = new OfferingImporter(store);
    }

    @BeforeEach
    void clear() {
        db.clear();
    }

    @Test
    void badRowsAreReportedAndGoodRowsStored() {
        OfferingImporter.Report r = importer.importCsv("GM0363", FILE, "test");
        assertEquals(5, r.rows());
        assertEquals(2, r.created());
        assertEquals(3, r.rejected());
        assertEquals("aangemaakt", r.rowReports().get(0).outcome());
        assertEquals(2, r.rowReports().get(0).row());
        OfferingImporter.RowReport bad = r.rowReports().get(1);
        assertEquals(3, bad.row());
        assertEquals(List.of("soort"), bad.errors().stream().map(f -> f.field()).toList());
        assertEquals(List.of("externId"), r.rowReports().get(3).errors().stream().map(f -> f.field()).toList());
        assertEquals(List.of("locatie.lat", "locatie.lon"), r.rowReports().get(4).errors().stream()
                .map(f -> f.field()).distinct().sorted().toList());
        List<Offering> stored = store.owned("GM0363");
        assertEquals(List.of("x1", "x3"), stored.stream().map(Offering::externalId).toList());
        assertEquals(2, stored.get(0).locations().size());
        assertEquals("1011 AB", stored.get(0).locations().get(0).postcode());
    }

    @Test
    void reimportingIsIdempotentAndAChangedRowUpdates() {
        importer.importCsv("GM0363", FILE, "test");
        OfferingImporter.Report again = importer.importCsv("GM0363", FILE, "test");
        assertEquals(0, again.created());
        assertEquals(2, again.unchanged());
        assertEquals(2, store.owned("GM0363").size());
        OfferingImporter.Report changed = importer.importCsv("GM0363", FILE.replace("Dagopvang Zonnehof",
                "Dagopvang Zonnehof (nieuw)"), "test");
        assertEquals(1, changed.updated());
        assertEquals(1, changed.unchanged());
        assertEquals(2, store.owned("GM0363").get(0).version());
    }

    @Test
    void exportRoundTrips() {
        importer.importCsv("GM0363", FILE, "test");
        String csv = OfferingCsv.write(store.owned("GM0363"));
        assertTrue(csv.startsWith(String.join(",", OfferingCsv.HEADERS)));
        OfferingImporter.Report r = importer.importCsv("GM0363", csv, "test");
        assertEquals(2, r.unchanged());
        assertEquals(0, r.rejected());
        assertEquals(List.of(), store.owned("GM0344"));
    }

    @Test
    void controlCharactersInACellRejectTheRowNamingTheColumn() {
        String file = "externId;titel;omschrijving;soort;zorgplek;uitvoering;doelgroepen;financiering;aanbieder.naam;"
                + "locatie.postcode;locatie.lat;locatie.lon\n"
                + "n1;Nul\u0000byte;;dagopvang;locatie;professioneel;dementie;wlz;Zonnehof;1011;52.37;4.9\n"
                + "n2;Escape;rood \u001b[31m tekst;dagopvang;locatie;professioneel;dementie;wlz;Zonnehof;1011;52.37;4.9\n"
                + "n3;Regels;\"regel 1\nregel 2\tkolom\";dagopvang;locatie;professioneel;dementie;wlz;Zon\thof;1011;"
                + "52.37;4.9\n"
                + "n4;Regels;\"regel 1\nregel 2\tkolom\";dagopvang;locatie;professioneel;dementie;wlz;Zonnehof;1011;"
                + "52.37;4.9\n"
                + "n5;Nul aan het eind\u0000;;dagopvang;locatie;professioneel;dementie;wlz;Zonnehof;1011;52.37;4.9\n"
                + "n6;Escape vooraan;\u001b[31m rood;dagopvang;locatie;professioneel;dementie;wlz;Zonnehof;1011;52.37;4.9\n";
        OfferingImporter.Report r = importer.importCsv("GM0363", file, "test");
        assertEquals(5, r.rejected());
        assertEquals(List.of("titel"), fields(r.rowReports().get(4)));
        assertEquals(List.of("omschrijving"), fields(r.rowReports().get(5)));
        assertEquals(List.of("titel"), fields(r.rowReports().get(0)));
        assertEquals(List.of("omschrijving"), fields(r.rowReports().get(1)));
        assertEquals(List.of("aanbieder.naam"), fields(r.rowReports().get(2)));
        assertEquals(List.of("n4"), store.owned("GM0363").stream().map(Offering::externalId).toList());
        assertEquals("regel 1\nregel 2\tkolom", store.owned("GM0363").get(0).description());
    }

    @Test
    void formulasAreNeutralisedInTheExportAndReadBackAsTheyWere() {
        String file = "externId;titel;omschrijving;soort;zorgplek;uitvoering;doelgroepen;financiering;aanbieder.naam;"
                + "aanbieder.telefoon;locatie.postcode;locatie.lat;locatie.lon\n"
                + "f1;\"=HYPERLINK(\"\"http://evil.example\"\";\"\"klik\"\")\";@SUM(1+1)*cmd|' /C calc'!A0;dagopvang;"
                + "locatie;professioneel;dementie;wlz;-Zonnehof;+31 20 1234567;1011;52.37;4.9\n";
        assertEquals(1, importer.importCsv("GM0363", file, "test").created());
        Offering stored = store.owned("GM0363").get(0);
        assertEquals("=HYPERLINK(\"http://evil.example\";\"klik\")", stored.title());
        String csv = OfferingCsv.write(store.owned("GM0363"));
        String row = csv.lines().skip(1).findFirst().orElseThrow();
        assertTrue(row.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"klik\"\")\","), row);
        assertTrue(row.contains(",'@SUM(1+1)*cmd|' /C calc'!A0,"), row);
        assertTrue(row.contains(",'-Zonnehof,"), row);
        assertTrue(row.contains(",'+31 20 1234567,"), row);
        assertTrue(csv.lines().noneMatch(l -> l.matches(".*(^|,)\"?[=+@-].*")), csv);
        OfferingImporter.Report again = importer.importCsv("GM0363", csv, "test");
        assertEquals(1, again.unchanged());
        assertEquals(stored.content(), store.owned("GM0363").get(0).content());
    }

    @Test
    void postcodesThatPostNlDoesNotIssueAreRefused() {
        String file = "externId;titel;soort;zorgplek;uitvoering;doelgroepen;financiering;aanbieder.naam;"
                + "locatie.postcode;locatie.lat;locatie.lon;werkgebied.postcodes\n"
                + "p1;Postcode SS;dagopvang;locatie;professioneel;dementie;wlz;Zonnehof;1011 SS;52.37;4.9;\n"
                + "p2;Postcode 0;dagopvang;locatie;professioneel;dementie;wlz;Zonnehof;0123 AB;52.37;4.9;\n"
                + "p3;Gebied 0;dagopvang;locatie;professioneel;dementie;wlz;Zonnehof;1011 ab;52.37;4.9;0999\n";
        OfferingImporter.Report r = importer.importCsv("GM0363", file, "test");
        assertEquals(3, r.rejected());
        assertEquals(List.of("locatie.postcode"), fields(r.rowReports().get(0)));
        assertEquals(List.of("locatie.postcode"), fields(r.rowReports().get(1)));
        assertEquals(List.of("werkgebied.postcodes"), fields(r.rowReports().get(2)));
    }

    private static List<String> fields(OfferingImporter.RowReport r) {
        return r.errors().stream().map(f -> f.field()).distinct().toList();
    }

    @Test
    void aBadHeaderRejectsTheFileAndChangesNothing() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> importer.importCsv("GM0363", "externId,titel,kleur\nx,y,z\n", "test"));
        assertEquals(400, e.status());
        assertTrue(e.violations().stream().anyMatch(f -> f.reason().contains("kleur")));
        assertEquals(0, store.owned("GM0363").size());
    }
}

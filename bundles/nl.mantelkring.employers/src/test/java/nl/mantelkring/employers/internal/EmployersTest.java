package nl.mantelkring.employers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;

/** Employers, recognitions, programmes, self-scans and reports on H2 with the real migrations. */
class EmployersTest {

    private static final String A = "GM0363";
    private static final String U = "GM0344";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final PageRequest PAGE = PageRequest.of(1, 100);

    private static EmployerStore employers;
    private static RecognitionStore recognitions;
    private static ProgrammeStore programmes;
    private static SelfScanStore scans;
    private static ReportStore reports;
    private static FakePolicyStore policyStore;
    private static RecognitionResource recognitionResource;

    @BeforeAll
    static void setUp() {
        TestDatabase db = new TestDatabase();
        employers = new EmployerStore(db);
        recognitions = new RecognitionStore(employers);
        programmes = new ProgrammeStore(employers);
        scans = new SelfScanStore(employers);
        reports = new ReportStore(employers);
        policyStore = new FakePolicyStore();
        recognitionResource = new RecognitionResource(recognitions, employers, new EmployersPolicy(policyStore),
                Clock.fixed(TODAY.atStartOfDay(ZoneId.systemDefault()).toInstant(), ZoneId.systemDefault()));
    }

    @BeforeEach
    void empty() {
        for (String t : List.of("employers_participation", "employers_programme", "employers_self_scan",
                "employers_zero_measurement", "employers_recognition", "employers_employer")) {
            employers.jdbc().update("delete from " + t);
        }
        policyStore.clear();
    }

    private static Employer.Input employer(String name, String kvk, String sector) {
        return new Employer.Input(name, kvk, sector, "middelgroot",
                new Employer.Address("Oudegracht", 1, null, "3511AB", "Utrecht"),
                new Employer.Contact("J. de Vries", "j.devries@example.nl", null), null);
    }

    private static List<String> fields(Executable call) {
        ProblemException e = assertThrows(ProblemException.class, call);
        assertEquals(400, e.status());
        return e.violations().stream().map(FieldViolation::field).toList();
    }

    private static Recognition.Criteria allMet() {
        return new Recognition.Criteria(new Recognition.Criterion(true, "Vast punt in het werkoverleg"),
                new Recognition.Criterion(true, "Wazo-regels op intranet"),
                new Recognition.Criterion(true, "Maatwerkafspraken vastgelegd"));
    }

    @Test
    void employerValidationNamesEveryField() {
        Employer.Input bad = new Employer.Input(" ", "1234567", "ruimtevaart", "enorm",
                new Employer.Address("Dam", 0, null, "0123 AB", "Amsterdam"),
                new Employer.Contact("P. Jansen", "geen-adres", "12"), new Employer.Contact(null, null, null));
        assertEquals(List.of("naam", "kvkNummer", "sector", "grootteklasse", "adres.huisnummer", "adres.postcode",
                "contactpersoon.email", "contactpersoon.telefoonnummer", "mantelzorgContactpersoon.naam",
                "mantelzorgContactpersoon.email"), fields(() -> Employer.validate(bad)));
        assertEquals(List.of("naam"), fields(() -> Employer.validate(null)));
    }

    @Test
    void postcodeIsNormalisedAndTheEmployerReadBack() {
        Employer.View e = employers.create(A, Employer.validate(employer("Bakkerij Jansen", "12345678", "handel")));
        assertEquals("3511 AB", e.address().postcode());
        assertEquals("J. de Vries", e.contact().name());
        assertNull(e.careContact());
        assertEquals(e, employers.find(A, e.id()).orElseThrow());
    }

    @Test
    void kvkNumberIsUniquePerTenantOnly() {
        employers.create(A, Employer.validate(employer("Eerste", "12345678", "handel")));
        ProblemException dup = assertThrows(ProblemException.class,
                () -> employers.create(A, Employer.validate(employer("Tweede", "12345678", "handel"))));
        assertEquals(409, dup.status());
        // the same company may be registered by another municipality
        employers.create(U, Employer.validate(employer("Tweede", "12345678", "handel")));
    }

    @Test
    void tenantsNeverSeeEachOthersEmployers() {
        Employer.View a = employers.create(A, Employer.validate(employer("Amsterdams Bedrijf", "11111111", "ict")));
        employers.create(U, Employer.validate(employer("Utrechts Bedrijf", "22222222", "ict")));
        assertTrue(employers.find(U, a.id()).isEmpty());
        assertTrue(employers.update(U, a.id(), Employer.validate(employer("X", "33333333", "ict"))).isEmpty());
        assertEquals(false, employers.delete(U, a.id()));
        assertEquals(List.of("Utrechts Bedrijf"), employers.list(U, null, null, null, PAGE).items().stream()
                .map(Employer.View::name).toList());
        assertEquals(1, employers.list(A, "amsterdams", "ict", null, PAGE).paging().total());
        assertEquals(0, employers.list(A, "%", null, null, PAGE).paging().total());
    }

    @Test
    void recognitionNeedsAllThreeCriteriaWithEvidence() {
        Employer.View e = employers.create(A, Employer.validate(employer("Zorg BV", "12345678", "zorg-en-welzijn")));
        var half = new Recognition.Criteria(new Recognition.Criterion(true, null), null,
                new Recognition.Criterion(false, "nog niet"));
        assertEquals(List.of("criteria.bespreekbaarheid.onderbouwing", "criteria.verlofregelingen.voldaan",
                "criteria.maatwerk.voldaan"), fields(() -> recognitionResource.create(A, e.id(),
                        new Recognition.Input("erkend", null, null, half, List.of(), null))));
        assertEquals(List.of("status"), fields(() -> recognitionResource.create(A, e.id(),
                new Recognition.Input("verlopen", null, null, null, null, null))));
        assertEquals(List.of("maatregelen.0"), fields(() -> recognitionResource.create(A, e.id(),
                new Recognition.Input(null, null, null, null, List.of("fietsplan"), null))));
        assertEquals(List.of("erkendOp"), fields(() -> recognitionResource.create(A, e.id(),
                new Recognition.Input("erkend", null, TODAY.plusDays(1), allMet(), null, null))));
        assertTrue(recognitions.listForEmployer(A, e.id(), PAGE, TODAY).items().isEmpty(), "nothing stored");
    }

    @Test
    void expiryFollowsThePolicyAndAnOpenRecognitionBlocksANewOne() {
        Employer.View e = employers.create(A, Employer.validate(employer("Zorg BV", "12345678", "zorg-en-welzijn")));
        var created = (Recognition.View) recognitionResource.create(A, e.id(), new Recognition.Input("erkend",
                LocalDate.of(2026, 1, 5), LocalDate.of(2026, 2, 1), allMet(),
                List.of("thuiswerken", "flexibele-werktijden"), null)).getEntity();
        // default 36 months
        assertEquals(LocalDate.of(2029, 2, 1), created.expiresOn());
        assertEquals("erkend", created.status());
        assertEquals(List.of("flexibele-werktijden", "thuiswerken"), created.measures());
        assertEquals(409, assertThrows(ProblemException.class, () -> recognitionResource.create(A, e.id(),
                new Recognition.Input(null, null, null, null, null, null))).status());
        // tenant policy: 24 months, applied on the next change
        policyStore.put(A, EmployersPolicy.RECOGNITION, "{\"geldigheidMaanden\": 24}");
        var changed = recognitionResource.update(A, e.id(), created.id(), new Recognition.Input("erkend",
                LocalDate.of(2026, 1, 5), LocalDate.of(2026, 2, 1), allMet(), List.of(), "verlengd"));
        assertEquals(LocalDate.of(2028, 2, 1), changed.expiresOn());
        // another tenant cannot see or change it
        assertThrows(ProblemException.class, () -> recognitionResource.get(U, e.id(), created.id()));
        // an unusable policy is reported, not silently replaced
        policyStore.put(A, EmployersPolicy.RECOGNITION, "{\"geldigheidMaanden\": \"veel\"}");
        ProblemException p = assertThrows(ProblemException.class, () -> recognitionResource.update(A, e.id(),
                created.id(), new Recognition.Input("erkend", LocalDate.of(2026, 1, 5), LocalDate.of(2026, 2, 1), allMet(),
                null, null)));
        assertEquals(503, p.status());
    }

    @Test
    void expiredIsDerivedAndExpiringWithinNDaysIsListedSoonestFirst() {
        Employer.View soon = employers.create(A, Employer.validate(employer("Binnenkort", "10000001", "bouw")));
        Employer.View later = employers.create(A, Employer.validate(employer("Later", "10000002", "bouw")));
        Employer.View old = employers.create(A, Employer.validate(employer("Oud", "10000003", "bouw")));
        Employer.View interested = employers.create(A, Employer.validate(employer("Nieuw", "10000004", "horeca")));
        employers.create(A, Employer.validate(employer("Zonder", "10000005", "horeca")));
        // recognised 36 months before: expiring on 2026-12-10 (17 days), 2027-02-01 (70 days), 2026-11-01 (expired)
        recognise(soon, LocalDate.of(2023, 12, 10));
        recognise(later, LocalDate.of(2024, 2, 1));
        recognise(old, LocalDate.of(2023, 11, 1));
        recognitionResource.create(A, interested.id(), new Recognition.Input(null, null, null, null, null, null));

        var within30 = recognitions.list(A, null, 30, PAGE, TODAY).items();
        assertEquals(List.of("Binnenkort"), within30.stream().map(Recognition.View::employerName).toList());
        var within90 = recognitions.list(A, null, 90, PAGE, TODAY).items();
        assertEquals(List.of("Binnenkort", "Later"), within90.stream().map(Recognition.View::employerName).toList());
        assertEquals(List.of("Oud"), recognitions.list(A, "verlopen", null, PAGE, TODAY).items().stream()
                .map(Recognition.View::employerName).toList());
        assertEquals(2, recognitions.list(A, "erkend", null, PAGE, TODAY).paging().total());
        assertEquals(0, recognitions.list(U, null, 90, PAGE, TODAY).paging().total());
        // after expiry a new recognition may start
        recognitionResource.create(A, old.id(), new Recognition.Input("in-behandeling", null, null, null, null, null));

        var expiring = reports.expiring(A, TODAY, 90);
        assertEquals(List.of(17L, 70L), expiring.stream().map(ReportStore.ExpiringRow::daysLeft).toList());

        // by sector and status: the latest recognition per employer counts; Oud's new one is in progress
        assertEquals(List.of(new ReportStore.StatusSectorRow("bouw", "erkend", 2),
                new ReportStore.StatusSectorRow("bouw", "in-behandeling", 1),
                new ReportStore.StatusSectorRow("horeca", "geen", 1),
                new ReportStore.StatusSectorRow("horeca", "geinteresseerd", 1)), reports.bySectorAndStatus(A, TODAY));
        assertTrue(reports.bySectorAndStatus(U, TODAY).isEmpty());
    }

    private static void recognise(Employer.View e, LocalDate on) {
        recognitionResource.create(A, e.id(), new Recognition.Input("erkend", on, on, allMet(), null, null));
    }

    @Test
    void programmeParticipationIsScopedAndUnique() {
        Employer.View a = employers.create(A, Employer.validate(employer("Deelnemer", "12345678", "ict")));
        Employer.View u = employers.create(U, Employer.validate(employer("Ander", "87654321", "ict")));
        Programme.View p = programmes.create(A, Programme.validate(new Programme.Input("netwerkbijeenkomst",
                "Netwerkontbijt", null, LocalDate.of(2026, 11, 10), null, null, 40)));
        programmes.join(A, p.id(), a.id(), "Contactpersoon mantelzorg aangesteld");
        assertEquals(409, assertThrows(ProblemException.class, () -> programmes.join(A, p.id(), a.id(), null))
                .status());
        // an employer of another tenant is unknown here
        assertEquals(400, assertThrows(ProblemException.class, () -> programmes.join(A, p.id(), u.id(), null))
                .status());
        assertEquals(404, assertThrows(ProblemException.class, () -> programmes.join(U, p.id(), u.id(), null))
                .status());
        assertEquals(1, programmes.find(A, p.id()).orElseThrow().participants());
        assertEquals(List.of(1L), reports.participation(A, null, null).stream()
                .map(ReportStore.ParticipationRow::employers).toList());
        assertTrue(reports.participation(A, LocalDate.of(2026, 11, 11), null).isEmpty());
        assertEquals(List.of("einddatum", "bereikteWerknemers"), fields(() -> Programme.validate(new Programme.Input(
                "campagne", "Campagne", null, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 1), null, -1))));
        // deleting the employer removes its participation
        employers.delete(A, a.id());
        assertEquals(0, programmes.find(A, p.id()).orElseThrow().participants());
    }

    @Test
    void selfScanScoresPerThemeWithTipsAndComparesWithThePreviousScan() {
        Employer.View e = employers.create(A, Employer.validate(employer("Scan BV", "12345678", "overheid")));
        Questionnaire q = new EmployersPolicy(policyStore).questionnaire(A, 2026);
        assertEquals("standaard-1", q.version());
        Map<String, String> answers = new LinkedHashMap<>();
        q.themes().forEach(t -> t.questions().forEach(x -> answers.put(x.code(), "nee")));
        // first scan: everything "nee" -> 0 everywhere, every question gives its tip
        Questionnaire.Outcome first = q.score(answers);
        assertEquals(0, first.total());
        assertEquals(3, first.tips().get("bespreekbaarheid").size());
        scans.create(A, e.id(), LocalDate.of(2025, 11, 1), q, answers, first, "consulent");
        // second scan: bespreekbaarheid ja/ja/deels = (2+2+1)/6 = 83%; the rest still 0 -> total 5/22 = 23%
        answers.put("weten-wie-zorgt", "ja");
        answers.put("leidinggevenden-toegerust", "ja");
        answers.put("in-gesprekscyclus", "deels");
        Questionnaire.Outcome second = q.score(answers);
        assertEquals(83, second.scores().get("bespreekbaarheid"));
        assertEquals(23, second.total());
        assertEquals(1, second.tips().get("bespreekbaarheid").size());
        scans.create(A, e.id(), LocalDate.of(2026, 11, 1), q, answers, second, "consulent");
        List<SelfScan.View> list = scans.list(A, e.id());
        assertEquals(2, list.size());
        assertNull(list.get(0).totalChange());
        assertEquals(23, list.get(1).totalChange());
        assertEquals(83, list.get(1).themes().get(0).changeSincePrevious());
        assertTrue(scans.list(U, e.id()).isEmpty());
        // incomplete or unknown answers
        Map<String, String> bad = new LinkedHashMap<>(answers);
        bad.remove("thuiswerken");
        bad.put("weten-wie-zorgt", "misschien");
        bad.put("bestaat-niet", "ja");
        assertEquals(List.of("antwoorden.weten-wie-zorgt", "antwoorden.thuiswerken", "antwoorden.bestaat-niet"),
                fields(() -> q.score(bad)));
    }

    @Test
    void aTenantQuestionnaireReplacesTheDefault() {
        policyStore.put(A, EmployersPolicy.SELF_SCAN, "{\"versie\": \"eigen-1\", \"antwoordschaal\": {\"nee\": 0,"
                + " \"ja\": 1}, \"themas\": [{\"code\": \"cultuur\", \"naam\": \"Cultuur\", \"vragen\": [{\"code\":"
                + " \"praten\", \"tekst\": \"Praten we erover?\", \"tip\": \"Begin het gesprek.\"}]}]}");
        Questionnaire q = new EmployersPolicy(policyStore).questionnaire(A, 2026);
        assertEquals("eigen-1", q.version());
        assertEquals(100, q.score(Map.of("praten", "ja")).total());
        policyStore.put(A, EmployersPolicy.SELF_SCAN, "{\"versie\": \"kapot\"}");
        assertEquals(503, assertThrows(ProblemException.class,
                () -> new EmployersPolicy(policyStore).questionnaire(A, 2026)).status());
    }

    @Test
    void zeroMeasurementHoldsOnlyConsistentAggregates() {
        var ok = ZeroMeasurement.validate(new ZeroMeasurement.Input(TODAY, 120, 30,
                new java.math.BigDecimal("9.5"), Map.of("thuiswerken", 12)), TODAY);
        assertEquals(30, ok.caregivers());
        assertEquals(new java.math.BigDecimal("25.0"), ZeroMeasurement.percentage(30, 120));
        assertEquals(List.of("peildatum", "aantalMantelzorgers", "gemiddeldZorgurenPerWeek", "behoeften.onbekend",
                "behoeften.thuiswerken"), fields(() -> ZeroMeasurement.validate(new ZeroMeasurement.Input(
                        TODAY.plusDays(1), 10, 11, new java.math.BigDecimal("200"),
                        Map.of("thuiswerken", 12, "onbekend", 1)), TODAY)));
    }

    @Test
    void zeroMeasurementsAreSummedPerSectorFromEachEmployersLatestMeasurement() {
        javax.ws.rs.core.SecurityContext who = new javax.ws.rs.core.SecurityContext() {
            public java.security.Principal getUserPrincipal() {
                return () -> "consulent";
            }

            public boolean isUserInRole(String role) {
                return true;
            }

            public boolean isSecure() {
                return false;
            }

            public String getAuthenticationScheme() {
                return "BASIC";
            }
        };
        ZeroMeasurementResource zero = new ZeroMeasurementResource(employers);
        String a = employers.create(A, Employer.validate(employer("Een", "10000001", "bouw"))).id();
        String b = employers.create(A, Employer.validate(employer("Twee", "10000002", "bouw"))).id();
        String c = employers.create(A, Employer.validate(employer("Drie", "10000003", "ict"))).id();
        // a's older measurement is replaced by its latest one
        zero.create(A, a, new ZeroMeasurement.Input(LocalDate.of(2025, 1, 1), 10, 9, null, Map.of()), who);
        zero.create(A, a, new ZeroMeasurement.Input(LocalDate.of(2026, 1, 1), 100, 20,
                new java.math.BigDecimal("10.0"), Map.of("thuiswerken", 5)), who);
        zero.create(A, b, new ZeroMeasurement.Input(LocalDate.of(2026, 2, 1), 50, 30,
                new java.math.BigDecimal("5.0"), Map.of("thuiswerken", 10, "zorgverlof", 3)), who);
        zero.create(A, c, new ZeroMeasurement.Input(LocalDate.of(2026, 3, 1), 40, 0, null, Map.of()), who);
        // bouw: 2 employers, 150 respondents, 50 caregivers = 33.3%; hours weighted (10 x 20 + 5 x 30) / 50 = 7.0
        ReportStore.ZeroMeasurementRow bouw = reports.zeroMeasurements(A).get(0);
        assertEquals(new ReportStore.ZeroMeasurementRow("bouw", 2, 150, 50, new java.math.BigDecimal("33.3"),
                new java.math.BigDecimal("7.0"), 0, 15, 3, 0, 0, 0, 0, 0), bouw);
        assertEquals(new ReportStore.ZeroMeasurementRow("ict", 1, 40, 0, new java.math.BigDecimal("0.0"), null, 0, 0,
                0, 0, 0, 0, 0, 0), reports.zeroMeasurements(A).get(1));
        assertTrue(reports.zeroMeasurements(U).isEmpty());
        assertEquals(2, zero.list(A, a, null, null).paging().total());
        assertThrows(ProblemException.class, () -> zero.list(U, a, null, null));
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAreNeutralised() {
        assertEquals("'=HYPERLINK(\"x\")", Csv.cell("=HYPERLINK(\"x\")"));
        assertEquals("Bakkerij", Csv.cell("Bakkerij"));
        String csv = Csv.write(List.of(new ReportStore.StatusSectorRow("bouw", "erkend", 2),
                new ReportStore.StatusSectorRow("=1+1", "geen", 1)), ReportStore.StatusSectorRow.class);
        assertEquals("sector,status,aantal\r\nbouw,erkend,2\r\n'=1+1,geen,1\r\n", csv);
        // dates as ISO 8601, absent values empty, text with a comma quoted
        assertEquals("programmaId,naam,soort,startdatum,einddatum,aantalWerkgevers,bereikteWerknemers\r\n"
                + "4a0e-9,\"Ontbijt, met koffie\",campagne,2026-11-10,,1,\r\n"
                + "4a0e-8,Ontbijt met thee,campagne,2026-11-10,,1,\r\n", Csv.write(List.of(
                        new ReportStore.ParticipationRow("4a0e-9", "Ontbijt, met koffie", "campagne",
                                LocalDate.of(2026, 11, 10), null, 1, null),
                        new ReportStore.ParticipationRow("4a0e-8", "Ontbijt met thee", "campagne",
                                LocalDate.of(2026, 11, 10), null, 1, null)), ReportStore.ParticipationRow.class));
    }
}

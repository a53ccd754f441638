package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The employers module (werk &amp; mantelzorg) over real HTTP against the real distribution: the flows of employers,
 * recognitions, programmes, self-scans, zero measurements, the Wazo calculator and the reports with CSV; validation
 * as problem+json naming the fields; tenant isolation on every operation; module gating and feature (un)install;
 * the audit log of personal data.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EmployersIT extends MantelkringTestSupport {

    private static final String FEATURE = "mantelkring-employers";
    private static final String CONSULENT_A = "consulent-amsterdam";
    private static final String BEHEERDER_A = "beheerder-amsterdam";
    private static final String AUDITOR_A = "auditor-amsterdam";
    private static final String CONSULENT_U = "consulent-utrecht";
    private static final String BEHEERDER_U = "beheerder-utrecht";
    private static final String AUDITOR_U = "auditor-utrecht";
    private static final String BASE = "/gemeenten/GM0363";
    private static final String NO_RESOURCE = "Er is geen resource op dit pad.";
    private static final String NOT_ENABLED = "Deze module is niet ingeschakeld voor deze gemeente.";

    @Inject
    private FeaturesService features;

    @Before
    public void installAndEnable() throws Exception {
        if (!features.isInstalled(features.getFeature(FEATURE))) {
            features.installFeature(FEATURE);
        }
        api.await(BEHEERDER_A, BASE + "/modules/employers", 200);
        enable("GM0363", BEHEERDER_A, true);
        enable("GM0344", BEHEERDER_U, true);
        api.await(CONSULENT_A, BASE + "/werkgevers", 200);
    }

    private void enable(String tenant, String admin, boolean on) {
        Api.Res r = api.json(admin, "PUT", "/gemeenten/" + tenant + "/modules/employers",
                "{\"ingeschakeld\":" + on + ",\"reden\":\"integratietest\"}");
        assertEquals(r.toString(), 200, r.status());
    }

    private static String employerJson(String name, String kvk) {
        return "{\"naam\":\"" + name + "\",\"kvkNummer\":\"" + kvk + "\",\"sector\":\"zorg-en-welzijn\","
                + "\"grootteklasse\":\"groot\",\"adres\":{\"straat\":\"Amstel\",\"huisnummer\":1,"
                + "\"postcode\":\"1011pn\",\"plaats\":\"Amsterdam\"},"
                + "\"contactpersoon\":{\"naam\":\"Henriette Zorgvuldig\",\"email\":\"h.zorgvuldig@example.nl\"}}";
    }

    private String createEmployer(String user, String tenant, String name, String kvk) {
        Api.Res r = api.json(user, "POST", "/gemeenten/" + tenant + "/werkgevers", employerJson(name, kvk));
        assertEquals(r.toString(), 201, r.status());
        String id = r.json().path("id").asText();
        assertTrue(r.header("Location").endsWith("/api/v1/gemeenten/" + tenant + "/werkgevers/" + id));
        return id;
    }

    private static String kvk() {
        return String.format("%08d", (long) (Math.random() * 99_999_999L));
    }

    private static List<String> invalidNames(JsonNode problem) {
        List<String> names = new ArrayList<>();
        problem.path("invalidParams").forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    @Test
    public void employersAreRegisteredValidatedAndChanged() {
        // every invalid field is named; nothing is stored
        long before = api.get(CONSULENT_A, BASE + "/werkgevers").json().path("paginering").path("totaal").asLong();
        Api.Res bad = api.json(CONSULENT_A, "POST", BASE + "/werkgevers", "{\"naam\":\"X\",\"kvkNummer\":\"1234567\","
                + "\"sector\":\"zorg-en-welzijn\",\"grootteklasse\":\"groot\",\"adres\":{\"straat\":\"Dam\","
                + "\"huisnummer\":1,\"postcode\":\"0123 AB\",\"plaats\":\"Amsterdam\"},"
                + "\"contactpersoon\":{\"naam\":\"A\",\"email\":\"geen-email\"}}");
        assertEquals(List.of("kvkNummer", "adres.postcode", "contactpersoon.email"),
                invalidNames(assertProblem(bad, 400)));
        assertEquals(before, api.get(CONSULENT_A, BASE + "/werkgevers").json().path("paginering").path("totaal")
                .asLong());
        // unknown field, wrong type, no body, wrong media type
        assertEquals(List.of("onbekend"), invalidNames(assertProblem(api.json(CONSULENT_A, "POST", BASE + "/werkgevers",
                "{\"onbekend\":1}"), 400)));
        assertProblem(api.json(CONSULENT_A, "POST", BASE + "/werkgevers", "{\"adres\":{\"huisnummer\":\"een\"}}"), 400);
        assertProblem(api.json(CONSULENT_A, "POST", BASE + "/werkgevers", ""), 400);
        assertProblem(api.send(CONSULENT_A, "POST", BASE + "/werkgevers", "text/plain", "x"), 415);

        String kvk = kvk();
        String id = createEmployer(CONSULENT_A, "GM0363", "Zorggroep Amstel", kvk);
        JsonNode read = api.get(CONSULENT_A, BASE + "/werkgevers/" + id).json();
        assertEquals("1011 PN", read.path("adres").path("postcode").asText());
        assertEquals("Henriette Zorgvuldig", read.path("contactpersoon").path("naam").asText());
        // duplicate KvK number in the same municipality: 409
        assertProblem(api.json(CONSULENT_A, "POST", BASE + "/werkgevers", employerJson("Dubbel", kvk)), 409);
        // filters and paging
        JsonNode found = api.get(CONSULENT_A, BASE + "/werkgevers?kvkNummer=" + kvk).json();
        assertEquals(1, found.path("paginering").path("totaal").asInt());
        assertEquals(List.of("pagina"), invalidNames(assertProblem(api.get(CONSULENT_A, BASE + "/werkgevers?pagina=een"),
                400)));
        assertEquals(List.of("sector"), invalidNames(assertProblem(api.get(CONSULENT_A,
                BASE + "/werkgevers?sector=ruimtevaart"), 400)));
        // a malformed id is a 400 naming the parameter, an unknown one a 404
        assertEquals(List.of("werkgeverId"), invalidNames(assertProblem(api.get(CONSULENT_A,
                BASE + "/werkgevers/niet-een-id"), 400)));
        assertProblem(api.get(CONSULENT_A, BASE + "/werkgevers/00000000-0000-0000-0000-000000000000"), 404);
        // full update; wrong role 403
        Api.Res put = api.json(CONSULENT_A, "PUT", BASE + "/werkgevers/" + id, employerJson("Zorggroep Amstel BV", kvk)
                .replace("}}", "},\"mantelzorgContactpersoon\":{\"naam\":\"Piet Steun\",\"telefoonnummer\":\"020-1234567\"}}"));
        assertEquals(put.toString(), 200, put.status());
        assertEquals("Piet Steun", put.json().path("mantelzorgContactpersoon").path("naam").asText());
        assertProblem(api.get(AUDITOR_A, BASE + "/werkgevers/" + id), 403);
        assertProblem(api.get(BEHEERDER_A, BASE + "/werkgevers/" + id), 403);
        // delete
        assertEquals(204, api.send(CONSULENT_A, "DELETE", BASE + "/werkgevers/" + id, null, null).status());
        assertProblem(api.get(CONSULENT_A, BASE + "/werkgevers/" + id), 404);
    }

    private long total(String path) {
        return api.get(CONSULENT_A, BASE + path).json().path("paginering").path("totaal").asLong();
    }

    /** Issue 16 items 4 and 8: control characters and postcodes PostNL does not issue are refused, nothing stored. */
    @Test
    public void controlCharactersAndUnissuedPostcodesAreRefused() {
        long employers = total("/werkgevers");
        assertEquals(List.of("naam"), invalidNames(assertProblem(api.json(CONSULENT_A, "POST", BASE + "/werkgevers",
                employerJson("Zorg\\u0000groep", kvk())), 400)));
        assertEquals(List.of("contactpersoon.naam"), invalidNames(assertProblem(api.json(CONSULENT_A, "POST",
                BASE + "/werkgevers", employerJson("Zorggroep", kvk()).replace("Henriette", "\\u001b[2JHenriette")),
                400)));
        for (String postcode : new String[] {"1011 SS", "1011sa", "1011 SD", "0123 AB"}) {
            assertEquals(postcode, List.of("adres.postcode"), invalidNames(assertProblem(api.json(CONSULENT_A, "POST",
                    BASE + "/werkgevers", employerJson("Zorggroep", kvk()).replace("1011pn", postcode)), 400)));
        }
        assertEquals(employers, total("/werkgevers"));
        assertEquals(List.of("naam"), invalidNames(assertProblem(api.get(CONSULENT_A, BASE + "/werkgevers?naam=a%1B"),
                400)));
        // programmes: a name is one line; a description is free text (line breaks yes, NUL no)
        long programmes = total("/werkgeversprogrammas");
        assertEquals(List.of("naam"), invalidNames(assertProblem(api.json(CONSULENT_A, "POST",
                BASE + "/werkgeversprogrammas", "{\"soort\":\"campagne\",\"naam\":\"Twee\\nregels\","
                        + "\"startdatum\":\"2026-03-01\"}"), 400)));
        assertEquals(List.of("omschrijving"), invalidNames(assertProblem(api.json(CONSULENT_A, "POST",
                BASE + "/werkgeversprogrammas", "{\"soort\":\"campagne\",\"naam\":\"Tekens\","
                        + "\"omschrijving\":\"Regel 1\\nNUL \\u0000\",\"startdatum\":\"2026-03-01\"}"), 400)));
        assertEquals(programmes, total("/werkgeversprogrammas"));
        Api.Res free = api.json(CONSULENT_A, "POST", BASE + "/werkgeversprogrammas", "{\"soort\":\"campagne\","
                + "\"naam\":\"Vrije tekst\",\"omschrijving\":\"Regel 1\\nRegel 2\",\"startdatum\":\"2026-03-01\"}");
        assertEquals(free.toString(), 201, free.status());
        assertEquals("Regel 1\nRegel 2", free.json().path("omschrijving").asText());
        // recognitions: remarks are free text, an ESC is refused
        String base = BASE + "/werkgevers/" + createEmployer(CONSULENT_A, "GM0363", "Tekentest", kvk()) + "/erkenningen";
        assertEquals(List.of("opmerkingen"), invalidNames(assertProblem(api.json(CONSULENT_A, "POST", base,
                "{\"status\":\"geinteresseerd\",\"opmerkingen\":\"\\u001b]8;;http://x\\u0007klik\"}"), 400)));
        assertEquals(0, api.get(CONSULENT_A, base).json().path("paginering").path("totaal").asInt());
    }

    @Test
    public void recognitionsExpireByPolicyAndCanBeListedBeforeTheyDo() {
        String id = createEmployer(CONSULENT_A, "GM0363", "Thuiszorg Noord", kvk());
        String base = BASE + "/werkgevers/" + id + "/erkenningen";
        // recognised without meeting the criteria: each criterion named
        JsonNode p = assertProblem(api.json(CONSULENT_A, "POST", base, "{\"status\":\"erkend\"}"), 400);
        assertEquals(List.of("criteria.bespreekbaarheid.voldaan", "criteria.verlofregelingen.voldaan",
                "criteria.maatwerk.voldaan"), invalidNames(p));
        assertEquals(0, api.get(CONSULENT_A, base).json().path("paginering").path("totaal").asInt());
        // recognised 35 months ago (default validity 36 months): expires in about a month
        LocalDate recognised = LocalDate.now().minusMonths(35);
        String criteria = "\"criteria\":{\"bespreekbaarheid\":{\"voldaan\":true,\"onderbouwing\":\"Vaste agenda\"},"
                + "\"verlofregelingen\":{\"voldaan\":true,\"onderbouwing\":\"Op intranet\"},"
                + "\"maatwerk\":{\"voldaan\":true,\"onderbouwing\":\"Afspraken vastgelegd\"}}";
        Api.Res created = api.json(CONSULENT_A, "POST", base, "{\"status\":\"erkend\",\"geinteresseerdOp\":\""
                + recognised.minusMonths(2) + "\",\"erkendOp\":\"" + recognised + "\"," + criteria
                + ",\"maatregelen\":[\"thuiswerken\",\"verlof-doneren\"]}");
        assertEquals(created.toString(), 201, created.status());
        String rid = created.json().path("id").asText();
        assertEquals(recognised.plusMonths(36).toString(), created.json().path("verlooptOp").asText());
        assertEquals("erkend", created.json().path("status").asText());
        // a second one while this one runs: 409
        assertProblem(api.json(CONSULENT_A, "POST", base, "{}"), 409);
        // listed among those expiring within 40 days, not within 20 days (unless the month is short)
        LocalDate expires = recognised.plusMonths(36);
        long daysLeft = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.now(), expires);
        assertTrue(api.get(CONSULENT_A, "/gemeenten/GM0363/erkenningen?verlooptBinnenDagen=" + daysLeft).body()
                .contains(rid));
        assertFalse(api.get(CONSULENT_A, "/gemeenten/GM0363/erkenningen?verlooptBinnenDagen=" + (daysLeft - 1))
                .body().contains(rid));
        assertTrue(api.get(BEHEERDER_A, "/gemeenten/GM0363/erkenningen?status=erkend&paginaGrootte=100").body()
                .contains(rid));
        assertEquals(List.of("verlooptBinnenDagen"), invalidNames(assertProblem(api.get(CONSULENT_A,
                "/gemeenten/GM0363/erkenningen?verlooptBinnenDagen=-1"), 400)));
        // the municipality shortens validity to 24 months: the next change recomputes the expiry -> expired
        Api.Res policy = api.json(BEHEERDER_A, "PUT", BASE + "/beleid/werkgevers.erkenning",
                "{\"waarde\":{\"geldigheidMaanden\":24},\"reden\":\"integratietest\"}");
        assertTrue(policy.toString(), policy.status() < 300);
        Api.Res changed = api.json(CONSULENT_A, "PUT", base + "/" + rid, "{\"status\":\"erkend\",\"geinteresseerdOp\":\""
                + recognised.minusMonths(2) + "\",\"erkendOp\":\"" + recognised + "\"," + criteria + "}");
        assertEquals(changed.toString(), 200, changed.status());
        assertEquals(recognised.plusMonths(24).toString(), changed.json().path("verlooptOp").asText());
        assertEquals("verlopen", changed.json().path("status").asText());
        // expired: history, cannot change; a new recognition may start
        assertProblem(api.json(CONSULENT_A, "PUT", base + "/" + rid, "{}"), 409);
        assertEquals(201, api.json(CONSULENT_A, "POST", base, "{\"status\":\"in-behandeling\"}").status());
        // an unusable policy value is reported as such
        api.json(BEHEERDER_A, "PUT", BASE + "/beleid/werkgevers.erkenning", "{\"waarde\":{\"geldigheidMaanden\":0}}");
        JsonNode unusable = assertProblem(api.json(CONSULENT_A, "POST", BASE + "/werkgevers/"
                + createEmployer(CONSULENT_A, "GM0363", "Beleidstest", kvk()) + "/erkenningen",
                "{\"status\":\"erkend\"," + criteria + "}"), 503);
        assertTrue(unusable.path("type").asText().endsWith("beleid-onbruikbaar"));
        api.json(BEHEERDER_A, "PUT", BASE + "/beleid/werkgevers.erkenning", "{\"waarde\":{\"geldigheidMaanden\":36}}");
    }

    @Test
    public void careLeaveIsCalculatedFromTheRulesAsData() {
        // part-time 24 h/week at EUR 20.00 from 11 May 2026, 10.5 h short-term and 40 h long-term taken:
        // short-term 2 x 24 = 48 h, 37.5 h left, 70% = 14.00 < minimum wage 14.71 -> 14.71/h; long-term 6 x 24 = 144 h,
        // 104 h left; asked 1 May -> earliest long-term start 15 May.
        Api.Res r = api.json(CONSULENT_A, "POST", BASE + "/zorgverlofberekeningen", "{\"arbeidsduurPerWeek\":24,"
                + "\"uurloon\":20.00,\"eersteVerlofdag\":\"2026-05-11\",\"kortdurendOpgenomenUren\":10.5,"
                + "\"langdurendOpgenomenUren\":40,\"aanvraagdatum\":\"2026-05-01\"}");
        assertEquals(r.toString(), 200, r.status());
        JsonNode j = r.json();
        assertEquals(48.0, j.path("kortdurendZorgverlof").path("rechtUren").asDouble(), 0);
        assertEquals(37.5, j.path("kortdurendZorgverlof").path("resterendUren").asDouble(), 0);
        assertEquals(14.71, j.path("kortdurendZorgverlof").path("doorbetaaldUurloon").asDouble(), 0);
        assertTrue(j.path("kortdurendZorgverlof").path("minimumloonVloerToegepast").asBoolean());
        assertEquals(144.0, j.path("langdurendZorgverlof").path("rechtUren").asDouble(), 0);
        assertEquals(104.0, j.path("langdurendZorgverlof").path("resterendUren").asDouble(), 0);
        assertFalse(j.path("langdurendZorgverlof").path("betaald").asBoolean());
        assertEquals("2026-05-15", j.path("langdurendZorgverlof").path("vroegsteIngangsdatum").asText());
        assertEquals("2027-05-10", j.path("venster").path("totEnMet").asText());
        assertTrue(j.path("regels").path("wettelijkeGrondslag").asText().contains("Wet arbeid en zorg"));
        // the municipality's administrator may calculate too; validation names the fields
        JsonNode p = assertProblem(api.json(BEHEERDER_A, "POST", BASE + "/zorgverlofberekeningen",
                "{\"arbeidsduurPerWeek\":0,\"uurloon\":20}"), 400);
        assertEquals(List.of("arbeidsduurPerWeek", "eersteVerlofdag"), invalidNames(p));
        assertProblem(api.json(AUDITOR_A, "POST", BASE + "/zorgverlofberekeningen", "{}"), 403);
    }

    @Test
    public void programmesSelfScansZeroMeasurementsAndReports() throws Exception {
        String employer = createEmployer(CONSULENT_A, "GM0363", "=Rapportage BV", kvk());
        // programme with a participant
        Api.Res prog = api.json(CONSULENT_A, "POST", BASE + "/werkgeversprogrammas", "{\"soort\":\"netwerkbijeenkomst\","
                + "\"naam\":\"Netwerkontbijt werk en mantelzorg\",\"startdatum\":\"2026-11-10\",\"bereikteWerknemers\":25}");
        assertEquals(prog.toString(), 201, prog.status());
        String pid = prog.json().path("id").asText();
        Api.Res join = api.json(CONSULENT_A, "POST", BASE + "/werkgeversprogrammas/" + pid + "/deelnames",
                "{\"werkgeverId\":\"" + employer + "\",\"resultaat\":\"Contactpersoon aangesteld\"}");
        assertEquals(join.toString(), 201, join.status());
        assertProblem(api.json(CONSULENT_A, "POST", BASE + "/werkgeversprogrammas/" + pid + "/deelnames",
                "{\"werkgeverId\":\"" + employer + "\"}"), 409);
        assertEquals(1, api.get(CONSULENT_A, BASE + "/werkgeversprogrammas/" + pid).json()
                .path("aantalDeelnemendeWerkgevers").asInt());
        assertEquals(List.of("einddatum"), invalidNames(assertProblem(api.json(CONSULENT_A, "POST",
                BASE + "/werkgeversprogrammas", "{\"soort\":\"campagne\",\"naam\":\"C\",\"startdatum\":\"2026-03-01\","
                        + "\"einddatum\":\"2026-02-01\"}"), 400)));

        // self-scan on the default Dutch questionnaire
        JsonNode questionnaire = api.get(CONSULENT_A, BASE + "/werkgevers/" + employer + "/zelfscans/vragenlijst").json();
        StringBuilder answers = new StringBuilder();
        questionnaire.path("themas").forEach(t -> t.path("vragen").forEach(q -> answers.append(answers.length() == 0
                ? "" : ",").append('"').append(q.path("code").asText()).append("\":\"ja\"")));
        Api.Res scan = api.json(CONSULENT_A, "POST", BASE + "/werkgevers/" + employer + "/zelfscans",
                "{\"antwoorden\":{" + answers + "}}");
        assertEquals(scan.toString(), 201, scan.status());
        assertEquals(100, scan.json().path("totaalscore").asInt());
        JsonNode incomplete = assertProblem(api.json(CONSULENT_A, "POST", BASE + "/werkgevers/" + employer
                + "/zelfscans", "{\"antwoorden\":{\"thuiswerken\":\"misschien\"}}"), 400);
        assertTrue(invalidNames(incomplete).contains("antwoorden.thuiswerken"));

        // zero measurement: aggregates only; an attempt to send a person's data is an unknown field
        Api.Res zero = api.json(CONSULENT_A, "POST", BASE + "/werkgevers/" + employer + "/nulmetingen",
                "{\"peildatum\":\"2026-10-01\",\"aantalRespondenten\":120,\"aantalMantelzorgers\":30,"
                        + "\"gemiddeldZorgurenPerWeek\":9.5,\"behoeften\":{\"thuiswerken\":12}}");
        assertEquals(zero.toString(), 201, zero.status());
        assertEquals(25.0, zero.json().path("percentageMantelzorgers").asDouble(), 0);
        assertProblem(api.json(CONSULENT_A, "POST", BASE + "/werkgevers/" + employer + "/nulmetingen",
                "{\"peildatum\":\"2026-10-01\",\"aantalRespondenten\":1,\"aantalMantelzorgers\":1,"
                        + "\"medewerkers\":[{\"naam\":\"Jan\"}]}"), 400);

        // reports in JSON and as CSV
        JsonNode bySector = api.get(BEHEERDER_A, BASE + "/werkgeversrapportages/werkgevers-per-status-en-sector")
                .json();
        assertTrue(bySector.path("resultaten").size() >= 1);
        assertTrue(api.get(CONSULENT_A, BASE + "/werkgeversrapportages/programmadeelname").body().contains(pid));
        JsonNode zeroReport = api.get(BEHEERDER_A, BASE + "/werkgeversrapportages/nulmetingen").json();
        assertTrue(zeroReport.toString(), zeroReport.path("resultaten").get(0).path("aantalMantelzorgers").asInt() >= 30);
        Api.Res csv = api.getAs(CONSULENT_A, BASE + "/werkgeversrapportages/programmadeelname", "text/csv");
        assertEquals(csv.body(), 200, csv.status());
        assertTrue(csv.contentType(), csv.contentType().startsWith("text/csv"));
        assertTrue(csv.body(), csv.body().startsWith("programmaId,naam,soort,startdatum,einddatum,aantalWerkgevers,"
                + "bereikteWerknemers\r\n"));
        assertTrue(csv.body(), csv.body().replace("\"", "").contains(pid + ",Netwerkontbijt werk en mantelzorg,netwerkbijeenkomst,2026-11-10,,1,25"));
        assertEquals(List.of("binnenDagen"), invalidNames(assertProblem(api.get(CONSULENT_A,
                BASE + "/werkgeversrapportages/verlopende-erkenningen?binnenDagen=veel"), 400)));
        assertProblem(api.get(AUDITOR_A, BASE + "/werkgeversrapportages/programmadeelname"), 403);
    }

    /** Every operation of the module with a valid body; ids are filled in by {@link #tenantsAreIsolated}. */
    private static String[][] operations(String e, String r, String p) {
        return new String[][] {
            {"GET", "/werkgevers", null},
            {"POST", "/werkgevers", employerJson("Probe", "99999999")},
            {"GET", "/werkgevers/" + e, null},
            {"PUT", "/werkgevers/" + e, employerJson("Probe", "99999998")},
            {"DELETE", "/werkgevers/" + e, null},
            {"GET", "/werkgevers/" + e + "/erkenningen", null},
            {"POST", "/werkgevers/" + e + "/erkenningen", "{}"},
            {"GET", "/werkgevers/" + e + "/erkenningen/" + r, null},
            {"PUT", "/werkgevers/" + e + "/erkenningen/" + r, "{}"},
            {"GET", "/werkgevers/" + e + "/zelfscans", null},
            {"GET", "/werkgevers/" + e + "/zelfscans/vragenlijst", null},
            {"POST", "/werkgevers/" + e + "/zelfscans", "{\"antwoorden\":{}}"},
            {"GET", "/werkgevers/" + e + "/zelfscans/" + r, null},
            {"GET", "/werkgevers/" + e + "/nulmetingen", null},
            {"POST", "/werkgevers/" + e + "/nulmetingen",
                "{\"peildatum\":\"2026-01-01\",\"aantalRespondenten\":1,\"aantalMantelzorgers\":0}"},
            {"GET", "/werkgevers/" + e + "/nulmetingen/" + r, null},
            {"GET", "/erkenningen", null},
            {"GET", "/werkgeversprogrammas", null},
            {"POST", "/werkgeversprogrammas", "{\"soort\":\"campagne\",\"naam\":\"P\",\"startdatum\":\"2026-01-01\"}"},
            {"GET", "/werkgeversprogrammas/" + p, null},
            {"PUT", "/werkgeversprogrammas/" + p, "{\"soort\":\"campagne\",\"naam\":\"P\",\"startdatum\":\"2026-01-01\"}"},
            {"DELETE", "/werkgeversprogrammas/" + p, null},
            {"GET", "/werkgeversprogrammas/" + p + "/deelnames", null},
            {"POST", "/werkgeversprogrammas/" + p + "/deelnames", "{\"werkgeverId\":\"" + e + "\"}"},
            {"PUT", "/werkgeversprogrammas/" + p + "/deelnames/" + e, "{\"resultaat\":\"x\"}"},
            {"DELETE", "/werkgeversprogrammas/" + p + "/deelnames/" + e, null},
            {"POST", "/zorgverlofberekeningen", "{\"arbeidsduurPerWeek\":36,\"uurloon\":25,\"eersteVerlofdag\":\"2026-03-02\"}"},
            {"GET", "/werkgeversrapportages/werkgevers-per-status-en-sector", null},
            {"GET", "/werkgeversrapportages/verlopende-erkenningen", null},
            {"GET", "/werkgeversrapportages/programmadeelname", null},
            {"GET", "/werkgeversrapportages/nulmetingen", null},
        };
    }

    @Test
    public void tenantsAreIsolated() {
        String e = createEmployer(CONSULENT_A, "GM0363", "Geheim Amsterdam", kvk());
        String r = api.json(CONSULENT_A, "POST", BASE + "/werkgevers/" + e + "/erkenningen", "{}").json().path("id")
                .asText();
        String p = api.json(CONSULENT_A, "POST", BASE + "/werkgeversprogrammas", "{\"soort\":\"campagne\",\"naam\":\"A\","
                + "\"startdatum\":\"2026-01-01\"}").json().path("id").asText();
        // users of another tenant, and any caller for a tenant that does not exist, get the same 404 everywhere
        for (String[] op : operations(e, r, p)) {
            for (String user : new String[] {CONSULENT_U, BEHEERDER_U, AUDITOR_U}) {
                Api.Res res = api.send(user, op[0], BASE + op[1], op[2] == null ? null : "application/json", op[2]);
                assertEquals(user + " " + op[0] + " " + op[1], NO_RESOURCE,
                        assertProblem(res, 404).path("detail").asText());
            }
            Api.Res none = api.send(CONSULENT_A, op[0], "/gemeenten/GM9999" + op[1],
                    op[2] == null ? null : "application/json", op[2]);
            assertEquals(op[0] + " GM9999" + op[1], NO_RESOURCE, assertProblem(none, 404).path("detail").asText());
        }
        // Utrecht's consultant asks for Amsterdam's ids under Utrecht: not found, nothing changed
        String u = BASE.replace("GM0363", "GM0344");
        assertProblem(api.get(CONSULENT_U, u + "/werkgevers/" + e), 404);
        assertProblem(api.json(CONSULENT_U, "PUT", u + "/werkgevers/" + e, employerJson("Overname", kvk())), 404);
        assertProblem(api.send(CONSULENT_U, "DELETE", u + "/werkgevers/" + e, null, null), 404);
        assertProblem(api.get(CONSULENT_U, u + "/werkgevers/" + e + "/erkenningen/" + r), 404);
        assertProblem(api.get(CONSULENT_U, u + "/werkgeversprogrammas/" + p), 404);
        assertProblem(api.json(CONSULENT_U, "POST", u + "/werkgevers/" + e + "/erkenningen", "{}"), 404);
        String up = api.json(CONSULENT_U, "POST", u + "/werkgeversprogrammas", "{\"soort\":\"campagne\",\"naam\":\"U\","
                + "\"startdatum\":\"2026-01-01\"}").json().path("id").asText();
        assertEquals(List.of("werkgeverId"), invalidNames(assertProblem(api.json(CONSULENT_U, "POST",
                u + "/werkgeversprogrammas/" + up + "/deelnames", "{\"werkgeverId\":\"" + e + "\"}"), 400)));
        assertFalse(api.get(CONSULENT_U, u + "/werkgevers?paginaGrootte=100").body().contains(e));
        assertFalse(api.get(CONSULENT_U, u + "/erkenningen?paginaGrootte=100").body().contains(r));
        assertFalse(api.get(CONSULENT_U, u + "/werkgeversrapportages/programmadeelname").body().contains(p));
        assertEquals("Geheim Amsterdam", api.get(CONSULENT_A, BASE + "/werkgevers/" + e).json().path("naam").asText());
    }

    @Test
    public void personalDataIsAuditedWithoutNames() {
        String e = createEmployer(CONSULENT_A, "GM0363", "Audit Zorg", kvk());
        api.get(CONSULENT_A, BASE + "/werkgevers/" + e);
        api.get(AUDITOR_A, BASE + "/werkgevers/" + e);
        JsonNode page = api.get(AUDITOR_A, BASE + "/logboek?gegevenId=" + e + "&soortGegeven=werkgever&paginaGrootte=100")
                .json();
        List<String> seen = new ArrayList<>();
        page.path("resultaten").forEach(x -> seen.add(x.path("verwerkingsactiviteit").asText() + " "
                + x.path("uitkomst").asText()));
        assertTrue(seen.toString(), seen.contains("werkgever.registreren geslaagd 201"));
        assertTrue(seen.toString(), seen.contains("werkgever.lezen geslaagd 200"));
        assertTrue(seen.toString(), seen.contains("werkgever.lezen geweigerd 403"));
        JsonNode first = page.path("resultaten").get(0);
        assertEquals(e, first.path("betrokkene").asText());
        assertTrue(first.path("persoonsgegevens").asBoolean());
        assertTrue(first.path("doelbinding").asText().startsWith("Werk en mantelzorg"));
        // searches are logged too; the log never holds the contact person's name or the employer's name
        api.get(CONSULENT_A, BASE + "/werkgevers?naam=Audit");
        String log = api.get(AUDITOR_A, BASE + "/logboek?paginaGrootte=100").body();
        assertTrue(log.contains("werkgever.zoeken"));
        assertFalse(log.contains("Henriette") || log.contains("Zorgvuldig") || log.contains("Audit Zorg"));
        assertTrue(api.get(AUDITOR_A, BASE + "/logboek/verificatie").json().path("geldig").asBoolean());
    }

    @Test
    public void theModuleIsGatedPerTenantAndComesAndGoesWithItsFeature() throws Exception {
        String path = BASE + "/werkgevers";
        enable("GM0363", BEHEERDER_A, false);
        assertEquals(NOT_ENABLED, assertProblem(api.get(CONSULENT_A, path), 404).path("detail").asText());
        assertEquals(NOT_ENABLED, assertProblem(api.json(CONSULENT_A, "POST", BASE + "/zorgverlofberekeningen", "{}"),
                404).path("detail").asText());
        // the other tenant keeps it
        assertEquals(200, api.get(CONSULENT_U, "/gemeenten/GM0344/werkgevers").status());
        enable("GM0363", BEHEERDER_A, true);
        assertEquals(200, api.get(CONSULENT_A, path).status());

        // save the merged OpenAPI document with this module in it: the build lints it with the ADR ruleset
        Api.Res doc = api.get(null, "/openapi.json");
        assertTrue(doc.json().path("paths").has("/gemeenten/{gemeentecode}/zorgverlofberekeningen"));
        File dir = new File(System.getProperty("mantelkring.itest.dir"));
        dir.mkdirs();
        Files.writeString(new File(dir, "openapi-employers.json").toPath(), doc.body());

        features.uninstallFeature(FEATURE);
        api.await(CONSULENT_A, path, 404);
        assertFalse(api.get(null, "/openapi.json").json().path("paths")
                .has("/gemeenten/{gemeentecode}/zorgverlofberekeningen"));
        JsonNode notReady = assertProblem(api.await(null, "/health/ready", 503), 503);
        assertEquals("DOWN", notReady.path("controles").path("module.employers").asText());
        features.installFeature(FEATURE);
        api.await(CONSULENT_A, path, 200);
        assertNotNull(api.await(null, "/health/ready", 200));
    }
}

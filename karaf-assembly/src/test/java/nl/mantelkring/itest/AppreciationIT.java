package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * Appreciation applications over HTTP in the real distribution: two municipalities with different policies,
 * automatic and manual decisions, budget exhaustion, concurrent applications, validation, isolation, audit.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AppreciationIT extends MantelkringTestSupport {

    private static final String A = "/gemeenten/GM0363";
    private static final String B = "/gemeenten/GM0344";
    private static int counter;
    private static final String[] IBANS = {"NL91ABNA0417164300", "NL64ABNA0417164301", "NL37ABNA0417164302"};

    @Inject
    private FeaturesService features;

    @Before
    public void installAndEnable() throws Exception {
        if (!features.isInstalled(features.getFeature("mantelkring-appreciation"))) {
            features.installFeature("mantelkring-appreciation");
        }
        for (String[] t : new String[][] {{"beheerder-amsterdam", A}, {"beheerder-utrecht", B}}) {
            api.await(t[0], t[1] + "/modules/appreciation", 200);
            for (String module : new String[] {"registration", "appreciation"}) {
                Api.Res r = api.json(t[0], "PUT", t[1] + "/modules/" + module,
                        "{\"ingeschakeld\":true,\"reden\":\"integratietest\"}");
                assertEquals(r.toString(), 200, r.status());
            }
        }
        policy("beheerder-amsterdam", A, 2026, "{\"aanvraagperiode\":{\"van\":\"2026-01-01\",\"totEnMet\":\"2027-03-01\"},"
                + "\"aanvragers\":[\"mantelzorger\",\"consulent\"],\"uitkering\":{\"soort\":\"vast\",\"bedrag\":200},"
                + "\"voorwaarden\":{\"minimaleUrenPerWeek\":8,\"minimaleDuurMaanden\":3,\"woonplaats\":\"mantelzorger\"}}");
        policy("beheerder-amsterdam", A, 2027, "{\"aanvraagperiode\":{\"van\":\"2026-11-01\",\"totEnMet\":\"2027-12-31\"},"
                + "\"aanvragers\":[\"consulent\"],\"uitkering\":{\"soort\":\"vast\",\"bedrag\":200},\"budget\":300}");
        policy("beheerder-utrecht", B, 2026, "{\"aanvraagperiode\":{\"van\":\"2026-10-01\",\"totEnMet\":\"2026-12-31\"},"
                + "\"aanvragers\":[\"consulent\"],\"eenheid\":\"zorgvrager\",\"automatischToekennen\":false,"
                + "\"uitkering\":{\"soort\":\"verdeling\",\"bedragen\":[150,75,50]},"
                + "\"voorwaarden\":{\"woonplaats\":\"zorgvrager\"}}");
        api.await("consulent-amsterdam", A + "/waarderingsaanvragen", 200);
    }

    private void policy(String admin, String tenant, int year, String value) {
        Api.Res r = api.json(admin, "PUT", tenant + "/beleid/waardering.regels",
                "{\"waarde\":" + value + ",\"jaar\":" + year + ",\"reden\":\"integratietest\"}");
        assertEquals(r.toString(), 200, r.status());
    }

    /** Registers a caregiver with one care relation (hours a week); returns {caregiverId, relationId}. */
    private String[] caregiver(String user, String tenant, String hours) {
        return caregiver(user, tenant, hours, "");
    }

    /** As above, with extra fields for the registration (e.g. an IBAN). */
    private String[] caregiver(String user, String tenant, String hours, String extra) {
        counter++;
        Api.Res c = api.json(user, "POST", tenant + "/mantelzorgers", "{\"naam\":{\"voornaam\":\"Waard" + counter
                + "\",\"achternaam\":\"Ering\"},\"geboortedatum\":\"1975-03-0" + (1 + counter % 9) + "\","
                + "\"adres\":{\"huisnummer\":" + counter + ",\"postcode\":\"1012AB\"},\"woontInGemeente\":true"
                + extra + "}");
        assertEquals(c.toString(), 201, c.status());
        String id = c.json().path("id").asText();
        Api.Res r = api.json(user, "POST", tenant + "/mantelzorgers/" + id + "/zorgrelaties",
                "{\"zorgvrager\":{\"naam\":\"Zorgvrager " + counter + "\",\"woontInGemeente\":true},\"relatie\":\"ouder\","
                        + "\"zorgSinds\":\"2024-01-01\",\"urenPerWeek\":" + hours + ",\"soortenZorg\":[\"begeleiding\"]}");
        assertEquals(r.toString(), 201, r.status());
        return new String[] {id, r.json().path("id").asText()};
    }

    private Api.Res apply(String user, String tenant, String[] c, int year, String applicant) {
        return api.json(user, "POST", tenant + "/waarderingsaanvragen", "{\"jaar\":" + year + ",\"mantelzorgerId\":\""
                + c[0] + "\",\"zorgrelatieId\":\"" + c[1] + "\",\"aanvrager\":\"" + applicant + "\"}");
    }

    @Test
    public void anUnusablePolicyIsRefusedWhenSavedWithEveryProblemNamed() {
        String admin = "beheerder-amsterdam";
        int before = api.get(admin, A + "/beleid/waardering.regels?jaar=2026").json().path("versie").asInt();
        JsonNode bad = assertProblem(api.json(admin, "PUT", A + "/beleid/waardering.regels", "{\"jaar\":2026,"
                + "\"reden\":\"test\",\"waarde\":{\"aanvraagperiode\":{\"van\":\"2026-12-01\",\"totEnMet\":"
                + "\"2026-01-01\"},\"aanvragers\":[\"buurman\"],\"uitkering\":{\"soort\":\"vast\",\"bedrag\":-5},"
                + "\"kleur\":\"rood\"}}"), 400);
        java.util.Set<String> fields = new java.util.HashSet<>();
        bad.path("invalidParams").forEach(p -> fields.add(p.path("name").asText()));
        assertTrue(bad.toString(), fields.contains("waarde.uitkering.bedrag"));
        assertTrue(bad.toString(), fields.contains("waarde.kleur"));
        assertTrue(bad.toString(), fields.stream().anyMatch(f -> f.startsWith("waarde.aanvragers")));
        assertTrue(bad.toString(), fields.stream().anyMatch(f -> f.startsWith("waarde.aanvraagperiode")));
        // nothing was saved: the version in force is the one before
        assertEquals(before, api.get(admin, A + "/beleid/waardering.regels?jaar=2026").json().path("versie").asInt());
        JsonNode iban = assertProblem(api.json(admin, "PUT", A + "/beleid/waardering.betaling", "{\"reden\":\"test\","
                + "\"waarde\":{\"rekeninghouder\":\"Gemeente Amsterdam\",\"iban\":\"NL00ABNA0000000000\","
                + "\"omschrijving\":\"Mantelzorgwaardering {jaar}\"}}"), 400);
        assertEquals(iban.toString(), "waarde.iban", iban.path("invalidParams").get(0).path("name").asText());
        // a key no module checks is stored as before (its module reads it)
        assertEquals(200, api.json(admin, "PUT", A + "/beleid/waardering.eigen-notitie", "{\"reden\":\"test\","
                + "\"waarde\":{\"tekst\":\"vrij\"}}").status());
    }

    @Test
    public void applyingCanRegisterTheCaregiverAndRelationInTheSameCall() {
        String consulent = "consulent-amsterdam";
        String caregiver = "{\"naam\":{\"voornaam\":\"Eenmalig\",\"achternaam\":\"Aangemeld\"},\"geboortedatum\":"
                + "\"1980-02-02\",\"adres\":{\"huisnummer\":7,\"postcode\":\"%s\"},\"woontInGemeente\":true}";
        String relation = "{\"zorgvrager\":{\"naam\":\"Moeder Aangemeld\",\"woontInGemeente\":true},\"relatie\":"
                + "\"ouder\",\"zorgSinds\":\"2023-05-01\",\"urenPerWeek\":%s,\"soortenZorg\":[\"begeleiding\"]}";
        // bad fields in both bodies: one 400 naming each under its prefix, and nothing registered
        JsonNode bad = assertProblem(api.json(consulent, "POST", A + "/waarderingsaanvragen", "{\"jaar\":2026,"
                + "\"aanvrager\":\"consulent\",\"mantelzorger\":" + caregiver.formatted("12") + ",\"zorgrelatie\":"
                + relation.formatted("-3") + "}"), 400);
        java.util.Set<String> fields = new java.util.HashSet<>();
        bad.path("invalidParams").forEach(p -> fields.add(p.path("name").asText()));
        assertTrue(bad.toString(), fields.contains("mantelzorger.adres.postcode"));
        assertTrue(bad.toString(), fields.contains("zorgrelatie.urenPerWeek"));
        assertEquals(0, api.get(consulent, A + "/mantelzorgers?naam=Aangemeld").json().path("paginering")
                .path("totaal").asInt());
        assertProblem(api.json(consulent, "POST", A + "/waarderingsaanvragen", "{\"jaar\":2026,\"aanvrager\":"
                + "\"consulent\",\"mantelzorger\":" + caregiver.formatted("1012AB") + "}"), 400);   // no relation
        assertProblem(api.json(consulent, "POST", A + "/waarderingsaanvragen", "{\"jaar\":2026,\"aanvrager\":"
                + "\"consulent\",\"mantelzorger\":" + caregiver.formatted("1012AB") + ",\"zorgrelatie\":"
                + relation.formatted("12") + ",\"onbekend\":1}"), 400);
        JsonNode unknownField = assertProblem(api.json(consulent, "POST", A + "/waarderingsaanvragen", "{\"jaar\":2026,"
                + "\"aanvrager\":\"consulent\",\"mantelzorger\":{\"kleur\":\"rood\"},\"zorgrelatie\":"
                + relation.formatted("12") + "}"), 400);
        assertEquals(unknownField.toString(), "mantelzorger.kleur", unknownField.path("invalidParams").get(0)
                .path("name").asText());
        // refused by the application (a payout this municipality does not offer) after valid registration bodies:
        // still nothing registered
        JsonNode channel = assertProblem(api.json(consulent, "POST", A + "/waarderingsaanvragen", "{\"jaar\":2026,"
                + "\"aanvrager\":\"consulent\",\"uitbetaalwijze\":\"waardebon\",\"mantelzorger\":"
                + caregiver.formatted("1012AB") + ",\"zorgrelatie\":" + relation.formatted("12") + "}"), 400);
        assertEquals(channel.toString(), "uitbetaalwijze", channel.path("invalidParams").get(0).path("name").asText());
        assertEquals(0, api.get(consulent, A + "/mantelzorgers?naam=Aangemeld").json().path("paginering")
                .path("totaal").asInt());
        // registered and applied for in one call
        Api.Res ok = api.json(consulent, "POST", A + "/waarderingsaanvragen", "{\"jaar\":2026,\"aanvrager\":"
                + "\"consulent\",\"mantelzorger\":" + caregiver.formatted("1012AB") + ",\"zorgrelatie\":"
                + relation.formatted("12") + "}");
        assertEquals(ok.toString(), 201, ok.status());
        assertEquals(ok.body(), "toegekend", ok.json().path("status").asText());
        String id = ok.json().path("mantelzorgerId").asText();
        JsonNode registered = api.get(consulent, A + "/mantelzorgers/" + id).json();
        assertEquals("Aangemeld", registered.path("naam").path("achternaam").asText());
        assertEquals(1, registered.path("zorgrelaties").size());
        assertEquals(ok.json().path("zorgrelatieId").asText(), registered.path("zorgrelaties").get(0).path("id")
                .asText());
        // the registration is audited as the registration API does, with the consultant as actor
        JsonNode log = api.get("auditor-amsterdam", A + "/logboek?gegevenId=" + id
                + "&verwerkingsactiviteit=mantelzorger.registreren").json();
        assertEquals(log.toString(), 1, log.path("resultaten").size());
        assertEquals(consulent, log.path("resultaten").get(0).path("gebruiker").asText());
        // the same person again: the registration's duplicate check answers, nothing new
        JsonNode twice = assertProblem(api.json(consulent, "POST", A + "/waarderingsaanvragen", "{\"jaar\":2026,"
                + "\"aanvrager\":\"consulent\",\"mantelzorger\":" + caregiver.formatted("1012AB")
                + ",\"zorgrelatie\":" + relation.formatted("12") + "}"), 409);
        assertTrue(twice.toString(), twice.path("bestaandeRegistratie").asText().endsWith("/mantelzorgers/" + id));
        // a registered caregiver with a new relation, in the same call (and not both an id and a body)
        assertProblem(api.json(consulent, "POST", A + "/waarderingsaanvragen", "{\"jaar\":2027,\"aanvrager\":"
                + "\"consulent\",\"mantelzorgerId\":\"" + id + "\",\"mantelzorger\":" + caregiver.formatted("1012AB")
                + ",\"zorgrelatie\":" + relation.formatted("12") + "}"), 400);
        Api.Res second = api.json(consulent, "POST", A + "/waarderingsaanvragen", "{\"jaar\":2027,\"aanvrager\":"
                + "\"consulent\",\"mantelzorgerId\":\"" + id + "\",\"zorgrelatie\":" + relation.formatted("9") + "}");
        assertEquals(second.toString(), 201, second.status());
        assertEquals(id, second.json().path("mantelzorgerId").asText());
        assertEquals(2, api.get(consulent, A + "/mantelzorgers/" + id).json().path("zorgrelaties").size());
        // another municipality cannot attach a relation to this caregiver (unknown there, as for any application)
        JsonNode foreign = assertProblem(api.json("consulent-utrecht", "POST", B + "/waarderingsaanvragen",
                "{\"jaar\":2026,\"aanvrager\":\"consulent\",\"mantelzorgerId\":\"" + id + "\",\"zorgrelatie\":"
                + relation.formatted("9") + "}"), 400);
        assertEquals(foreign.toString(), "mantelzorgerId", foreign.path("invalidParams").get(0).path("name").asText());
        assertEquals(2, api.get(consulent, A + "/mantelzorgers/" + id).json().path("zorgrelaties").size());
    }

    @Test
    public void automaticGrantOncePerYearWithReasonsPerRule() {
        String[] c = caregiver("consulent-amsterdam", A, "10");
        Api.Res first = apply("consulent-amsterdam", A, c, 2026, "mantelzorger");
        assertEquals(first.toString(), 201, first.status());
        assertEquals("toegekend", first.json().path("status").asText());
        assertEquals(200, first.json().path("bedrag").asInt());
        assertTrue(first.header("Location").endsWith(first.json().path("id").asText()));
        Api.Res second = apply("consulent-amsterdam", A, c, 2026, "mantelzorger");
        assertEquals("afgewezen", second.json().path("status").asText());
        boolean onceFailed = false;
        for (JsonNode rule : second.json().path("regels")) {
            if (rule.path("regel").asText().equals("eenmaalPerJaar")) {
                onceFailed = !rule.path("voldaan").asBoolean();
                assertEquals("U heeft dit jaar al een waardering gekregen of aangevraagd.",
                        rule.path("toelichting").asText());
            }
        }
        assertTrue(second.body(), onceFailed);
        String[] few = caregiver("consulent-amsterdam", A, "4");
        Api.Res tooFew = apply("consulent-amsterdam", A, few, 2026, "consulent");
        assertEquals("afgewezen", tooFew.json().path("status").asText());
        assertTrue(tooFew.body(), tooFew.body().contains("U zorgt 4 uur per week; nodig is ten minste 8 uur per week."));
        // the year in figures, as JSON and CSV (no ids in either)
        JsonNode report = api.get("beheerder-amsterdam", A + "/waarderingsrapportages/2026").json();
        assertTrue(report.toString(), report.path("aanvragen").asInt() >= 3);
        assertTrue(report.toString(), report.path("afwijzingsredenen").path("eenmaalPerJaar").asInt() >= 1);
        assertTrue(report.toString(), report.path("afwijzingsredenen").path("uren").asInt() >= 1);
        assertTrue(report.toString(), report.path("bedragToegekend").asInt() >= 200);
        assertTrue(report.toString(), !report.toString().contains(c[0]));
        Api.Res csv = api.getAs("consulent-amsterdam", A + "/waarderingsrapportages/2026", "text/csv");
        assertEquals(csv.toString(), 200, csv.status());
        assertTrue(csv.contentType(), csv.contentType().startsWith("text/csv"));
        assertTrue(csv.body(), csv.body().startsWith("sectie,sleutel,aanvragen,toegekend,bedrag\r\n"));
        assertProblem(api.get("consulent-amsterdam", A + "/waarderingsrapportages/dit-jaar"), 400);
        // the audit log has the application, by id
        JsonNode log = api.get("auditor-amsterdam", A + "/logboek?gegevenId=" + first.json().path("id").asText()
                + "&soortGegeven=waarderingsaanvraag").json();
        assertEquals(log.toString(), "geslaagd 201", log.path("resultaten").path(0).path("uitkomst").asText());
    }

    @Test
    public void aConsultantDecidesInTheOtherMunicipality() {
        String[] c = caregiver("consulent-utrecht", B, "3");
        Api.Res queued = apply("consulent-utrecht", B, c, 2026, "consulent");
        assertEquals(queued.toString(), 201, queued.status());
        assertEquals("ingediend", queued.json().path("status").asText());
        assertEquals(150, queued.json().path("bedrag").asInt());        // first caregiver of this recipient
        String id = queued.json().path("id").asText();
        JsonNode queue = api.get("consulent-utrecht", B + "/waarderingsaanvragen?jaar=2026&status=ingediend").json();
        assertTrue(queue.toString(), queue.toString().contains(id));
        JsonNode noReason = assertProblem(api.json("consulent-utrecht", "POST", B + "/waarderingsaanvragen/" + id
                + "/besluit", "{\"besluit\":\"afwijzen\"}"), 400);
        assertEquals("reden", noReason.path("invalidParams").path(0).path("name").asText());
        Api.Res approved = api.json("consulent-utrecht", "POST", B + "/waarderingsaanvragen/" + id + "/besluit",
                "{\"besluit\":\"toekennen\",\"reden\":\"Akkoord na gesprek\"}");
        assertEquals(approved.toString(), 200, approved.status());
        assertEquals("toegekend", approved.json().path("status").asText());
        assertEquals("consulent-utrecht", approved.json().path("besloten").asText());
        assertProblem(api.json("consulent-utrecht", "POST", B + "/waarderingsaanvragen/" + id + "/besluit",
                "{\"besluit\":\"toekennen\"}"), 409);
        // Amsterdam cannot see Utrecht's application, nor reach Utrecht's paths
        assertProblem(api.get("consulent-amsterdam", A + "/waarderingsaanvragen/" + id), 404);
        for (String[] op : new String[][] {{"GET", B + "/waarderingsaanvragen", null},
            {"POST", B + "/waarderingsaanvragen", "{}"}, {"GET", B + "/waarderingsaanvragen/" + id, null},
            {"POST", B + "/waarderingsaanvragen/" + id + "/besluit", "{\"besluit\":\"toekennen\"}"},
            {"POST", B + "/waarderingsaanvragen/" + id + "/intrekking", "{}"}}) {
            JsonNode p = assertProblem(api.send("consulent-amsterdam", op[0], op[1],
                    op[2] == null ? null : "application/json", op[2]), 404);
            assertEquals("Er is geen resource op dit pad.", p.path("detail").asText());
        }
    }

    @Test
    public void budgetAndConcurrentApplicationsGiveAtMostOneGrant() throws Exception {
        String[] c = caregiver("consulent-amsterdam", A, "10");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.submit(() -> {
                go.await();
                Api.Res r = apply("consulent-amsterdam", A, c, 2027, "consulent");
                return r.status() == 201 ? r.json().path("status").asText() : String.valueOf(r.status());
            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(outcomes.toString(), 1, outcomes.stream().filter("toegekend"::equals).count());
        assertTrue(outcomes.toString(), outcomes.stream().allMatch(o -> o.equals("toegekend")
                || o.equals("afgewezen") || o.equals("409")));
        // 200 of the 300 budget is granted: the next caregiver's 200 does not fit
        Api.Res over = apply("consulent-amsterdam", A, caregiver("consulent-amsterdam", A, "10"), 2027, "consulent");
        assertEquals("afgewezen", over.json().path("status").asText());
        assertTrue(over.body(), over.body().contains("Het budget voor dit jaar is op."));
    }

    @Test
    public void erasureKeepsTheMoneyPseudonymisedAndAccessIncludesTheApplications() {
        String[] c = caregiver("consulent-amsterdam", A, "10");
        Api.Res applied = apply("consulent-amsterdam", A, c, 2026, "consulent");
        assertEquals("toegekend", applied.json().path("status").asText());
        String id = applied.json().path("id").asText();
        JsonNode export = api.get("consulent-amsterdam", A + "/mantelzorgers/" + c[0] + "/inzage").json();
        assertEquals(id, export.path("waardering").path("aanvragen").path(0).path("id").asText());
        assertEquals(204, api.send("consulent-amsterdam", "DELETE", A + "/mantelzorgers/" + c[0], null, null).status());
        // the synchronous ERASED event has pseudonymised the application before the DELETE answered
        JsonNode after = api.get("consulent-amsterdam", A + "/waarderingsaanvragen/" + id).json();
        assertEquals("toegekend", after.path("status").asText());
        assertEquals(200, after.path("bedrag").asInt());
        assertTrue(after.toString(), !after.path("mantelzorgerId").asText().equals(c[0])
                && !after.path("zorgrelatieId").asText().equals(c[1]));
        JsonNode log = api.get("auditor-amsterdam", A + "/logboek?betrokkene=" + c[0]
                + "&verwerkingsactiviteit=waarderingsaanvraag.pseudonimiseren").json();
        assertEquals(log.toString(), 1, log.path("resultaten").size());
    }

    @Test
    public void aPaymentRunWritesValidFilesPaysEachGrantOnceAndHandlesAReturn() throws Exception {
        String admin = "beheerder-amsterdam";
        Api.Res pay = api.json(admin, "PUT", A + "/beleid/waardering.betaling", "{\"waarde\":{\"rekeninghouder\":"
                + "\"Gemeente Amsterdam\",\"iban\":\"NL91ABNA0417164300\",\"omschrijving\":\"Mantelzorgwaardering"
                + " {jaar}\",\"maxTransactiesPerBestand\":2},\"reden\":\"integratietest\"}");
        assertEquals(pay.toString(), 200, pay.status());
        // three caregivers with an IBAN (and whatever other tests granted: those without an IBAN are left out)
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String[] c = caregiver("consulent-amsterdam", A, "10", ",\"iban\":\"" + IBANS[i] + "\"");
            Api.Res granted = apply("consulent-amsterdam", A, c, 2026, "consulent");
            assertEquals(granted.body(), "toegekend", granted.json().path("status").asText());
            mine.add(granted.json().path("toekenningId").asText());
        }
        assertProblem(api.json("consulent-amsterdam", "POST", A + "/betaalruns", "{\"jaar\":2026}"), 403);
        assertProblem(api.json(admin, "POST", A + "/betaalruns", "{\"jaar\":\"dit\"}"), 400);
        JsonNode bad = assertProblem(api.json(admin, "POST", A + "/betaalruns",
                "{\"jaar\":2026,\"formaat\":\"pain.002\",\"maxTransactiesPerBestand\":0,\"uitvoerdatum\":\"gisteren\"}"),
                400);
        assertEquals(bad.toString(), 3, bad.path("invalidParams").size());
        Api.Res started = api.json(admin, "POST", A + "/betaalruns", "{\"jaar\":2026}");
        assertEquals(started.toString(), 202, started.status());
        String run = started.json().path("id").asText();
        Api.Res again = api.json(admin, "POST", A + "/betaalruns", "{\"jaar\":2026}");
        assertEquals("an open run is returned, not started twice", 200, again.status());
        assertEquals(run, again.json().path("id").asText());
        JsonNode r = awaitWritten(admin, A, run);
        assertEquals(r.toString(), "gereed", r.path("status").asText());
        // another municipality sees nothing of it
        assertProblem(api.get("beheerder-utrecht", B + "/betaalruns/" + run), 404);
        assertProblem(api.get("beheerder-utrecht", A + "/betaalruns/" + run), 404);
        assertProblem(api.get(admin, A + "/betaalruns/" + run + "/bestanden/een"), 400);
        assertProblem(api.get(admin, A + "/betaalruns/" + run + "/bestanden/99"), 404);

        javax.xml.validation.Validator xsd = javax.xml.validation.SchemaFactory
                .newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new File(System.getProperty("mantelkring.itest.sepaXsd"))).newValidator();
        java.util.Map<String, Integer> endToEnd = new java.util.HashMap<>();
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        int count = 0;
        for (JsonNode f : r.path("bestanden")) {
            Api.Res file = api.getAs(admin, A + "/betaalruns/" + run + "/bestanden/" + f.path("volgnummer").asInt(),
                    "application/xml");
            assertEquals(file.toString(), 200, file.status());
            assertTrue(file.header("Content-Disposition"), file.header("Content-Disposition")
                    .contains(f.path("berichtId").asText() + ".xml"));
            xsd.validate(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(file.body())));
            org.w3c.dom.NodeList tx = transfers(file.body());
            org.w3c.dom.Document doc = tx.item(0).getOwnerDocument();
            java.math.BigDecimal fileSum = java.math.BigDecimal.ZERO;
            for (int i = 0; i < tx.getLength(); i++) {
                org.w3c.dom.Element t = (org.w3c.dom.Element) tx.item(i);
                endToEnd.merge(t.getElementsByTagNameNS("*", "EndToEndId").item(0).getTextContent(), 1, Integer::sum);
                fileSum = fileSum.add(new java.math.BigDecimal(t.getElementsByTagNameNS("*", "InstdAmt").item(0)
                        .getTextContent()));
            }
            assertEquals(f.path("aantalTransacties").asInt(), tx.getLength());
            assertEquals(Integer.parseInt(doc.getElementsByTagNameNS("*", "NbOfTxs").item(0).getTextContent()),
                    tx.getLength());
            assertEquals(0, new java.math.BigDecimal(doc.getElementsByTagNameNS("*", "CtrlSum").item(0)
                    .getTextContent()).compareTo(fileSum));
            assertTrue(tx.getLength() <= 2);
            sum = sum.add(fileSum);
            count += tx.getLength();
        }
        assertEquals(r.path("aantalTransacties").asInt(), count);
        assertEquals(0, r.path("totaalbedrag").decimalValue().compareTo(sum));
        assertTrue(endToEnd.toString(), endToEnd.values().stream().allMatch(n -> n == 1));
        for (String g : mine) {
            assertEquals(endToEnd.toString(), Integer.valueOf(1), endToEnd.get(g.replace("-", "") + "-1"));
            assertEquals("in-betaalrun", api.get("consulent-amsterdam", A + "/toekenningen/" + g).json()
                    .path("status").asText());
        }
        // the bank accepted: paid; nothing left to pay that has an IBAN
        Api.Res confirmed = api.json(admin, "POST", A + "/betaalruns/" + run + "/bevestiging", null);
        assertEquals(confirmed.toString(), "bevestigd", confirmed.json().path("status").asText());
        assertProblem(api.json(admin, "POST", A + "/betaalruns/" + run + "/bevestiging", null), 409);
        assertEquals("betaald", api.get("consulent-amsterdam", A + "/toekenningen/" + mine.get(0)).json()
                .path("status").asText());
        JsonNode nothing = assertProblem(api.json(admin, "POST", A + "/betaalruns", "{\"jaar\":2026}"), 409);
        assertEquals(nothing.toString(), "urn:nl:mantelkring:probleem:niets-te-betalen", nothing.path("type").asText());
        // a returned transfer: recorded, released after correction, paid again in a next run with a new id
        assertProblem(api.json(admin, "POST", A + "/toekenningen/" + mine.get(0) + "/terugboekingen",
                "{\"datum\":\"2999-01-01\",\"reden\":\"weet niet\"}"), 400);
        Api.Res returned = api.json(admin, "POST", A + "/toekenningen/" + mine.get(0) + "/terugboekingen",
                "{\"datum\":\"" + java.time.LocalDate.now() + "\",\"reden\":\"rekening-opgeheven\"}");
        assertEquals(returned.toString(), "teruggeboekt", returned.json().path("status").asText());
        assertEquals("toegekend", api.json(admin, "POST", A + "/toekenningen/" + mine.get(0) + "/vrijgave", null)
                .json().path("status").asText());
        Api.Res second = api.json(admin, "POST", A + "/betaalruns", "{\"jaar\":2026}");
        assertEquals(second.toString(), 202, second.status());
        assertEquals(1, second.json().path("aantalTransacties").asInt());
        // the audit log names every caregiver whose IBAN the run read, with the run as the record
        JsonNode log = api.get("auditor-amsterdam", A + "/logboek?verwerkingsactiviteit=mantelzorger.iban-gebruiken"
                + "&gegevenId=" + run).json();
        assertTrue(log.toString(), log.path("paginering").path("totaal").asInt() >= 3
                || log.path("resultaten").size() >= 3);
    }

    /** Waits until the run is no longer being prepared or written (the state the API shows); the run. */
    private JsonNode awaitWritten(String admin, String tenant, String run) throws InterruptedException {
        JsonNode r = null;
        for (int i = 0; i < 120; i++) {
            r = api.get(admin, tenant + "/betaalruns/" + run).json();
            if (!"bezig".equals(r.path("status").asText()) && !"voorbereiden".equals(r.path("status").asText())) {
                break;
            }
            Thread.sleep(500);
        }
        return r;
    }

    /** The CdtTrfTxInf elements of a pain.001 document. */
    private static org.w3c.dom.NodeList transfers(String xml) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory dbf = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance();
        dbf.setNamespaceAware(true);
        return dbf.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)))
                .getElementsByTagNameNS("*", "CdtTrfTxInf");
    }

    /** A caregiver with an IBAN caring for {@code recipient} (a JSON zorgvrager: new, or {"id": ...}); {id, relation}. */
    private String[] caregiverOf(String tenant, String recipient, String iban) {
        counter++;
        Api.Res c = api.json("consulent-utrecht", "POST", tenant + "/mantelzorgers", "{\"naam\":{\"voornaam\":\"Deel"
                + counter + "\",\"achternaam\":\"Verdeling\"},\"geboortedatum\":\"1970-05-0" + (1 + counter % 9)
                + "\",\"adres\":{\"huisnummer\":" + counter + ",\"postcode\":\"3511AB\"},\"woontInGemeente\":true,"
                + "\"iban\":\"" + iban + "\"}");
        assertEquals(c.toString(), 201, c.status());
        String id = c.json().path("id").asText();
        Api.Res r = api.json("consulent-utrecht", "POST", tenant + "/mantelzorgers/" + id + "/zorgrelaties",
                "{\"zorgvrager\":" + recipient + ",\"relatie\":\"kind\",\"zorgSinds\":\"2024-01-01\","
                        + "\"urenPerWeek\":6,\"soortenZorg\":[\"begeleiding\"]}");
        assertEquals(r.toString(), 201, r.status());
        return new String[] {id, r.json().path("id").asText()};
    }

    /** Applies for 2027 in Utrecht; the granted application. */
    private JsonNode granted(String[] c) {
        Api.Res r = apply("consulent-utrecht", B, c, 2027, "consulent");
        assertEquals(r.toString(), 201, r.status());
        assertEquals(r.body(), "toegekend", r.json().path("status").asText());
        return r.json();
    }

    @Test
    public void aSplitPaysEachRecipientItsAmountOnceFixedByThePaymentRunAfterTheWindow() throws Exception {
        String admin = "beheerder-utrecht";
        String rules = "{\"aanvraagperiode\":{\"van\":\"%s\",\"totEnMet\":\"%s\"},\"aanvragers\":[\"consulent\"],"
                + "\"eenheid\":\"zorgvrager\",\"uitkering\":{\"soort\":\"verdeling\",\"bedragen\":[150,75,50]%s}}";
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"));
        String from = today.minusDays(30).toString();
        // the new field is checked when saved, named with its path
        JsonNode bad = assertProblem(api.json(admin, "PUT", B + "/beleid/waardering.regels", "{\"jaar\":2027,"
                + "\"reden\":\"test\",\"waarde\":" + rules.formatted(from, "2027-12-31", ",\"vaststelling\":\"ooit\"")
                + "}"), 400);
        assertEquals(bad.toString(), "waarde.uitkering.vaststelling", bad.path("invalidParams").get(0).path("name")
                .asText());
        policy(admin, B, 2027, rules.formatted(from, "2027-12-31", ",\"vaststelling\":\"na-aanvraagperiode\""));
        assertEquals(200, api.json(admin, "PUT", B + "/beleid/waardering.betaling", "{\"waarde\":{\"rekeninghouder\":"
                + "\"Gemeente Utrecht\",\"iban\":\"NL91ABNA0417164300\",\"omschrijving\":\"Mantelzorgwaardering"
                + " {jaar}\"},\"reden\":\"integratietest\"}").status());

        // three caregivers of one recipient, two of another, one of a third
        java.util.Map<String, String> expected = new java.util.HashMap<>();   // grant id -> amount paid
        List<String> ofThree = new ArrayList<>();
        String newRecipient = "{\"naam\":\"Zorgvrager %s\",\"woontInGemeente\":true}";
        JsonNode first = granted(caregiverOf(B, newRecipient.formatted("Drie"), IBANS[0]));
        assertEquals(0, new java.math.BigDecimal("150").compareTo(first.path("bedrag").decimalValue()));
        assertTrue(first.toString(), first.path("bedragVoorlopig").asBoolean());
        String recipient = first.path("zorgvragerId").asText();
        String same = "{\"id\":\"" + recipient + "\",\"naam\":\"Zorgvrager Drie\",\"woontInGemeente\":true}";
        ofThree.add(first.path("toekenningId").asText());
        JsonNode second = granted(caregiverOf(B, same, IBANS[1]));
        assertEquals(recipient, second.path("zorgvragerId").asText());
        assertEquals(0, new java.math.BigDecimal("75").compareTo(second.path("bedrag").decimalValue()));
        ofThree.add(second.path("toekenningId").asText());
        ofThree.add(granted(caregiverOf(B, same, IBANS[2])).path("toekenningId").asText());
        for (String g : ofThree) {
            expected.put(g, "50.00");
        }
        // the first caregiver's grant went down with each caregiver after it, and says it is provisional
        JsonNode firstGrant = api.get("consulent-utrecht", B + "/toekenningen/" + ofThree.get(0)).json();
        assertEquals(firstGrant.toString(), 0, new java.math.BigDecimal("50").compareTo(firstGrant.path("bedrag")
                .decimalValue()));
        assertTrue(firstGrant.toString(), firstGrant.path("bedragVoorlopig").asBoolean());
        assertTrue(firstGrant.toString(), firstGrant.path("uitTeBetalen").isNull()
                || firstGrant.path("uitTeBetalen").isMissingNode());
        // a fourth caregiver of that recipient is refused: at most three
        Api.Res fourth = apply("consulent-utrecht", B, caregiverOf(B, same, IBANS[0]), 2027, "consulent");
        assertEquals(fourth.body(), "afgewezen", fourth.json().path("status").asText());
        assertTrue(fourth.body(), fourth.body().contains("mantelzorgersPerZorgvrager"));
        JsonNode twoFirst = granted(caregiverOf(B, newRecipient.formatted("Twee"), IBANS[1]));
        String two = "{\"id\":\"" + twoFirst.path("zorgvragerId").asText()
                + "\",\"naam\":\"Zorgvrager Twee\",\"woontInGemeente\":true}";
        expected.put(twoFirst.path("toekenningId").asText(), "75.00");
        expected.put(granted(caregiverOf(B, two, IBANS[2])).path("toekenningId").asText(), "75.00");
        expected.put(granted(caregiverOf(B, newRecipient.formatted("Een"), IBANS[0])).path("toekenningId").asText(),
                "150.00");

        // while the window runs, the number of caregivers is not final: no payment run
        JsonNode early = assertProblem(api.json(admin, "POST", B + "/betaalruns", "{\"jaar\":2027}"), 409);
        assertEquals(early.toString(), "urn:nl:mantelkring:probleem:aanvraagperiode-loopt", early.path("type").asText());
        // the municipality closes the window (yesterday): the run fixes each share
        policy(admin, B, 2027, rules.formatted(from, today.minusDays(1).toString(), ""));
        Api.Res started = api.json(admin, "POST", B + "/betaalruns", "{\"jaar\":2027}");
        assertEquals(started.toString(), 202, started.status());
        String run = started.json().path("id").asText();
        JsonNode r = awaitWritten(admin, B, run);
        assertEquals(r.toString(), "gereed", r.path("status").asText());
        // the SEPA files pay 50 + 50 + 50, 75 + 75 and 150: 150 per recipient
        java.util.Map<String, String> paid = new java.util.HashMap<>();
        for (JsonNode f : r.path("bestanden")) {
            Api.Res file = api.getAs(admin, B + "/betaalruns/" + run + "/bestanden/" + f.path("volgnummer").asInt(),
                    "application/xml");
            assertEquals(file.toString(), 200, file.status());
            org.w3c.dom.NodeList tx = transfers(file.body());
            for (int i = 0; i < tx.getLength(); i++) {
                org.w3c.dom.Element t = (org.w3c.dom.Element) tx.item(i);
                paid.put(t.getElementsByTagNameNS("*", "EndToEndId").item(0).getTextContent(),
                        t.getElementsByTagNameNS("*", "InstdAmt").item(0).getTextContent());
            }
        }
        java.util.Map<String, String> expectedE2e = new java.util.HashMap<>();
        expected.forEach((g, amount) -> expectedE2e.put(g.replace("-", "") + "-1", amount));
        assertEquals(expectedE2e, paid);
        assertEquals(0, new java.math.BigDecimal("450").compareTo(r.path("totaalbedrag").decimalValue()));
        JsonNode fixed = api.get("consulent-utrecht", B + "/toekenningen/" + ofThree.get(0)).json();
        assertEquals(fixed.toString(), 0, new java.math.BigDecimal("50").compareTo(fixed.path("uitTeBetalen")
                .decimalValue()));
        assertTrue(fixed.toString(), !fixed.path("bedragVoorlopig").asBoolean());
        assertEquals("geannuleerd", api.json(admin, "POST", B + "/betaalruns/" + run + "/annulering", null).json()
                .path("status").asText());
    }

    @Test
    public void badInputIsNamedAndAMissingPolicyIsSaid() throws Exception {
        JsonNode p = assertProblem(api.json("consulent-amsterdam", "POST", A + "/waarderingsaanvragen",
                "{\"jaar\":1999,\"mantelzorgerId\":\"x\",\"aanvrager\":\"buurman\"}"), 400);
        assertEquals(4, p.path("invalidParams").size());
        assertProblem(api.json("consulent-amsterdam", "POST", A + "/waarderingsaanvragen", "{\"onbekend\":1}"), 400);
        assertProblem(api.get("consulent-amsterdam", A + "/waarderingsaanvragen?status=zoek"), 400);
        assertProblem(api.get("beheerder-amsterdam", A + "/waarderingsaanvragen"), 403);
        String[] c = caregiver("consulent-amsterdam", A, "10");
        // GM0363 has no policy for 2025
        JsonNode none = assertProblem(apply("consulent-amsterdam", A, c, 2025, "consulent"), 409);
        assertEquals("urn:nl:mantelkring:probleem:geen-waarderingsbeleid", none.path("type").asText());
        // another tenant's caregiver is unknown here
        String[] utrecht = caregiver("consulent-utrecht", B, "10");
        assertProblem(apply("consulent-amsterdam", A, utrecht, 2026, "consulent"), 400);

        Api.Res doc = api.get(null, "/openapi.json");
        assertTrue(doc.json().path("paths").has("/gemeenten/{gemeentecode}/waarderingsaanvragen/{aanvraagId}/besluit"));
        File dir = new File(System.getProperty("mantelkring.itest.dir"));
        dir.mkdirs();
        java.nio.file.Files.writeString(new File(dir, "openapi-appreciation.json").toPath(), doc.body());
    }
}

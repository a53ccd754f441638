package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decision letters over real HTTP (issue 19): every decision kind gets a stored PDF/A letter whose text (PDFBox)
 * holds who, what was decided, the amount, the payout channel, the grounds per rule and the objection clause; the
 * consultant lists and downloads them (audited); the citizen downloads their own from the loket and a second citizen
 * probing it gets 404; a template with an unknown placeholder is refused naming it and nothing is saved; the preview.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LettersIT extends MantelkringTestSupport {

    private static final String A = "/gemeenten/GM0363";
    private static final String MINE = "/burgers/gemeenten/GM0363/waarderingsaanvragen";
    private static final String CONSULTANT = "consulent-amsterdam";
    private static final String ADMIN = "beheerder-amsterdam";
    private static final String AUDITOR = "auditor-amsterdam";
    private static final int YEAR = LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear();
    private static int counter;

    @Inject
    private FeaturesService features;

    @Override
    @Configuration
    public Option[] config() {
        java.util.List<Option> options = new java.util.ArrayList<>(java.util.Arrays.asList(super.config()));
        options.addAll(citizenOidc());
        // the on-demand benchmark below: mvn ... verify -Dit.test=LettersIT -Dmantelkring.benchmark=true
        options.add(org.ops4j.pax.exam.CoreOptions.systemProperty("mantelkring.benchmark")
                .value(System.getProperty("mantelkring.benchmark", "false")));
        return options.toArray(new Option[0]);
    }

    @Before
    public void installAndEnable() throws Exception {
        AppreciationFixtures.enable(api, features);
        AppreciationFixtures.rules(api, YEAR, "[\"mantelzorger\",\"consulent\"]", 200, true);
        api.await(CONSULTANT, A + "/waarderingsaanvragen", 200);
        api.await(ADMIN, A + "/waarderingsrapportages/" + YEAR, 200);   // the administrator sees the module too
    }

    /** A registered caregiver (surname {@code Briefontvanger<n>}); returns {caregiverId, relationId, surname}. */
    private String[] caregiver(String hours) {
        counter++;
        String surname = "Briefontvanger" + counter;
        String[] c = AppreciationFixtures.caregiver(api, surname, 100 + counter, hours);
        return new String[] {c[0], c[1], surname};
    }

    private JsonNode apply(String[] c) {
        return AppreciationFixtures.apply(api, c, YEAR);
    }

    private JsonNode letters(String applicationId) {
        Api.Res r = api.get(CONSULTANT, A + "/waarderingsaanvragen/" + applicationId + "/brieven");
        assertEquals(r.toString(), 200, r.status());
        return r.json().path("brieven");
    }

    private String letterText(String applicationId, String letterId) {
        return LetterPdfs.text(LetterPdfs.get(CONSULTANT, Map.of(), A + "/waarderingsaanvragen/" + applicationId
                + "/brieven/" + letterId));
    }

    @Test
    public void everyDecisionKindGetsALetterWithWhatTheAwbRequires() {
        // granted at once by the rules
        String[] c = caregiver("12");
        JsonNode granted = apply(c);
        assertEquals(granted.toString(), "toegekend", granted.path("status").asText());
        JsonNode l = letters(granted.path("id").asText());
        assertEquals(l.toString(), 1, l.size());
        assertEquals("toekenning", l.get(0).path("soort").asText());
        assertEquals(64, l.get(0).path("sha256").asText().length());
        String t = letterText(granted.path("id").asText(), l.get(0).path("id").asText());
        LetterPdfs.assertContains(t, c[2], "Damrak", "u krijgt de mantelzorgwaardering", "€ 200,00", "bankrekening",
                "Uren zorg per week", "U zorgt ten minste 8 uur per week", "bezwaar maken", "binnen 6 weken",
                "college van burgemeester en wethouders");

        // refused at once by the rules: the failed rule's reason is the ground
        String[] r = caregiver("2");
        JsonNode refused = apply(r);
        assertEquals(refused.toString(), "afgewezen", refused.path("status").asText());
        JsonNode rl = letters(refused.path("id").asText());
        assertEquals("afwijzing", rl.get(0).path("soort").asText());
        String rt = letterText(refused.path("id").asText(), rl.get(0).path("id").asText());
        LetterPdfs.assertContains(rt, r[2], "u krijgt de mantelzorgwaardering niet", "U zorgt 2 uur per week",
                "bezwaar maken", "binnen 6 weken");

        // a consultant's refusal, with the reason in the letter
        AppreciationFixtures.rules(api, YEAR, "[\"mantelzorger\",\"consulent\"]", 200, false);
        JsonNode queued = apply(caregiver("12"));
        assertEquals("ingediend", queued.path("status").asText());
        String qid = queued.path("id").asText();
        assertEquals(0, letters(qid).size());
        Api.Res d = api.json(CONSULTANT, "POST", A + "/waarderingsaanvragen/" + qid + "/besluit",
                "{\"besluit\":\"afwijzen\",\"reden\":\"De zorg wordt al betaald uit een pgb.\"}");
        assertEquals(d.toString(), 200, d.status());
        JsonNode ql = letters(qid);
        assertEquals("afwijzing", ql.get(0).path("soort").asText());
        LetterPdfs.assertContains(letterText(qid, ql.get(0).path("id").asText()),
                "De zorg wordt al betaald uit een pgb.");

        // made and read: both audited, the letter's making with the caregiver as data subject
        String letterId = l.get(0).path("id").asText();
        JsonNode made = api.get(AUDITOR, A + "/logboek?gegevenId=" + letterId
                + "&verwerkingsactiviteit=waarderingsbrief.maken").json();
        assertEquals(made.toString(), 1, made.path("resultaten").size());
        assertEquals(made.toString(), c[0], made.path("resultaten").get(0).path("betrokkene").asText());
        JsonNode read = api.get(AUDITOR, A + "/logboek?gegevenId=" + letterId
                + "&verwerkingsactiviteit=waarderingsbrief.lezen").json();
        assertTrue(read.toString(), read.path("resultaten").size() >= 1);

        // probing: another application's letter id, a malformed id, no role
        assertProblem(api.get(CONSULTANT, A + "/waarderingsaanvragen/" + qid + "/brieven/" + letterId), 404);
        assertProblem(api.get(CONSULTANT, A + "/waarderingsaanvragen/" + qid + "/brieven/12"), 400);
        assertProblem(api.get("consulent-utrecht", A + "/waarderingsaanvragen/" + granted.path("id").asText()
                + "/brieven"), 404);
    }

    @Test
    public void aTemplateWithAnUnknownPlaceholderIsRefusedNamingItAndNothingIsSaved() {
        Api.Res before = api.get(ADMIN, A + "/beleid/waardering.brieven");
        JsonNode bad = assertProblem(api.json(ADMIN, "PUT", A + "/beleid/waardering.brieven", "{\"reden\":\"test\","
                + "\"waarde\":{\"toekenning\":{\"tekst\":\"<p>Beste {{naam}}, u krijgt {{bedragg}}.</p>\"}}}"), 400);
        assertEquals(bad.toString(), "waarde.toekenning.tekst", bad.path("invalidParams").get(0).path("name").asText());
        assertTrue(bad.toString(), bad.path("invalidParams").get(0).path("reason").asText().contains("bedragg"));
        Api.Res after = api.get(ADMIN, A + "/beleid/waardering.brieven");
        assertEquals(before.status(), after.status());
        assertEquals(before.body(), after.body());
        assertProblem(api.json(ADMIN, "PUT", A + "/beleid/waardering.brieven", "{\"reden\":\"test\","
                + "\"waarde\":{\"bezwaar\":{\"termijnWeken\":2}}}"), 400);

        // a good value is saved and used: the objection e-mail address in the next letter
        Api.Res ok = api.json(ADMIN, "PUT", A + "/beleid/waardering.brieven", "{\"reden\":\"test\",\"waarde\":{"
                + "\"bezwaar\":{\"email\":\"bezwaar@amsterdam.example\"},\"afwijzing\":{\"onderwerp\":"
                + "\"Uw aanvraag {{jaar}}\"}}}");
        assertEquals(ok.toString(), 200, ok.status());
        try {
            JsonNode refused = apply(caregiver("1"));
            String id = refused.path("id").asText();
            LetterPdfs.assertContains(letterText(id, letters(id).get(0).path("id").asText()),
                    "bezwaar@amsterdam.example", "Uw aanvraag " + YEAR);
        } finally {
            assertEquals(200, api.json(ADMIN, "PUT", A + "/beleid/waardering.brieven",
                    "{\"reden\":\"test\",\"waarde\":{}}").status());
        }
    }

    @Test
    public void thePreviewIsALetterWithSampleData() {
        byte[] pdf = previewPdf("{\"soort\":\"afwijzing\"}");
        LetterPdfs.assertContains(LetterPdfs.text(pdf), "J. Jansen", "u krijgt de mantelzorgwaardering niet",
                "bezwaar maken");
        // an unsaved value is previewed, not saved
        LetterPdfs.assertContains(LetterPdfs.text(previewPdf("{\"soort\":\"waardebon\",\"sjablonen\":{\"waardebon\":"
                + "{\"tekst\":\"<p>Uw code: {{waardeboncode}}, proef.</p>\"}}}")), "Uw code: ABCD-EFGH-JKLM-NPQR, proef.");
        JsonNode bad = assertProblem(api.json(ADMIN, "POST", A + "/waarderingsbrieven/voorbeeld", "{\"soort\":"
                + "\"herziening\",\"sjablonen\":{\"herziening\":{\"tekst\":\"{{onbekend}}\"}}}"), 400);
        assertEquals(bad.toString(), "sjablonen.herziening.tekst", bad.path("invalidParams").get(0).path("name")
                .asText());
        assertTrue(bad.toString(), bad.toString().contains("onbekend"));
        assertProblem(api.json(ADMIN, "POST", A + "/waarderingsbrieven/voorbeeld", "{\"soort\":\"brief\"}"), 400);
        assertProblem(api.json(CONSULTANT, "POST", A + "/waarderingsbrieven/voorbeeld", "{\"soort\":\"afwijzing\"}"),
                403);
    }

    private byte[] previewPdf(String body) {
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                        + HTTP_PORT + "/api/v1" + A + "/waarderingsbrieven/voorbeeld"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((ADMIN + ":"
                        + Api.DEMO_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").header("Accept", "application/pdf")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(req,
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), 200, r.statusCode());
            return r.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void aCitizenDownloadsTheirOwnLetterAndASecondCitizenProbingItGets404() throws Exception {
        Citizens.Session first = Citizens.signIn(Citizens.FIRST);
        Citizens.Session second = Citizens.signIn(Citizens.SECOND);
        Api.Res applied = api.sendWith(first.headers(), "POST", MINE, "application/json", "{\"jaar\":" + YEAR
                + ",\"toestemming\":true,\"mantelzorger\":{\"naam\":{\"voornaam\":\"Lotte\",\"achternaam\":\"Brieflezer\"},"
                + "\"geboortedatum\":\"1971-06-15\",\"adres\":{\"straat\":\"Damrak\",\"huisnummer\":5,\"postcode\":"
                + "\"1012LG\",\"woonplaats\":\"Amsterdam\"},\"woontInGemeente\":true,\"iban\":\"NL91ABNA0417164300\"},"
                + "\"zorgrelatie\":{\"zorgvrager\":{\"naam\":\"Moeder Brieflezer\",\"woontInGemeente\":true},"
                + "\"relatie\":\"ouder\",\"zorgSinds\":\"2022-01-01\",\"urenPerWeek\":12,\"soortenZorg\":[\"vervoer\"]}}");
        assertEquals(applied.toString(), 201, applied.status());
        String id = applied.json().path("id").asText();
        JsonNode mine = api.sendWith(first.headers(), "GET", MINE + "/" + id, null, null).json();
        assertEquals(mine.toString(), 1, mine.path("brieven").size());
        String letterId = mine.path("brieven").get(0).path("id").asText();
        String path = MINE + "/" + id + "/brieven/" + letterId;
        byte[] pdf = LetterPdfs.get(null, first.cookieOnly(), path);
        LetterPdfs.assertContains(LetterPdfs.text(pdf), "Brieflezer", "€ 200,00", "bezwaar maken");
        // the same stored letter the consultant downloads
        assertTrue(java.util.Arrays.equals(pdf, LetterPdfs.get(CONSULTANT, Map.of(), A + "/waarderingsaanvragen/" + id
                + "/brieven/" + letterId)));
        // a second citizen: 404 for the letter and the list, nothing revealed
        assertProblem(api.sendWith(second.cookieOnly(), "GET", path, null, null), 404);
        assertProblem(api.sendWith(second.headers(), "GET", MINE + "/" + id, null, null), 404);
        // the citizen's read is audited with their pseudonym, never the BSN
        JsonNode log = api.get(AUDITOR, A + "/logboek?gegevenId=" + letterId
                + "&verwerkingsactiviteit=waarderingsbrief.lezen").json();
        assertTrue(log.toString(), log.path("resultaten").size() >= 2);
        assertFalse(log.toString(), log.toString().contains(Citizens.FIRST_BSN));
    }

    /**
     * Letters per second for 1,000 decisions over HTTP: 1,000 applications by a consultant, each decided at once by
     * the rules (granted), each with its letter rendered as PDF/A and stored in the same request, from 4 clients.
     * On demand only: {@code -Dmantelkring.benchmark=true}. Prints the figure to the container's stdout and log.
     */
    @Test
    public void lettersPerSecondFor1000Decisions() throws Exception {
        org.junit.Assume.assumeTrue(Boolean.getBoolean("mantelkring.benchmark"));
        int n = 1000;
        java.util.List<String[]> caregivers = new java.util.ArrayList<>();
        for (int i = 0; i < n + 50; i++) {
            caregivers.add(caregiver("12"));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            // warm-up: 50 decisions, not counted
            for (String[] c : caregivers.subList(n, n + 50)) {
                apply(c);
            }
            long start = System.nanoTime();
            java.util.List<java.util.concurrent.Future<JsonNode>> done = new java.util.ArrayList<>();
            for (String[] c : caregivers.subList(0, n)) {
                done.add(pool.submit(() -> apply(c)));
            }
            for (java.util.concurrent.Future<JsonNode> f : done) {
                assertEquals("toegekend", f.get().path("status").asText());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String line = String.format(java.util.Locale.ROOT, "LETTERS BENCHMARK: %d decisions with their letter in"
                    + " %.1f s = %.1f letters/s (4 clients, after 50 warm-up decisions)", n, seconds, n / seconds);
            System.out.println(line);
            org.slf4j.LoggerFactory.getLogger(LettersIT.class).info(line);
            JsonNode last = letters(done.get(n - 1).get().path("id").asText());
            assertEquals(1, last.size());
        } finally {
            pool.shutdown();
        }
    }
}

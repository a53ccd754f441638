package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The registration module's part of the loket over real HTTP, with real DigiD test citizens from the build's
 * Keycloak: the anonymous self-check (outcome, an anonymous count, nothing about the person; bad input counts
 * nothing) and "Mijn gegevens" ({@code burgers/gemeenten/{code}/mantelzorgers/ik}): read, change, export, consent,
 * saved self-check, erasure request; a second citizen gets 404 and changes nothing; every citizen operation is
 * audited with the pseudonym; staff credentials do not reach a citizen operation.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoketRegistrationIT extends MantelkringTestSupport {

    private static final String CODE = "GM0363";
    private static final String A = "/gemeenten/" + CODE;
    private static final String MINE = "/burgers/gemeenten/" + CODE + "/mantelzorgers/ik";
    private static final String CONSULENT = "consulent-amsterdam";
    private static final String BEHEERDER = "beheerder-amsterdam";
    private static final String AUDITOR = "auditor-amsterdam";
    private static final String FIRST = "burger.substantieel";
    private static final String FIRST_BSN = "999993653";
    private static final String SECOND = "burger.tweede";
    private static final String SECOND_BSN = "999990627";

    @Inject
    private FeaturesService features;

    @Inject
    @Filter("(dataSourceName=mantelkring)")
    private DataSource dataSource;

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.addAll(citizenOidc());
        return options.toArray(Option[]::new);
    }

    @Before
    public void installAndEnable() throws Exception {
        if (!features.isInstalled(features.getFeature("mantelkring-registration"))) {
            features.installFeature("mantelkring-registration");
        }
        api.await(BEHEERDER, A + "/modules/registration", 200);
        assertEquals(200, api.json(BEHEERDER, "PUT", A + "/modules/registration",
                "{\"ingeschakeld\":true,\"reden\":\"integratietest\"}").status());
        assertEquals(200, api.json(BEHEERDER, "PUT", A + "/beleid/registratie.bsn",
                "{\"waarde\":{\"mantelzorger\":\"optioneel\",\"zorgvrager\":\"optioneel\"},\"reden\":\"loket\"}")
                .status());
        api.await(null, A + "/zelftests/vragenlijst", 200);
    }

    private static String answers(String burden, String capacity) {
        return "{\"tijd-voor-mezelf\":\"" + burden + "\",\"hele-dag\":\"" + burden + "\",\"lichamelijk\":\"" + burden
                + "\",\"slaap\":\"" + burden + "\",\"werk-en-sociaal\":\"" + burden + "\",\"zorgen\":\"" + burden
                + "\",\"overdragen\":\"" + capacity + "\",\"steun\":\"" + capacity + "\"}";
    }

    private long rows(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long counted(String outcome, String pc4) throws Exception {
        return rows("select coalesce(sum(checks), 0) from registration_selfcheck_count where tenant = ? and"
                + " taken_on = ? and outcome = ? and pc4 = ?", CODE, LocalDate.now(ZoneId.of("Europe/Amsterdam")),
                outcome, pc4);
    }

    /** The caregiver id of a BSN, registered by the consultant first when needed. */
    private String registered(String bsn, String first) {
        Api.Res found = api.json(CONSULENT, "POST", A + "/mantelzorgers/zoekopdrachten", "{\"bsn\":\"" + bsn + "\"}");
        assertEquals(found.toString(), 200, found.status());
        if (found.json().path("resultaten").size() == 1) {
            return found.json().path("resultaten").path(0).path("id").asText();
        }
        Api.Res r = api.json(CONSULENT, "POST", A + "/mantelzorgers", "{\"naam\":{\"voornaam\":\"" + first
                + "\",\"achternaam\":\"Burger\"},\"geboortedatum\":\"1975-03-0" + (first.length() % 9 + 1) + "\","
                + "\"adres\":{\"straat\":\"Dam\",\"huisnummer\":" + first.length() + ",\"postcode\":\"1012 JS\","
                + "\"woonplaats\":\"Amsterdam\"},\"email\":\"" + first.toLowerCase() + "@example.nl\","
                + "\"voorkeurskanaal\":\"e-mail\",\"bsn\":\"" + bsn + "\",\"toestemmingen\":[{\"doel\":\"waardering\","
                + "\"gegeven\":true,\"bron\":\"schriftelijk\"}]}");
        assertEquals(r.toString(), 201, r.status());
        return r.json().path("id").asText();
    }

    // ---- the anonymous self-check ----

    @Test
    public void anonymousSelfCheckAnswersAtOnceAndOnlyCounts() throws Exception {
        JsonNode q = api.get(null, A + "/zelftests/vragenlijst").json();
        assertEquals(8, q.path("vragen").size());
        assertFalse("no points for the public", q.toString().contains("punten"));

        long caregivers = rows("select count(*) from registration_caregiver");
        long checks = rows("select count(*) from registration_overload_check");
        long before = counted("rood", "3511");
        Api.Res r = api.json(null, "POST", A + "/zelftests", "{\"antwoorden\":" + answers("vaak", "nee")
                + ",\"postcode\":\"3511 AB\"}");
        assertEquals(r.toString(), 200, r.status());
        assertEquals("rood", r.json().path("uitkomst").asText());
        assertEquals(16, r.json().path("score").asInt());
        assertEquals(8, r.json().path("redenen").size());
        assertFalse(r.json().path("advies").path("stappen").isEmpty());
        assertTrue(r.json().path("advies").path("respijtsoorten").toString().contains("logeerzorg"));
        assertTrue(r.json().path("contact").path("naam").isTextual());
        assertEquals(before + 1, counted("rood", "3511"));
        // nothing about the person: no registration, no check, no cookie, no audit entry
        assertEquals(caregivers, rows("select count(*) from registration_caregiver"));
        assertEquals(checks, rows("select count(*) from registration_overload_check"));
        assertEquals(null, r.header("Set-Cookie"));

        long green = counted("groen", "");
        assertEquals(200, api.json(null, "POST", A + "/zelftests", "{\"antwoorden\":" + answers("nee", "ja") + "}")
                .status());
        assertEquals(green + 1, counted("groen", ""));
    }

    @Test
    public void badSelfCheckInputIsAProblemNamingTheFieldAndCountsNothing() throws Exception {
        long total = rows("select coalesce(sum(checks), 0) from registration_selfcheck_count");
        JsonNode p = assertProblem(api.json(null, "POST", A + "/zelftests",
                "{\"antwoorden\":{\"slaap\":\"altijd\"},\"postcode\":\"12\"}"), 400);
        Set<String> named = new TreeSet<>();
        p.path("invalidParams").forEach(v -> named.add(v.path("name").asText()));
        assertTrue(named.toString(), named.containsAll(Set.of("postcode", "antwoorden.slaap", "antwoorden.zorgen")));
        assertProblem(api.json(null, "POST", A + "/zelftests", "{\"antwoorden\":" + answers("nee", "ja")
                + ",\"bsn\":\"" + FIRST_BSN + "\"}"), 400);
        assertProblem(api.send(null, "POST", A + "/zelftests", "application/json", "{\"antwoorden\":"), 400);
        assertEquals(total, rows("select coalesce(sum(checks), 0) from registration_selfcheck_count"));
        // an unknown municipality is not found, as for staff
        assertProblem(api.json(null, "POST", "/gemeenten/GM9999/zelftests", "{\"antwoorden\":" + answers("nee", "ja")
                + "}"), 404);
    }

    // ---- "Mijn gegevens" ----

    @Test
    public void citizenReadsChangesExportsAndAsksForErasureOfTheirOwnRegistration() throws Exception {
        String id = registered(FIRST_BSN, "Eerste");
        Citizens.Session s = Citizens.signIn(FIRST);

        Api.Res me = api.sendWith(s.headers(), "GET", MINE, null, null);
        assertEquals(me.toString(), 200, me.status());
        assertEquals(id, me.json().path("mantelzorger").path("id").asText());
        assertEquals("******653", me.json().path("mantelzorger").path("bsn").asText());
        assertFalse(me.body().contains(FIRST_BSN));
        assertTrue(me.json().path("toestemmingsdoelen").get(0).path("uitleg").isTextual());
        assertEquals("consulent", me.json().path("wisAfhandeling").asText());

        // contact details: without the CSRF token refused, bad input named, then changed (name untouched)
        String contact = "{\"adres\":{\"straat\":\"Kerkstraat\",\"huisnummer\":7,\"postcode\":\"1017gc\","
                + "\"woonplaats\":\"Amsterdam\"},\"email\":\"eerste@example.org\",\"telefoon\":\"0612345678\","
                + "\"voorkeurskanaal\":\"telefoon\"}";
        assertProblem(api.sendWith(s.cookieOnly(), "PUT", MINE + "/contactgegevens", "application/json", contact), 403);
        JsonNode bad = assertProblem(api.sendWith(s.headers(), "PUT", MINE + "/contactgegevens", "application/json",
                "{\"adres\":{\"huisnummer\":0,\"postcode\":\"x\"},\"email\":\"nope\"}"), 400);
        assertTrue(bad.toString(), bad.toString().contains("adres.postcode"));
        assertEquals("1012 JS", api.get(CONSULENT, A + "/mantelzorgers/" + id).json().path("adres").path("postcode")
                .asText());
        Api.Res changed = api.sendWith(s.headers(), "PUT", MINE + "/contactgegevens", "application/json", contact);
        assertEquals(changed.toString(), 200, changed.status());
        JsonNode staffView = api.get(CONSULENT, A + "/mantelzorgers/" + id).json();
        assertEquals("1017 GC", staffView.path("adres").path("postcode").asText());
        assertEquals("Eerste", staffView.path("naam").path("voornaam").asText());

        // IBAN with the staff validation
        assertProblem(api.sendWith(s.headers(), "PUT", MINE + "/iban", "application/json",
                "{\"iban\":\"NL00BANK0123456789\"}"), 400);
        Api.Res iban = api.sendWith(s.headers(), "PUT", MINE + "/iban", "application/json",
                "{\"iban\":\"NL91ABNA0417164300\"}");
        assertEquals(iban.toString(), "NL************4300", iban.json().path("iban").asText());

        // consent withdrawn, source digitaal
        Api.Res consent = api.sendWith(s.headers(), "POST", MINE + "/toestemmingen", "application/json",
                "{\"doel\":\"waardering\",\"gegeven\":false}");
        assertEquals(consent.toString(), 200, consent.status());
        assertFalse(api.get(CONSULENT, A + "/mantelzorgers/" + id + "/toestemmingen").json().path("actueel")
                .findValues("gegeven").stream().anyMatch(JsonNode::asBoolean));

        // the self-check saved as an overload check the consultant sees
        Api.Res saved = api.sendWith(s.headers(), "POST", MINE + "/belastingschecks", "application/json",
                "{\"antwoorden\":" + answers("soms", "soms") + "}");
        assertEquals(saved.toString(), 201, saved.status());
        String checkId = saved.json().path("id").asText();
        assertTrue(saved.header("Location").endsWith(MINE + "/belastingschecks/" + checkId));
        assertEquals(200, api.get(CONSULENT, A + "/mantelzorgers/" + id + "/belastingschecks/" + checkId).status());
        assertEquals(200, api.sendWith(s.headers(), "GET", MINE + "/belastingschecks/" + checkId, null, null)
                .status());

        // the right-of-access export, as a download
        Api.Res export = api.sendWith(s.headers(), "GET", MINE + "/inzage", null, null);
        assertEquals(export.toString(), 200, export.status());
        assertTrue(export.header("Content-Disposition").startsWith("attachment"));
        assertEquals(FIRST_BSN, export.json().path("registratie").path("gevoeligeGegevens").path("bsn").asText());

        // erasure: confirmation required; then queued for the consultant, who sees it
        assertProblem(api.sendWith(s.headers(), "POST", MINE + "/wisverzoeken", "application/json", "{}"), 400);
        Api.Res erase = api.sendWith(s.headers(), "POST", MINE + "/wisverzoeken", "application/json",
                "{\"bevestigd\":true,\"toelichting\":\"Ik zorg niet meer.\"}");
        assertEquals(erase.toString(), 202, erase.status());
        JsonNode queue = api.get(CONSULENT, A + "/wisverzoeken").json();
        assertTrue(queue.toString(), queue.path("resultaten").findValuesAsText("mantelzorgerId").contains(id));
        assertEquals(200, api.get(CONSULENT, A + "/mantelzorgers/" + id).status());

        // every citizen operation audited with the pseudonym, never the BSN
        JsonNode log = api.get(AUDITOR, A + "/logboek?betrokkene=" + id + "&paginaGrootte=100").json();
        Set<String> activities = new TreeSet<>();
        Set<String> actors = new TreeSet<>();
        for (JsonNode e : log.path("resultaten")) {
            assertFalse(e.toString(), e.toString().contains(FIRST_BSN));
            if (!e.path("gebruiker").asText().equals(CONSULENT) && !e.path("gebruiker").asText().equals(AUDITOR)) {
                activities.add(e.path("verwerkingsactiviteit").asText());
                actors.add(e.path("gebruiker").asText());
            }
        }
        assertTrue(activities.toString(), activities.containsAll(Set.of("mantelzorger.lezen", "mantelzorger.wijzigen",
                "mantelzorger.gevoelige-gegevens-wijzigen", "toestemming.vastleggen", "belastingscheck.vastleggen",
                "belastingscheck.lezen", "mantelzorger.inzage", "mantelzorger.wissen-verzoek")));
        assertEquals(actors.toString(), 1, actors.size());
        assertNotEquals(FIRST_BSN, actors.iterator().next());
    }

    @Test
    public void aSecondCitizenGets404EverywhereAndChangesNothing() throws Exception {
        String first = registered(FIRST_BSN, "Eerste");
        Citizens.Session one = Citizens.signIn(FIRST);
        Api.Res saved = api.sendWith(one.headers(), "POST", MINE + "/belastingschecks", "application/json",
                "{\"antwoorden\":" + answers("nee", "ja") + "}");
        assertEquals(saved.toString(), 201, saved.status());
        String checkId = saved.json().path("id").asText();
        String before = api.get(CONSULENT, A + "/mantelzorgers/" + first).body();

        Citizens.Session two = Citizens.signIn(SECOND);
        // not registered: a clear Dutch 404 on every operation, telling nothing about anyone else
        JsonNode p = assertProblem(api.sendWith(two.headers(), "GET", MINE, null, null), 404);
        assertTrue(p.toString(), p.path("detail").asText()
                .startsWith("U staat nog niet ingeschreven als mantelzorger bij deze gemeente."));
        String[][] probes = {
            {"GET", MINE, null},
            {"PUT", MINE + "/contactgegevens", "{\"adres\":{\"huisnummer\":1,\"postcode\":\"1012 JS\"}}"},
            {"PUT", MINE + "/iban", "{\"iban\":\"NL91ABNA0417164300\"}"},
            {"GET", MINE + "/inzage", null},
            {"POST", MINE + "/toestemmingen", "{\"doel\":\"nieuwsbrief\",\"gegeven\":true}"},
            {"POST", MINE + "/belastingschecks", "{\"antwoorden\":" + answers("nee", "ja") + "}"},
            {"GET", MINE + "/belastingschecks/" + checkId, null},
            {"POST", MINE + "/wisverzoeken", "{\"bevestigd\":true}"},
            // the staff path with the first citizen's id is no citizen operation at all
            {"GET", "/burgers/gemeenten/" + CODE + "/mantelzorgers/" + first, null},
            {"GET", "/burgers/gemeenten/" + CODE + "/mantelzorgers/" + first + "/inzage", null},
        };
        for (String[] probe : probes) {
            assertProblem(api.sendWith(two.headers(), probe[0], probe[1], probe[2] == null ? null : "application/json",
                    probe[2]), 404);
        }
        // registered too, the first one's check id is still not found
        registered(SECOND_BSN, "Tweede");
        assertProblem(api.sendWith(two.headers(), "GET", MINE + "/belastingschecks/" + checkId, null, null), 404);
        assertEquals(before, api.get(CONSULENT, A + "/mantelzorgers/" + first).body());
    }

    @Test
    public void citizenOperationsNeedACitizenSessionAndStaffCredentialsDoNotReachThem() throws Exception {
        assertProblem(api.get(null, A.replace("/gemeenten", "/burgers/gemeenten") + "/mantelzorgers/ik"), 401);
        Api.Res staff = api.get(CONSULENT, MINE);
        assertTrue(staff.toString(), staff.status() == 401 || staff.status() == 403);
        assertProblem(staff, staff.status());
        assertProblem(api.json(CONSULENT, "POST", MINE + "/wisverzoeken", "{\"bevestigd\":true}"), staff.status());
        // and a citizen session does not reach a staff operation
        Citizens.Session s = Citizens.signIn(FIRST);
        Api.Res staffOp = api.sendWith(s.headers(), "GET", A + "/wisverzoeken", null, null);
        assertEquals(staffOp.toString(), 401, staffOp.status());
    }

    /** The served document has the loket's operations with their security; saved for the build's ADR lint. */
    @Test
    public void servedDocumentDescribesTheLoketOperations() throws Exception {
        Api.Res doc = api.get(null, "/openapi.json");
        JsonNode paths = doc.json().path("paths");
        assertEquals("[]", paths.path(A.replace(CODE, "{gemeentecode}") + "/zelftests").path("post").path("security")
                .toString());
        assertEquals("[{\"burgerCookie\":[]}]", paths.path("/burgers/gemeenten/{gemeentecode}/mantelzorgers/ik")
                .path("get").path("security").toString());
        java.io.File dir = new java.io.File(System.getProperty("mantelkring.itest.dir"));
        dir.mkdirs();
        java.nio.file.Files.writeString(new java.io.File(dir, "openapi-loket-registration.json").toPath(), doc.body());
    }
}

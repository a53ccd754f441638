package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Objections over real HTTP (issue 19): an objection against a decision sets the status {@code bezwaar} and records
 * whether it came in time (a late one too, flagged); the decision on the objection is a new decision with its own
 * {@code herziening} letter; transitions that are not allowed answer 409 and bad input 400, changing nothing; the
 * yearly report counts the objections.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ObjectionsIT extends MantelkringTestSupport {

    private static final String A = "/gemeenten/GM0363";
    private static final String CONSULTANT = "consulent-amsterdam";
    private static final String ADMIN = "beheerder-amsterdam";
    private static final ZoneId NL = ZoneId.of("Europe/Amsterdam");
    private static final int YEAR = LocalDate.now(NL).getYear();
    private static int counter;

    @Inject
    private FeaturesService features;

    @Inject
    @Filter("(dataSourceName=mantelkring)")
    private DataSource dataSource;

    @Before
    public void installAndEnable() throws Exception {
        AppreciationFixtures.enable(api, features);
        AppreciationFixtures.rules(api, YEAR, "[\"consulent\"]", 150, true);
        api.await(CONSULTANT, A + "/waarderingsaanvragen", 200);
    }

    /** A caregiver {@code Bezwaarmaker<n>} with a relation of {@code hours}; returns {id, relationId, relation body}. */
    private String[] caregiver(String hours) {
        counter++;
        return AppreciationFixtures.caregiver(api, "Bezwaarmaker" + counter, 200 + counter, hours);
    }

    private String refusedApplication(String[] c) {
        return AppreciationFixtures.apply(api, c, YEAR).path("id").asText();
    }

    private JsonNode application(String id) {
        return api.get(CONSULTANT, A + "/waarderingsaanvragen/" + id).json();
    }

    private JsonNode objections(String id) {
        Api.Res r = api.get(CONSULTANT, A + "/waarderingsaanvragen/" + id + "/bezwaren");
        assertEquals(r.toString(), 200, r.status());
        return r.json().path("bezwaren");
    }

    private Api.Res object(String id, String body) {
        return api.json(CONSULTANT, "POST", A + "/waarderingsaanvragen/" + id + "/bezwaren", body);
    }

    private Api.Res decide(String id, String body) {
        return api.json(CONSULTANT, "POST", A + "/waarderingsaanvragen/" + id + "/beslissing-op-bezwaar", body);
    }

    private JsonNode report() {
        return api.get(CONSULTANT, A + "/waarderingsrapportages/" + YEAR).json().path("bezwaren");
    }

    @Test
    public void aGroundedObjectionAgainstARefusalGrantsWithItsOwnLetter() {
        JsonNode before = report();
        String[] c = caregiver("2");
        String id = refusedApplication(c);
        assertEquals("afgewezen", application(id).path("status").asText());
        String today = LocalDate.now(NL).toString();
        Api.Res o = object(id, "{\"ontvangenOp\":\"" + today + "\",\"gronden\":\"Ik zorg 10 uur per week.\"}");
        assertEquals(o.toString(), 201, o.status());
        assertTrue(o.json().path("tijdig").asBoolean());
        assertEquals(LocalDate.now(NL).plusWeeks(6).toString(), o.json().path("uiterlijk").asText());
        assertEquals("afgewezen", o.json().path("tegenBesluit").asText());
        assertTrue(o.header("Location").endsWith("/bezwaren/" + o.json().path("id").asText()));
        assertEquals("bezwaar", application(id).path("status").asText());
        assertEquals(1, api.get(CONSULTANT, A + "/waarderingsaanvragen?jaar=" + YEAR + "&status=bezwaar&paginaGrootte=100")
                .json().path("resultaten").findValuesAsText("id").stream().filter(id::equals).count());

        // the rules still refuse: 409 with the reasons, nothing changed
        JsonNode refused = assertProblem(decide(id, "{\"uitkomst\":\"gegrond\",\"motivering\":\"Klopt.\"}"), 409);
        assertTrue(refused.toString(), refused.path("type").asText().endsWith("niet-toekenbaar"));
        assertEquals("bezwaar", application(id).path("status").asText());
        assertTrue(objections(id).get(0).path("uitkomst").isMissingNode()
                || objections(id).get(0).path("uitkomst").isNull());

        // the registration is corrected; the objection is grounded: re-evaluated, granted, a herziening letter
        Api.Res put = api.json(CONSULTANT, "PUT", A + "/mantelzorgers/" + c[0] + "/zorgrelaties/" + c[1],
                c[2].formatted("10"));
        assertEquals(put.toString(), 200, put.status());
        Api.Res d = decide(id, "{\"uitkomst\":\"gegrond\",\"motivering\":\"U zorgt 10 uur per week; dat is genoeg.\"}");
        assertEquals(d.toString(), 200, d.status());
        assertEquals("toegekend", d.json().path("status").asText());
        JsonNode letters = api.get(CONSULTANT, A + "/waarderingsaanvragen/" + id + "/brieven").json().path("brieven");
        assertEquals(letters.toString(), 2, letters.size());
        assertEquals("herziening", letters.get(1).path("soort").asText());
        String letterId = letters.get(1).path("id").asText();
        assertEquals(letterId, objections(id).get(0).path("briefId").asText());
        String text = LetterPdfs.text(LetterPdfs.get(CONSULTANT, Map.of(), A + "/waarderingsaanvragen/" + id
                + "/brieven/" + letterId));
        LetterPdfs.assertContains(text, "Bezwaarmaker", "Uw bezwaar is gegrond", "U zorgt 10 uur per week; dat is"
                + " genoeg.", "€ 150,00", "bankrekening", "beroep", "rechtbank");

        // after the decision on the objection: appeal to court, not a second objection (409, nothing changed)
        JsonNode again = assertProblem(object(id, "{\"ontvangenOp\":\"" + today + "\",\"gronden\":\"Nog eens.\"}"), 409);
        assertTrue(again.toString(), again.path("type").asText().endsWith("al-beslist-op-bezwaar"));
        assertEquals(1, objections(id).size());
        assertEquals("toegekend", application(id).path("status").asText());

        JsonNode after = report();
        assertEquals(before.path("ontvangen").asInt() + 1, after.path("ontvangen").asInt());
        assertEquals(before.path("gegrond").asInt() + 1, after.path("gegrond").asInt());
        assertEquals(before.path("open").asInt(), after.path("open").asInt());
    }

    @Test
    public void aLateObjectionIsRecordedFlaggedAndAnUnfoundedOneKeepsTheDecision() throws Exception {
        JsonNode before = report();
        String id = refusedApplication(caregiver("3"));
        // the decision was sent ten weeks ago
        LocalDate sent = LocalDate.now(NL).minusWeeks(10);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update appreciation_application set decided_at = ? where id = ?")) {
            ps.setObject(1, sent.atTime(10, 0).atZone(NL).toOffsetDateTime());
            ps.setString(2, id);
            assertEquals(1, ps.executeUpdate());
        }
        Api.Res o = object(id, "{\"ontvangenOp\":\"" + LocalDate.now(NL) + "\",\"gronden\":\"Ik was op vakantie.\"}");
        assertEquals(o.toString(), 201, o.status());
        assertFalse(o.json().toString(), o.json().path("tijdig").asBoolean());
        assertEquals(sent.plusWeeks(6).toString(), o.json().path("uiterlijk").asText());
        assertEquals(report().path("open").asInt(), before.path("open").asInt() + 1);
        assertEquals(report().path("teLaat").asInt(), before.path("teLaat").asInt() + 1);

        Api.Res d = decide(id, "{\"uitkomst\":\"ongegrond\",\"motivering\":\"Het bezwaar kwam te laat binnen.\"}");
        assertEquals(d.toString(), 200, d.status());
        assertEquals("afgewezen", d.json().path("status").asText());
        JsonNode letters = api.get(CONSULTANT, A + "/waarderingsaanvragen/" + id + "/brieven").json().path("brieven");
        assertEquals("herziening", letters.get(1).path("soort").asText());
        LetterPdfs.assertContains(LetterPdfs.text(LetterPdfs.get(CONSULTANT, Map.of(), A + "/waarderingsaanvragen/"
                + id + "/brieven/" + letters.get(1).path("id").asText())), "Uw bezwaar is ongegrond",
                "Het bezwaar kwam te laat binnen.", "U krijgt de mantelzorgwaardering niet");
        JsonNode after = report();
        assertEquals(before.path("ongegrond").asInt() + 1, after.path("ongegrond").asInt());
        assertEquals(before.path("open").asInt(), after.path("open").asInt());
    }

    @Test
    public void badInputAndForbiddenTransitionsAnswer4xxAndChangeNothing() {
        String[] c = caregiver("12");
        JsonNode granted = AppreciationFixtures.apply(api, c, YEAR);
        String id = granted.path("id").asText();
        assertEquals("toegekend", granted.path("status").asText());
        String today = LocalDate.now(NL).toString();

        // bad input: 400 naming the fields
        JsonNode bad = assertProblem(object(id, "{\"ontvangenOp\":\"gisteren\"}"), 400);
        Set<String> fields = new HashSet<>();
        bad.path("invalidParams").forEach(p -> fields.add(p.path("name").asText()));
        assertEquals(bad.toString(), Set.of("ontvangenOp", "gronden"), fields);
        assertProblem(object(id, "{\"ontvangenOp\":\"" + LocalDate.now(NL).plusDays(1) + "\",\"gronden\":\"x\"}"), 400);
        assertProblem(object(id, "{\"ontvangenOp\":\"" + LocalDate.now(NL).minusYears(1) + "\",\"gronden\":\"x\"}"),
                400);
        assertProblem(object(id, "[]"), 400);
        assertProblem(object("niet-een-id", "{\"ontvangenOp\":\"" + today + "\",\"gronden\":\"x\"}"), 400);
        assertProblem(object("00000000-0000-4000-8000-000000000000", "{\"ontvangenOp\":\"" + today
                + "\",\"gronden\":\"x\"}"), 404);
        // no objection pending: a decision on it is 409
        assertProblem(decide(id, "{\"uitkomst\":\"ongegrond\",\"motivering\":\"x\"}"), 409);
        assertEquals(0, objections(id).size());
        assertEquals("toegekend", application(id).path("status").asText());

        Api.Res o = object(id, "{\"ontvangenOp\":\"" + today + "\",\"gronden\":\"Het bedrag is te laag.\"}");
        assertEquals(o.toString(), 201, o.status());
        assertEquals("toegekend", o.json().path("tegenBesluit").asText());
        // one objection at a time; a decision on it needs a valid outcome and motivation
        assertProblem(object(id, "{\"ontvangenOp\":\"" + today + "\",\"gronden\":\"Nog een.\"}"), 409);
        JsonNode badDecision = assertProblem(decide(id, "{\"uitkomst\":\"misschien\"}"), 400);
        fields.clear();
        badDecision.path("invalidParams").forEach(p -> fields.add(p.path("name").asText()));
        assertEquals(badDecision.toString(), Set.of("uitkomst", "motivering"), fields);
        // a grant cannot be revised here
        assertProblem(decide(id, "{\"uitkomst\":\"gegrond\",\"motivering\":\"Meer geld.\"}"), 409);
        assertEquals("bezwaar", application(id).path("status").asText());
        assertEquals(1, objections(id).size());
        assertEquals(1, api.get(CONSULTANT, A + "/waarderingsaanvragen/" + id + "/brieven").json().path("brieven")
                .size());
        // the bad requests were audited as refused; the consultant without a role elsewhere sees nothing
        assertProblem(api.get("consulent-utrecht", A + "/waarderingsaanvragen/" + id + "/bezwaren"), 404);
        assertProblem(api.json(ADMIN, "POST", A + "/waarderingsaanvragen/" + id + "/bezwaren", "{\"ontvangenOp\":\""
                + today + "\",\"gronden\":\"x\"}"), 403);
    }
}

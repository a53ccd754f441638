package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

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
 * The appreciation at the loket over real HTTP, with citizens signed in at the build's Keycloak (realm digid): the
 * year explained (anonymous), applying with the registration made in the same step and evaluated at once, the
 * consultant's queue with the channel and the decision, the citizen reading the decision, next year's prefilled
 * renewal, a second citizen probing the first one's ids, staff credentials refused, bad input storing nothing, and
 * the audit entries with the citizen's pseudonym as actor.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoketAppreciationIT extends MantelkringTestSupport {

    private static final String A = "/gemeenten/GM0363";
    private static final String MINE = "/burgers/gemeenten/GM0363/waarderingsaanvragen";
    private static final String CONSULTANT = "consulent-amsterdam";
    private static final String BSN = "999993653";
    private static final int YEAR = LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear();

    @Inject
    private FeaturesService features;

    @Override
    @Configuration
    public Option[] config() {
        java.util.List<Option> options = new java.util.ArrayList<>(java.util.Arrays.asList(super.config()));
        options.addAll(citizenOidc());
        return options.toArray(new Option[0]);
    }

    @Before
    public void installAndEnable() throws Exception {
        if (!features.isInstalled(features.getFeature("mantelkring-appreciation"))) {
            features.installFeature("mantelkring-appreciation");
        }
        api.await("beheerder-amsterdam", A + "/modules/appreciation", 200);
        for (String module : new String[] {"registration", "appreciation"}) {
            Api.Res r = api.json("beheerder-amsterdam", "PUT", A + "/modules/" + module,
                    "{\"ingeschakeld\":true,\"reden\":\"integratietest\"}");
            assertEquals(r.toString(), 200, r.status());
        }
        // this year: open all year, a consultant decides; 2019: the window is over
        policy(YEAR, "{\"aanvraagperiode\":{\"van\":\"" + YEAR + "-01-01\",\"totEnMet\":\"" + YEAR + "-12-31\"},"
                + "\"aanvragers\":[\"mantelzorger\",\"consulent\"],\"uitkering\":{\"soort\":\"vast\",\"bedrag\":200},"
                + "\"automatischToekennen\":false,"
                + "\"voorwaarden\":{\"minimaleUrenPerWeek\":8,\"minimaleDuurMaanden\":3,\"woonplaats\":\"mantelzorger\"}}");
        policy(2019, "{\"aanvraagperiode\":{\"van\":\"2019-01-01\",\"totEnMet\":\"2019-12-31\"},"
                + "\"aanvragers\":[\"mantelzorger\"],\"uitkering\":{\"soort\":\"vast\",\"bedrag\":100}}");
        api.await(null, A + "/waarderingsregelingen/" + YEAR, 200);
    }

    private void policy(int year, String value) {
        Api.Res r = api.json("beheerder-amsterdam", "PUT", A + "/beleid/waardering.regels",
                "{\"waarde\":" + value + ",\"jaar\":" + year + ",\"reden\":\"integratietest\"}");
        assertEquals(r.toString(), 200, r.status());
    }

    private static String application(int year, String hours, String extra) {
        return "{\"jaar\":" + year + ",\"toestemming\":true,\"mantelzorger\":{\"naam\":{\"voornaam\":\"Lotte\","
                + "\"achternaam\":\"Loket\"},\"geboortedatum\":\"1971-06-15\",\"adres\":{\"straat\":\"Damrak\","
                + "\"huisnummer\":5,\"postcode\":\"1012LG\",\"woonplaats\":\"Amsterdam\"},\"email\":\"lotte@example.nl\","
                + "\"voorkeurskanaal\":\"e-mail\",\"woontInGemeente\":true,\"iban\":\"NL91ABNA0417164300\"" + extra
                + "},\"zorgrelatie\":{\"zorgvrager\":{\"naam\":\"Moeder Loket\",\"woontInGemeente\":true},"
                + "\"relatie\":\"ouder\",\"zorgSinds\":\"2022-01-01\",\"urenPerWeek\":" + hours
                + ",\"soortenZorg\":[\"begeleiding\",\"vervoer\"]}}";
    }

    private Api.Res post(Citizens.Session s, String path, String json) {
        return api.sendWith(s.headers(), "POST", path, "application/json", json);
    }

    private Api.Res get(Citizens.Session s, String path) {
        return api.sendWith(s.headers(), "GET", path, null, null);
    }

    @Test
    public void theYearIsExplainedToAnyoneAndAYearWithoutRulesIsNotFound() {
        Api.Res r = api.get(null, A + "/waarderingsregelingen/" + YEAR);
        assertEquals(r.toString(), 200, r.status());
        JsonNode d = r.json();
        assertTrue(d.toString(), d.path("aanvraagperiode").path("open").asBoolean());
        assertTrue(d.toString(), d.path("aanvragenBijLoket").asBoolean());
        Set<String> rules = new HashSet<>();
        d.path("voorwaarden").forEach(v -> rules.add(v.path("regel").asText()));
        assertTrue(rules.toString(), rules.containsAll(Set.of("woonplaats", "uren", "duur", "eenmaalPerJaar")));
        assertTrue(d.toString(), d.path("bedrag").get(0).asText().contains("€ 200,00"));
        JsonNode closed = api.get(null, A + "/waarderingsregelingen/2019").json();
        assertFalse(closed.path("aanvraagperiode").path("open").asBoolean());
        assertEquals("voorbij", closed.path("aanvraagperiode").path("stand").asText());
        assertProblem(api.get(null, A + "/waarderingsregelingen/2020"), 404);
        assertProblem(api.get(null, A + "/waarderingsregelingen/twintig"), 400);
    }

    @Test
    public void aCitizenAppliesTheConsultantDecidesTheCitizenSeesItAndNextYearIsPrefilled() throws Exception {
        Citizens.Session lotte = Citizens.signIn(Citizens.FIRST);
        Citizens.Session other = Citizens.signIn(Citizens.SECOND);

        // bad input: 400 problem+json naming the fields, and nothing stored (no registration either)
        JsonNode bad = assertProblem(post(lotte, MINE, application(YEAR, "-3", ",\"bsn\":\"" + BSN + "\"")
                .replace("\"toestemming\":true", "\"toestemming\":false")), 400);
        Set<String> fields = new HashSet<>();
        bad.path("invalidParams").forEach(p -> fields.add(p.path("name").asText()));
        assertTrue(bad.toString(), fields.contains("toestemming"));
        JsonNode bad2 = assertProblem(post(lotte, MINE, application(YEAR, "-3", ",\"bsn\":\"" + BSN + "\"")), 400);
        fields.clear();
        bad2.path("invalidParams").forEach(p -> fields.add(p.path("name").asText()));
        assertTrue(bad2.toString(), fields.containsAll(Set.of("mantelzorger.bsn", "zorgrelatie.urenPerWeek")));
        assertEquals(0, get(lotte, MINE).json().path("resultaten").size());
        assertProblem(get(lotte, MINE + "/concepten/" + YEAR), 404);     // no registration was made
        assertEquals(0, api.get(CONSULTANT, A + "/mantelzorgers?naam=Loket").json().path("paginering")
                .path("totaal").asInt());
        // outside the window: a clear 409, nothing stored
        JsonNode late = assertProblem(post(lotte, MINE, application(2019, "12", "")), 409);
        assertTrue(late.toString(), late.path("type").asText().endsWith("buiten-aanvraagperiode"));
        assertEquals(0, get(lotte, MINE).json().path("resultaten").size());

        // the citizen applies: registered in the same step, evaluated at once, waiting for the consultant
        Api.Res applied = post(lotte, MINE, application(YEAR, "12", ""));
        assertEquals(applied.toString(), 201, applied.status());
        JsonNode a = applied.json();
        String id = a.path("id").asText();
        assertEquals(a.toString(), "ingediend", a.path("status").asText());
        assertEquals("toekenbaar", a.path("beoordeling").asText());
        assertEquals("loket", a.path("aanvraagkanaal").asText());
        assertTrue(a.toString(), a.path("regels").size() >= 5);
        a.path("regels").forEach(r -> assertTrue(r.toString(), r.path("voldaan").asBoolean()
                && !r.path("toelichting").asText().isBlank()));

        // the consultant's queue: the loket application with its channel, filtered; the registration with consent
        JsonNode queue = api.get(CONSULTANT, A + "/waarderingsaanvragen?jaar=" + YEAR + "&aanvraagkanaal=loket")
                .json();
        assertEquals(queue.toString(), 1, queue.path("resultaten").size());
        JsonNode inQueue = queue.path("resultaten").get(0);
        assertEquals(id, inQueue.path("id").asText());
        assertEquals("loket", inQueue.path("aanvraagkanaal").asText());
        assertEquals(0, api.get(CONSULTANT, A + "/waarderingsaanvragen?jaar=" + YEAR + "&aanvraagkanaal=balie").json()
                .path("resultaten").size());
        String caregiverId = inQueue.path("mantelzorgerId").asText();
        JsonNode registered = api.get(CONSULTANT, A + "/mantelzorgers/" + caregiverId).json();
        assertEquals("Loket", registered.path("naam").path("achternaam").asText());
        assertEquals(1, registered.path("zorgrelaties").size());
        boolean consent = false;
        for (JsonNode c : registered.path("toestemmingen").path("actueel")) {
            consent |= "waardering".equals(c.path("doel").asText()) && c.path("gegeven").asBoolean();
        }
        assertTrue(registered.toString(), consent);
        assertProblem(api.get(CONSULTANT, A + "/waarderingsaanvragen?aanvraagkanaal=post"), 400);

        // the consultant decides; the citizen sees the decision
        Api.Res decided = api.json(CONSULTANT, "POST", A + "/waarderingsaanvragen/" + id + "/besluit",
                "{\"besluit\":\"toekennen\",\"reden\":\"Voldoet aan alle voorwaarden.\"}");
        assertEquals(decided.toString(), 200, decided.status());
        JsonNode seen = get(lotte, MINE + "/" + id).json();
        assertEquals(seen.toString(), "toegekend", seen.path("status").asText());
        assertEquals("Voldoet aan alle voorwaarden.", seen.path("besluitReden").asText());
        assertEquals(0, new java.math.BigDecimal("200").compareTo(seen.path("bedrag").decimalValue()));
        assertEquals("geld", seen.path("uitbetaalwijze").asText());
        JsonNode mine = get(lotte, MINE).json();
        assertEquals(1, mine.path("resultaten").size());
        assertEquals("toegekend", mine.path("resultaten").get(0).path("status").asText());
        JsonNode report = api.get(CONSULTANT, A + "/waarderingsrapportages/" + YEAR).json();
        boolean counted = false;
        for (JsonNode line : report.path("perAanvraagkanaal")) {
            counted |= "loket".equals(line.path("sleutel").asText()) && line.path("aanvragen").asInt() == 1
                    && line.path("toegekend").asInt() == 1;
        }
        assertTrue(report.toString(), counted);

        // a second citizen with the first one's ids: 404, and nothing changes
        assertProblem(get(other, MINE + "/" + id), 404);
        assertEquals(0, get(other, MINE).json().path("resultaten").size());
        assertProblem(get(other, MINE + "/concepten/" + YEAR), 404);
        assertEquals(seen, get(lotte, MINE + "/" + id).json());

        // staff credentials never reach a citizen operation
        assertEquals(401, api.get(CONSULTANT, MINE).status());
        assertEquals(401, api.json(CONSULTANT, "POST", MINE, application(YEAR, "12", "")).status());

        // the audit log: the citizen's pseudonym as actor (never the BSN), role burger; the application (201) as
        // record; the list names the caregiver the session's BSN led to (Citizen.concerns)
        JsonNode log = api.get("auditor-amsterdam", "/gemeenten/GM0363/logboek?gegevenId=" + id
                + "&verwerkingsactiviteit=waarderingsaanvraag.indienen").json();
        assertEquals(log.toString(), 1, log.path("resultaten").size());
        String pseudonym = log.path("resultaten").get(0).path("gebruiker").asText();
        assertFalse(pseudonym.isBlank());
        assertFalse(log.toString(), log.toString().contains(BSN));
        assertTrue(log.toString(), log.path("resultaten").get(0).path("rollen").toString().contains("burger"));
        JsonNode registration = api.get("auditor-amsterdam", "/gemeenten/GM0363/logboek?gegevenId=" + caregiverId
                + "&verwerkingsactiviteit=mantelzorger.registreren").json();
        assertEquals(registration.toString(), pseudonym, registration.path("resultaten").get(0).path("gebruiker")
                .asText());
        JsonNode reads = api.get("auditor-amsterdam", "/gemeenten/GM0363/logboek?gegevenId=" + id
                + "&verwerkingsactiviteit=waarderingsaanvraag.lezen").json();
        assertTrue(reads.toString(), reads.path("resultaten").size() >= 1);
        JsonNode lists = api.get("auditor-amsterdam", "/gemeenten/GM0363/logboek?betrokkene=" + caregiverId
                + "&verwerkingsactiviteit=waarderingsaanvraag.zoeken").json();
        assertTrue(lists.toString(), lists.path("resultaten").size() >= 1);
        lists.path("resultaten").forEach(e -> assertEquals(pseudonym, e.path("gebruiker").asText()));

        // next year: the renewal is prefilled from this application and the registration; confirmed in one step
        policy(YEAR + 1, "{\"aanvraagperiode\":{\"van\":\"" + LocalDate.now(ZoneId.of("Europe/Amsterdam"))
                + "\",\"totEnMet\":\"" + (YEAR + 1) + "-12-31\"},\"aanvragers\":[\"mantelzorger\"],"
                + "\"uitkering\":{\"soort\":\"vast\",\"bedrag\":250},\"voorwaarden\":{\"minimaleUrenPerWeek\":8}}");
        JsonNode draft = get(lotte, MINE + "/concepten/" + (YEAR + 1)).json();
        assertEquals(draft.toString(), id, draft.path("vorigeAanvraagId").asText());
        assertTrue(draft.path("rekeningnummerBekend").asBoolean());
        assertFalse(draft.path("alAangevraagd").asBoolean());
        JsonNode prefilled = draft.path("aanvraag");
        assertEquals("Loket", prefilled.path("mantelzorger").path("naam").path("achternaam").asText());
        assertEquals("lotte@example.nl", prefilled.path("mantelzorger").path("email").asText());
        assertEquals("Moeder Loket", prefilled.path("zorgrelatie").path("zorgvrager").path("naam").asText());
        assertFalse(prefilled.path("mantelzorger").has("iban"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) prefilled).put("toestemming", true);
        Api.Res renewed = post(lotte, MINE, prefilled.toString());
        assertEquals(renewed.toString(), 201, renewed.status());
        assertEquals(renewed.toString(), "toegekend", renewed.json().path("status").asText());
        assertEquals(YEAR + 1, renewed.json().path("jaar").asInt());
        assertTrue(get(lotte, MINE + "/concepten/" + (YEAR + 1)).json().path("alAangevraagd").asBoolean());
        // still one registration and one care relation
        assertEquals(1, api.get(CONSULTANT, A + "/mantelzorgers?naam=Loket").json().path("paginering")
                .path("totaal").asInt());
        assertEquals(1, api.get(CONSULTANT, A + "/mantelzorgers/" + caregiverId).json().path("zorgrelaties").size());
        assertNotEquals(id, renewed.json().path("id").asText());
        assertProblem(get(other, MINE + "/" + renewed.json().path("id").asText()), 404);
    }
}

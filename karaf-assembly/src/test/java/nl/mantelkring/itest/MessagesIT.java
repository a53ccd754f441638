package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The appreciation module's messages and the registration side of issue 19 in the real distribution, over HTTP,
 * with real SMTP (GreenMail, read through {@link Mailbox}): received on apply, information needed, invitations
 * (only consenting applicants of last year, once), the newsletter (only consenting caregivers), post instead of
 * e-mail, the template policy, erasure of a caregiver's messages, bad input (problem+json, nothing stored or sent)
 * and the audit trail.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MessagesIT extends MantelkringTestSupport {

    private static final String A = "/gemeenten/GM0363";
    private static final String B = "/gemeenten/GM0344";
    private static final String CONSULENT = "consulent-amsterdam";
    private static final String BEHEERDER = "beheerder-amsterdam";
    private static final String AUDITOR = "auditor-amsterdam";
    private static int counter;

    @Inject
    private FeaturesService features;

    @Before
    public void installAndEnable() throws Exception {
        if (!features.isInstalled(features.getFeature("mantelkring-appreciation"))) {
            features.installFeature("mantelkring-appreciation");
        }
        for (String[] t : new String[][] {{BEHEERDER, A}, {"beheerder-utrecht", B}}) {
            api.await(t[0], t[1] + "/modules/appreciation", 200);
            for (String module : new String[] {"registration", "appreciation"}) {
                Api.Res r = api.json(t[0], "PUT", t[1] + "/modules/" + module,
                        "{\"ingeschakeld\":true,\"reden\":\"integratietest\"}");
                assertEquals(r.toString(), 200, r.status());
            }
        }
        // 2026: decided by a consultant (so that an application waits for information); 2027: the window is open
        policy(BEHEERDER, A, 2026, "{\"aanvraagperiode\":{\"van\":\"2026-01-01\",\"totEnMet\":\"2026-12-31\"},"
                + "\"aanvragers\":[\"consulent\"],\"automatischToekennen\":false,"
                + "\"uitkering\":{\"soort\":\"vast\",\"bedrag\":200}}");
        policy(BEHEERDER, A, 2027, "{\"aanvraagperiode\":{\"van\":\"2027-01-01\",\"totEnMet\":\"2027-03-31\"},"
                + "\"aanvragers\":[\"consulent\"],\"automatischToekennen\":false,"
                + "\"uitkering\":{\"soort\":\"vast\",\"bedrag\":200}}");
        api.await(CONSULENT, A + "/waarderingsaanvragen", 200);
    }

    private void policy(String admin, String tenant, int year, String value) {
        Api.Res r = api.json(admin, "PUT", tenant + "/beleid/waardering.regels",
                "{\"waarde\":" + value + ",\"jaar\":" + year + ",\"reden\":\"integratietest\"}");
        assertEquals(r.toString(), 200, r.status());
    }

    /** A caregiver with one care relation: {id, relationId, e-mail address}. */
    private String[] caregiver(String tenant, String channel, String... consents) {
        counter++;
        String email = "mz" + counter + "-" + System.nanoTime() + "@example.org";
        StringBuilder c = new StringBuilder();
        for (String purpose : consents) {
            c.append(c.length() == 0 ? "" : ",").append("{\"doel\":\"").append(purpose)
                    .append("\",\"gegeven\":true,\"bron\":\"mondeling\"}");
        }
        Api.Res r = api.json(tenant.equals(A) ? CONSULENT : "consulent-utrecht", "POST", tenant + "/mantelzorgers",
                "{\"naam\":{\"voornaam\":\"Bericht" + counter + "\",\"achternaam\":\"Ontvanger\"},"
                        + "\"geboortedatum\":\"1970-04-0" + (1 + counter % 9) + "\",\"adres\":{\"straat\":\"Kerkstraat\","
                        + "\"huisnummer\":" + counter + ",\"postcode\":\"1012AB\",\"woonplaats\":\"Amsterdam\"},"
                        + "\"woontInGemeente\":true,\"email\":\"" + email + "\",\"voorkeurskanaal\":\"" + channel + "\""
                        + (consents.length == 0 ? "" : ",\"toestemmingen\":[" + c + "]") + "}");
        assertEquals(r.toString(), 201, r.status());
        String id = r.json().path("id").asText();
        Api.Res rel = api.json(tenant.equals(A) ? CONSULENT : "consulent-utrecht", "POST",
                tenant + "/mantelzorgers/" + id + "/zorgrelaties", "{\"zorgvrager\":{\"naam\":\"Zorgvrager " + counter
                        + "\",\"woontInGemeente\":true},\"relatie\":\"ouder\",\"zorgSinds\":\"2024-01-01\","
                        + "\"urenPerWeek\":10,\"soortenZorg\":[\"begeleiding\"]}");
        assertEquals(rel.toString(), 201, rel.status());
        return new String[] {id, rel.json().path("id").asText(), email};
    }

    private JsonNode apply(String[] c, int year) {
        Api.Res r = api.json(CONSULENT, "POST", A + "/waarderingsaanvragen", "{\"jaar\":" + year
                + ",\"mantelzorgerId\":\"" + c[0] + "\",\"zorgrelatieId\":\"" + c[1] + "\",\"aanvrager\":\"consulent\"}");
        assertEquals(r.toString(), 201, r.status());
        return r.json();
    }

    /** The caregiver's messages in the platform's list (the consultant's view). */
    private List<JsonNode> messages(String tenant, String caregiverId) {
        Api.Res r = api.get(tenant.equals(A) ? CONSULENT : "consulent-utrecht", tenant + "/berichten?betrokkene="
                + caregiverId + "&paginaGrootte=100");
        assertEquals(r.toString(), 200, r.status());
        List<JsonNode> out = new ArrayList<>();
        r.json().path("resultaten").forEach(out::add);
        return out;
    }

    /** Waits until the caregiver's messages satisfy the condition (a state; fails after two minutes). */
    private List<JsonNode> awaitMessages(String tenant, String caregiverId, Predicate<List<JsonNode>> condition) {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (true) {
            List<JsonNode> m = messages(tenant, caregiverId);
            if (condition.test(m)) {
                return m;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("messages of " + caregiverId + " never got there: " + m);
            }
            Thread.onSpinWait();
        }
    }

    private static boolean has(List<JsonNode> m, String kind, String status) {
        return m.stream().anyMatch(x -> kind.equals(x.path("soort").asText()) && status.equals(x.path("status").asText()));
    }

    private static Mailbox.Mail mail(List<Mailbox.Mail> mails, String subjectPart) {
        return mails.stream().filter(m -> m.subject().contains(subjectPart)).findFirst()
                .orElseThrow(() -> new AssertionError("no mail with '" + subjectPart + "' in " + mails));
    }

    private JsonNode audit(String activity) {
        return api.get(AUDITOR, A + "/logboek?verwerkingsactiviteit=" + activity + "&paginaGrootte=100").json();
    }

    @Test
    public void applyingSendsTheReceivedMessage() {
        String[] c = caregiver(A, "e-mail");
        JsonNode application = apply(c, 2026);
        List<Mailbox.Mail> mails = Mailbox.await(c[2], 1);
        Mailbox.Mail m = mail(mails, "We hebben uw aanvraag ontvangen");
        assertTrue(m.text(), m.text().startsWith("Beste Bericht" + counter + " Ontvanger,"));
        assertTrue(m.text(), m.text().contains(application.path("id").asText().substring(0, 8).toUpperCase(Locale.ROOT)));
        assertFalse("no BSN, IBAN or amount of others", m.text().matches("(?s).*\\d{9}.*|.*NL\\d\\d[A-Z]{4}.*"));
        List<JsonNode> list = awaitMessages(A, c[0], l -> has(l, "waardering.ontvangen", "verzonden"));
        JsonNode sent = list.stream().filter(x -> x.path("soort").asText().equals("waardering.ontvangen")).findFirst()
                .orElseThrow();
        assertEquals("e-mail", sent.path("kanaal").asText());
        assertEquals(c[0], sent.path("betrokkene").asText());
        // the platform audits the sending, with the caregiver as data subject
        JsonNode log = api.get(AUDITOR, A + "/logboek?betrokkene=" + c[0] + "&verwerkingsactiviteit=bericht.verzenden")
                .json();
        assertTrue(log.toString(), log.path("resultaten").size() >= 1);
    }

    @Test
    public void aConsultantAsksForInformationAndTheCaregiverHearsIt() {
        String[] c = caregiver(A, "e-mail");
        String id = apply(c, 2026).path("id").asText();
        Mailbox.await(c[2], 1);
        String path = A + "/waarderingsaanvragen/" + id + "/informatieverzoeken";
        // bad input: refused, nothing recorded, nothing sent
        assertProblem(api.json(CONSULENT, "POST", path, "{\"toelichting\":\"  \"}"), 400);
        assertProblem(api.json(CONSULENT, "POST", path, "{\"toelichting\":\"" + "x".repeat(2001) + "\"}"), 400);
        assertProblem(api.json(CONSULENT, "POST", A + "/waarderingsaanvragen/geen-id/informatieverzoeken",
                "{\"toelichting\":\"x\"}"), 400);
        assertProblem(api.json(CONSULENT, "POST", A + "/waarderingsaanvragen/" + java.util.UUID.randomUUID()
                + "/informatieverzoeken", "{\"toelichting\":\"x\"}"), 404);
        assertEquals(0, api.get(CONSULENT, path).json().path("paginering").path("totaal").asInt());
        assertEquals(1, messages(A, c[0]).size());

        Api.Res r = api.json(CONSULENT, "POST", path, "{\"toelichting\":\"Stuur ons een kopie van de indicatie.\\n"
                + "Dat kan per post of in het loket.\"}");
        assertEquals(r.toString(), 201, r.status());
        assertTrue(r.header("Location").endsWith("/informatieverzoeken/" + r.json().path("id").asText()));
        Mailbox.Mail m = mail(Mailbox.await(c[2], 2), "meer informatie nodig");
        assertTrue(m.text(), m.text().contains("Stuur ons een kopie van de indicatie.\nDat kan per post of in het loket."));
        JsonNode list = api.get(CONSULENT, path).json();
        assertEquals(1, list.path("paginering").path("totaal").asInt());
        assertEquals(r.json().path("berichtId").asText(), list.path("resultaten").get(0).path("berichtId").asText());
        assertTrue(audit("waarderingsaanvraag.informatie-vragen").path("resultaten").size() >= 1);

        // once decided, no more questions
        assertEquals(200, api.json(CONSULENT, "POST", A + "/waarderingsaanvragen/" + id + "/besluit",
                "{\"besluit\":\"afwijzen\",\"reden\":\"Test.\"}").status());
        assertProblem(api.json(CONSULENT, "POST", path, "{\"toelichting\":\"Nog iets.\"}"), 409);
        assertEquals(1, api.get(CONSULENT, path).json().path("paginering").path("totaal").asInt());
    }

    @Test
    public void onlyConsentingApplicantsOfLastYearAreInvitedAndOnlyOnce() {
        String[] newsletter = caregiver(A, "e-mail", "waardering", "nieuwsbrief");
        String[] contact = caregiver(A, "e-mail", "waardering", "contact-steunpunt");
        String[] none = caregiver(A, "e-mail", "waardering");
        String[] didNotApply = caregiver(A, "e-mail", "nieuwsbrief");
        for (String[] c : List.of(newsletter, contact, none)) {
            apply(c, 2026);
        }
        String trigger = A + "/waarderingsuitnodigingen/2027";
        assertProblem(api.json(CONSULENT, "POST", trigger, null), 403);
        assertProblem(api.json(BEHEERDER, "POST", A + "/waarderingsuitnodigingen/volgend-jaar", null), 400);
        Api.Res first = api.json(BEHEERDER, "POST", trigger, null);
        assertEquals(first.toString(), 200, first.status());
        assertEquals(first.toString(), 2, first.json().path("uitgenodigd").asInt());
        Api.Res again = api.json(BEHEERDER, "POST", trigger, null);
        assertEquals(0, again.json().path("uitgenodigd").asInt());
        for (String[] c : List.of(newsletter, contact)) {
            Mailbox.Mail m = mail(Mailbox.await(c[2], 2), "Vraag de mantelzorgwaardering 2027 aan");
            assertTrue(m.text(), m.text().contains("van 1 januari 2027 tot en met 31 maart 2027"));
            assertEquals(1, messages(A, c[0]).stream().filter(x -> x.path("soort").asText()
                    .equals("waardering.uitnodiging")).count());
        }
        assertTrue(messages(A, none[0]).stream().noneMatch(x -> x.path("soort").asText().equals("waardering.uitnodiging")));
        assertEquals(List.of(), messages(A, didNotApply[0]));
        assertTrue(audit("waarderingsuitnodiging.versturen").path("resultaten").size() >= 2);
    }

    @Test
    public void theNewsletterGoesOnlyToConsentingCaregiversAndPostGoesToThePrintBatch() {
        String[] yes = caregiver(B, "e-mail", "nieuwsbrief");
        String[] post = caregiver(B, "post", "nieuwsbrief");
        String[] no = caregiver(B, "e-mail", "contact-steunpunt");
        String admin = "beheerder-utrecht";
        // an unknown placeholder is refused, naming it, and nothing is sent
        JsonNode bad = assertProblem(api.json(admin, "POST", B + "/nieuwsbrieven",
                "{\"onderwerp\":\"Nieuws\",\"tekst\":\"Beste {{naam}}, u krijgt {{bedrag}}.\"}"), 400);
        assertEquals(bad.toString(), "tekst", bad.path("invalidParams").get(0).path("name").asText());
        assertTrue(bad.toString(), bad.toString().contains("{{bedrag}}"));
        assertProblem(api.json(admin, "POST", B + "/nieuwsbrieven", "{\"tekst\":\"x\"}"), 400);
        assertProblem(api.json("consulent-utrecht", "POST", B + "/nieuwsbrieven",
                "{\"onderwerp\":\"x\",\"tekst\":\"y\"}"), 403);
        assertEquals(List.of(), messages(B, yes[0]));

        Api.Res r = api.json(admin, "POST", B + "/nieuwsbrieven", "{\"onderwerp\":\"Nieuws voor {{naam}}\","
                + "\"tekst\":\"Beste {{naam}},\\n\\nOp 10 november is de Dag van de Mantelzorg.\"}");
        assertEquals(r.toString(), 200, r.status());
        assertEquals(r.toString(), 2, r.json().path("aantal").asInt());
        Mailbox.Mail m = mail(Mailbox.await(yes[2], 1), "Nieuws voor Bericht");
        assertTrue(m.text(), m.text().contains("Op 10 november is de Dag van de Mantelzorg."));
        // preferred channel post: no e-mail but a letter in the day's print batch
        List<JsonNode> printed = awaitMessages(B, post[0], l -> has(l, "registratie.nieuwsbrief", "afdrukken"));
        assertEquals("post", printed.get(0).path("kanaal").asText());
        assertEquals(List.of(), Mailbox.read(post[2]));
        assertEquals(List.of(), messages(B, no[0]));
        assertTrue(api.get("auditor-utrecht", B + "/logboek?verwerkingsactiviteit=nieuwsbrief.versturen").json()
                .path("resultaten").size() >= 1);
    }

    @Test
    public void theTemplatesArePolicyAndAnUnknownPlaceholderIsRefusedNamingIt() {
        JsonNode bad = assertProblem(api.json(BEHEERDER, "PUT", A + "/beleid/waardering.berichten", "{\"reden\":\"test\","
                + "\"waarde\":{\"ontvangen\":{\"tekst\":\"Beste {{naam}}, bedrag {{bedragg}}.\"},\"verjaardag\":{}}}"), 400);
        List<String> fields = new ArrayList<>();
        bad.path("invalidParams").forEach(p -> fields.add(p.path("name").asText()));
        assertTrue(bad.toString(), fields.contains("waarde.ontvangen.tekst"));
        assertTrue(bad.toString(), fields.contains("waarde.verjaardag"));
        assertTrue(bad.toString(), bad.toString().contains("{{bedragg}}"));
        assertEquals(200, api.json(BEHEERDER, "PUT", A + "/beleid/waardering.berichten", "{\"reden\":\"test\",\"jaar\":"
                + "2027,\"waarde\":{\"ontvangen\":{\"onderwerp\":\"Aanvraag {{aanvraagnummer}} is binnen\"}}}").status());
        String[] c = caregiver(A, "e-mail");
        String id = apply(c, 2027).path("id").asText();
        mail(Mailbox.await(c[2], 1), "Aanvraag " + id.substring(0, 8).toUpperCase(Locale.ROOT) + " is binnen");
    }

    @Test
    public void erasureRemovesTheCaregiversMessages() {
        String[] c = caregiver(A, "e-mail", "waardering");
        apply(c, 2026);
        Mailbox.await(c[2], 1);
        awaitMessages(A, c[0], l -> !l.isEmpty());
        JsonNode export = api.get(CONSULENT, A + "/mantelzorgers/" + c[0] + "/inzage").json();
        assertEquals(export.toString(), "waardering.ontvangen",
                export.path("berichten").path("berichten").get(0).path("soort").asText());
        assertEquals(204, api.send(CONSULENT, "DELETE", A + "/mantelzorgers/" + c[0], null, null).status());
        assertEquals(List.of(), messages(A, c[0]));
        assertProblem(api.get(CONSULENT, A + "/mantelzorgers/" + c[0] + "/inzage"), 404);
    }
}

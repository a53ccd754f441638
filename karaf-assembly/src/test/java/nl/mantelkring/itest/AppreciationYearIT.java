package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A year of the appreciation in one municipality, from application to paid, over real HTTP and real SMTP: every
 * message the caregivers get (received, information needed, decision with the letter attached, paid, voucher with
 * the voucher letter) arrives once, by e-mail or in the print batch for the one who wants post, and the letters hold
 * what the Awb requires.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AppreciationYearIT extends MantelkringTestSupport {

    private static final String A = AppreciationFixtures.A;
    private static final String CONSULENT = AppreciationFixtures.CONSULTANT;
    private static final String BEHEERDER = AppreciationFixtures.ADMIN;

    @Inject
    private FeaturesService features;

    private int counter;

    /** A caregiver with e-mail, IBAN and a care relation of 10 hours: {id, relation id, address}. */
    private String[] caregiver(String channel) {
        counter++;
        String email = "jaar" + counter + "-" + System.nanoTime() + "@voorbeeld.nl";
        Api.Res r = api.json(CONSULENT, "POST", A + "/mantelzorgers", "{\"naam\":{\"voornaam\":\"Jaar" + counter
                + "\",\"achternaam\":\"Mantelzorger\"},\"geboortedatum\":\"1968-03-0" + counter + "\",\"adres\":"
                + "{\"straat\":\"Prinsengracht\",\"huisnummer\":" + (100 + counter) + ",\"postcode\":\"1015DZ\","
                + "\"woonplaats\":\"Amsterdam\"},\"woontInGemeente\":true,\"iban\":\"NL91ABNA0417164300\",\"email\":\""
                + email + "\",\"voorkeurskanaal\":\"" + channel + "\"}");
        assertEquals(r.toString(), 201, r.status());
        String id = r.json().path("id").asText();
        Api.Res rel = api.json(CONSULENT, "POST", A + "/mantelzorgers/" + id + "/zorgrelaties", "{\"zorgvrager\":"
                + "{\"naam\":\"Vader " + counter + "\",\"woontInGemeente\":true},\"relatie\":\"ouder\",\"zorgSinds\":"
                + "\"2020-01-01\",\"urenPerWeek\":10,\"soortenZorg\":[\"begeleiding\"]}");
        assertEquals(rel.toString(), 201, rel.status());
        return new String[] {id, rel.json().path("id").asText(), email};
    }

    private JsonNode apply(String[] c, int year, String payout) {
        Api.Res r = api.json(CONSULENT, "POST", A + "/waarderingsaanvragen", "{\"jaar\":" + year + ",\"mantelzorgerId\":\""
                + c[0] + "\",\"zorgrelatieId\":\"" + c[1] + "\",\"aanvrager\":\"consulent\",\"uitbetaalwijze\":\""
                + payout + "\"}");
        assertEquals(r.toString(), 201, r.status());
        return r.json();
    }

    /** The caregiver's messages once the condition holds (a state; bounded by two minutes). */
    private List<JsonNode> awaitMessages(String caregiverId, Predicate<List<JsonNode>> condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            List<JsonNode> out = new ArrayList<>();
            api.get(CONSULENT, A + "/berichten?paginaGrootte=100&betrokkene=" + caregiverId).json().path("resultaten")
                    .forEach(out::add);
            if (condition.test(out)) {
                return out;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the messages of " + caregiverId + " never got there: " + out);
            }
            Thread.onSpinWait();
        }
    }

    private static Predicate<List<JsonNode>> done(String... kinds) {
        return list -> List.of(kinds).stream().allMatch(k -> list.stream().anyMatch(m -> k.equals(m.path("soort")
                .asText()) && !"wachtrij".equals(m.path("status").asText())));
    }

    private static JsonNode of(List<JsonNode> list, String kind) {
        return list.stream().filter(m -> kind.equals(m.path("soort").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + list));
    }

    private static Mailbox.Mail mailWithPdf(List<Mailbox.Mail> mails, String subjectPart) {
        return mails.stream().filter(m -> m.subject().contains(subjectPart) && !m.attachments().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no e-mail '" + subjectPart + "' with a letter in "
                        + mails.stream().map(Mailbox.Mail::subject).toList()));
    }

    @Test
    public void aYearFromApplicationToPaidWithEveryLetterAndMessage() throws Exception {
        int year = Year.now().getValue();
        AppreciationFixtures.enable(api, features);
        Api.Res rules = api.json(BEHEERDER, "PUT", A + "/beleid/waardering.regels", "{\"jaar\":" + year + ",\"reden\":"
                + "\"test\",\"waarde\":{\"aanvraagperiode\":{\"van\":\"" + year + "-01-01\",\"totEnMet\":\"" + year
                + "-12-31\"},\"aanvragers\":[\"consulent\"],\"uitkering\":{\"soort\":\"vast\",\"bedrag\":250},"
                + "\"kanaal\":\"keuze\",\"automatischToekennen\":false,\"voorwaarden\":{\"minimaleUrenPerWeek\":8}}}");
        assertEquals(rules.toString(), 200, rules.status());
        Api.Res pay = api.json(BEHEERDER, "PUT", A + "/beleid/waardering.betaling", "{\"waarde\":{\"rekeninghouder\":"
                + "\"Gemeente Amsterdam\",\"iban\":\"NL91ABNA0417164300\",\"omschrijving\":\"Mantelzorgwaardering"
                + " {jaar}\"},\"reden\":\"integratietest\"}");
        assertEquals(pay.toString(), 200, pay.status());

        String[] bank = caregiver("e-mail");
        String[] voucher = caregiver("e-mail");
        String[] post = caregiver("post");

        // applications: each caregiver hears that it was received
        String bankApp = apply(bank, year, "geld").path("id").asText();
        String voucherApp = apply(voucher, year, "waardebon").path("id").asText();
        String postApp = apply(post, year, "geld").path("id").asText();
        awaitMessages(bank[0], done("waardering.ontvangen"));
        assertEquals(1, Mailbox.await(bank[2], 1).size());

        // more information needed for one of them
        Api.Res info = api.json(CONSULENT, "POST", A + "/waarderingsaanvragen/" + bankApp + "/informatieverzoeken",
                "{\"toelichting\":\"Stuur ons een kopie van de indicatie.\"}");
        assertEquals(info.toString(), 201, info.status());
        awaitMessages(bank[0], done("waardering.ontvangen", "waardering.informatie-nodig"));
        List<Mailbox.Mail> bankMails = Mailbox.await(bank[2], 2);
        assertTrue(bankMails.stream().anyMatch(m -> m.text().contains("Stuur ons een kopie van de indicatie.")));

        // decisions: a letter each, attached to the e-mail, in the print batch for post
        for (String app : List.of(bankApp, voucherApp, postApp)) {
            Api.Res d = api.json(CONSULENT, "POST", A + "/waarderingsaanvragen/" + app + "/besluit",
                    "{\"besluit\":\"toekennen\",\"reden\":\"Voldoet aan de regels.\"}");
            assertEquals(d.toString(), 200, d.status());
            assertEquals("toegekend", d.json().path("status").asText());
        }
        awaitMessages(bank[0], done("waardering.besluit"));
        Mailbox.Mail decision = mailWithPdf(Mailbox.await(bank[2], 3), "Besluit");
        String letter = LetterPdfs.text(decision.attachments().get(0).content());
        LetterPdfs.assertContains(letter, "Jaar1 Mantelzorger", "250", "bezwaar", "6 weken");
        JsonNode letters = api.get(CONSULENT, A + "/waarderingsaanvragen/" + bankApp + "/brieven").json();
        assertEquals(letters.toString(), 1, letters.path("brieven").size());

        List<JsonNode> postMessages = awaitMessages(post[0], done("waardering.ontvangen", "waardering.besluit"));
        assertEquals("afdrukken", of(postMessages, "waardering.besluit").path("status").asText());
        assertEquals("post", of(postMessages, "waardering.besluit").path("kanaal").asText());
        assertEquals("post means no e-mail", 0, Mailbox.read(post[2]).size());
        String day = of(postMessages, "waardering.besluit").path("afdrukbatch").asText();
        Api.Bin batch = api.download(BEHEERDER, A + "/afdrukbatches/" + day, "application/pdf", java.util.Map.of());
        assertEquals(batch.toString(), 200, batch.status());
        LetterPdfs.assertContains(LetterPdfs.text(batch.body()), "Jaar3 Mantelzorger");

        // the voucher: issued at once on the grant, with its letter
        List<JsonNode> voucherMessages = awaitMessages(voucher[0], done("waardering.besluit", "waardering.waardebon"));
        assertEquals("verzonden", of(voucherMessages, "waardering.waardebon").path("status").asText());
        List<Mailbox.Mail> voucherMails = Mailbox.await(voucher[2], 3);
        String grant = api.get(CONSULENT, A + "/waarderingsaanvragen/" + voucherApp).json().path("toekenningId")
                .asText();
        String code = api.get(CONSULENT, A + "/toekenningen/" + grant).json().path("waardeboncode").asText();
        assertTrue("a voucher code", code.length() >= 16);
        assertTrue("the voucher letter with its code is attached", voucherMails.stream().anyMatch(m -> m.attachments()
                .stream().anyMatch(a -> LetterPdfs.text(a.content()).contains(code))));

        // the payment run pays the bank grants; once confirmed, each hears it was paid
        Api.Res started = api.json(BEHEERDER, "POST", A + "/betaalruns", "{\"jaar\":" + year + "}");
        assertEquals(started.toString(), 202, started.status());
        String run = started.json().path("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode r = api.get(BEHEERDER, A + "/betaalruns/" + run).json();
        while (List.of("bezig", "voorbereiden").contains(r.path("status").asText())) {
            assertTrue("the run never finished: " + r, System.nanoTime() < deadline);
            Thread.onSpinWait();
            r = api.get(BEHEERDER, A + "/betaalruns/" + run).json();
        }
        Api.Res confirmed = api.json(BEHEERDER, "POST", A + "/betaalruns/" + run + "/bevestiging", null);
        assertEquals(confirmed.toString(), 200, confirmed.status());
        awaitMessages(bank[0], done("waardering.uitbetaald"));
        awaitMessages(post[0], done("waardering.uitbetaald"));
        assertEquals(4, Mailbox.await(bank[2], 4).size());

        // every message once: the kinds per caregiver, none twice
        for (String[] c : List.of(bank, voucher, post)) {
            List<JsonNode> all = awaitMessages(c[0], list -> true);
            List<String> kinds = all.stream().map(m -> m.path("soort").asText()).toList();
            assertEquals(kinds.toString(), kinds.size(), new java.util.HashSet<>(kinds).size());
        }
        // sending is audited per message, with the caregiver as data subject
        JsonNode log = api.get("auditor-amsterdam", A + "/logboek?betrokkene=" + bank[0]
                + "&verwerkingsactiviteit=bericht.verzenden").json();
        assertEquals(log.toString(), 4, log.path("paginering").path("totaal").asInt());
    }
}

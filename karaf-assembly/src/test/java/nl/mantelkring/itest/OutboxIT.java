package nl.mantelkring.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

import nl.mantelkring.platform.api.messages.Attachment;
import nl.mantelkring.platform.api.messages.OutgoingMessage;
import nl.mantelkring.platform.api.messages.Outbox;
import nl.mantelkring.platform.api.messages.Recipient;

/**
 * The platform's message outbox against a real SMTP server (GreenMail over SMTPS with authentication): a message a
 * module stores is sent once, with its attachment and a stable Message-ID, audited, listed for the consultant; post
 * goes to the day's print batch as PDF; a refused address fails permanently and is listed; bad input is refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OutboxIT extends MantelkringTestSupport {

    private static final String A = "/gemeenten/GM0363";
    private static final String CONSULENT = "consulent-amsterdam";

    @Inject
    private Outbox outbox;

    private static OutgoingMessage message(String reference, Recipient to, String text, List<Attachment> files,
                                           byte[] letter) {
        return new OutgoingMessage("GM0363", "test.bericht", reference, to, "Uw aanvraag is ontvangen", text, files,
                letter, "Integratietest");
    }

    private static String subject() {
        return UUID.randomUUID().toString();
    }

    /** The message's state as the consultant sees it, once it left the queue (a state wait). */
    private JsonNode awaitDone(String subject) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonNode page = api.get(CONSULENT, A + "/berichten?betrokkene=" + subject).json();
            JsonNode first = page.path("resultaten").path(0);
            if (!first.isMissingNode() && !"wachtrij".equals(first.path("status").asText())) {
                return first;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the message to " + subject + " is still queued: " + page);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    public void anEmailIsSentOnceWithItsAttachmentAuditedAndListed() {
        String subject = subject();
        String address = "mantelzorger-" + subject.substring(0, 8) + "@voorbeeld.nl";
        Recipient to = new Recipient(subject, "Anna de Vries", address, null, List.of("Dorpsstraat 1",
                "1234 AB  AMSTERDAM"), "e-mail");
        byte[] pdf = "%PDF-1.7 test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String id = outbox.enqueue(message("test/" + subject, to, "Beste Anna,\n\nWe hebben uw aanvraag ontvangen.",
                List.of(new Attachment("besluit.pdf", "application/pdf", pdf)), null));
        // the same reference again (a repeated event): the first message's id, nothing stored twice
        assertEquals(id, outbox.enqueue(message("test/" + subject, to, "tweede keer", List.of(), null)));

        JsonNode listed = awaitDone(subject);
        assertEquals(listed.toString(), "verzonden", listed.path("status").asText());
        List<Mailbox.Mail> mails = Mailbox.await(address, 1);
        Mailbox.Mail mail = mails.get(0);
        assertEquals("Uw aanvraag is ontvangen", mail.subject());
        assertEquals(GreenMailServer.FROM, mail.from());
        assertTrue(mail.text(), mail.text().contains("We hebben uw aanvraag ontvangen."));
        assertArrayEquals(pdf, mail.attachment("besluit").content());
        assertTrue(mail.messageId(), mail.messageId().startsWith("<" + id + "@"));
        assertEquals(id, mail.header("X-Mantelkring-Bericht"));
        assertEquals("auto-generated", mail.header("Auto-Submitted"));

        assertEquals("e-mail", listed.path("kanaal").asText());
        assertEquals(id, listed.path("id").asText());
        assertEquals(1, listed.path("pogingen").asInt());
        assertTrue(listed.toString(), listed.path("probleem").isMissingNode() || listed.path("probleem").isNull());
        assertEquals(1, api.get(CONSULENT, A + "/berichten?betrokkene=" + subject).json().path("paginering")
                .path("totaal").asInt());
        // sent once: still one e-mail now that the message is recorded as sent
        assertEquals(1, Mailbox.read(address).size());

        JsonNode log = api.get("auditor-amsterdam", A + "/logboek?betrokkene=" + subject
                + "&verwerkingsactiviteit=bericht.verzenden").json();
        assertEquals(log.toString(), 1, log.path("resultaten").size());
        assertEquals("systeem:berichten", log.path("resultaten").path(0).path("gebruiker").asText());
        // the consultant's list of this person is a read of personal data: audited with the person
        JsonNode reads = api.get("auditor-amsterdam", A + "/logboek?betrokkene=" + subject
                + "&verwerkingsactiviteit=bericht.zoeken").json();
        assertTrue(reads.toString(), reads.path("resultaten").size() >= 1);
    }

    @Test
    public void aBounceMarksTheMessageUndeliverableForTheConsultant() {
        String subject = subject();
        String address = "weg-" + subject.substring(0, 8) + "@voorbeeld.nl";
        Recipient to = new Recipient(subject, "Dirk Smit", address, null, List.of(), null);
        String id = outbox.enqueue(message("test/" + subject, to, "Tekst", List.of(), null));
        assertEquals("verzonden", awaitDone(subject).path("status").asText());
        Mailbox.Mail sent = Mailbox.await(address, 1).get(0);
        // the recipient's server refuses it later: a delivery status notification to the envelope sender
        Mailbox.deliver(GreenMailServer.BOUNCES, "From: MAILER-DAEMON@voorbeeld.nl\r\nTo: " + GreenMailServer.BOUNCES
                + "\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nThe mailbox does not exist.\r\n--b\r\n"
                + "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.voorbeeld.nl\r\n\r\n"
                + "Final-Recipient: rfc822; " + address + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 mailbox unknown\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "Message-ID: " + sent.messageId() + "\r\nSubject: " + sent.subject() + "\r\n--b--\r\n");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode m = api.get(CONSULENT, A + "/berichten/" + id).json();
        while (!"onbestelbaar".equals(m.path("status").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not marked undeliverable: " + m);
            }
            Thread.onSpinWait();
            m = api.get(CONSULENT, A + "/berichten/" + id).json();
        }
        assertTrue(m.toString(), m.path("probleem").asText().contains("5.1.1"));
        JsonNode listed = api.get(CONSULENT, A + "/berichten?status=onbestelbaar&betrokkene=" + subject).json();
        assertEquals(1, listed.path("resultaten").size());
        JsonNode log = api.get("auditor-amsterdam", A + "/logboek?betrokkene=" + subject
                + "&verwerkingsactiviteit=bericht.onbestelbaar").json();
        assertEquals(log.toString(), 1, log.path("resultaten").size());
    }

    @Test
    public void anAddressTheServerCannotTakeFailsAtOnceAndIsListedWithItsProblem() {
        String subject = subject();
        Recipient to = new Recipient(subject, "Bram Jansen", "geen geldig adres@", null, List.of(), null);
        String id = outbox.enqueue(message("test/" + subject, to, "Tekst", List.of(), null));
        JsonNode listed = awaitDone(subject);
        assertEquals("mislukt", listed.path("status").asText());
        assertTrue(listed.toString(), listed.path("probleem").asText().length() > 10);
        JsonNode failed = api.get(CONSULENT, A + "/berichten?status=mislukt").json();
        assertTrue(failed.toString(), failed.path("resultaten").findValuesAsText("id").contains(id));
        // a retry puts it back; it fails the same way
        Api.Res retry = api.send(CONSULENT, "POST", A + "/berichten/" + id + "/opnieuw", null, null);
        assertEquals(retry.toString(), 200, retry.status());
        assertEquals("wachtrij", retry.json().path("status").asText());
        assertEquals("mislukt", awaitDone(subject).path("status").asText());
    }

    @Test
    public void postGoesToTheDaysPrintBatchAsOnePdf() {
        String subject = subject();
        Recipient to = new Recipient(subject, "Cor Bakker", null, null, List.of("Kerkweg 12", "1234 AB  AMSTERDAM"),
                "post");
        outbox.enqueue(message("test/" + subject, to, "Beste Cor,\n\nWe hebben uw aanvraag ontvangen.", List.of(),
                null));
        JsonNode listed = awaitDone(subject);
        assertEquals(listed.toString(), "afdrukken", listed.path("status").asText());
        assertEquals("post", listed.path("kanaal").asText());
        String day = listed.path("afdrukbatch").asText();
        JsonNode batches = api.get(CONSULENT, A + "/afdrukbatches").json();
        assertTrue(batches.toString(), batches.path("resultaten").findValuesAsText("datum").contains(day));
        Api.Bin pdf = api.download("beheerder-amsterdam", A + "/afdrukbatches/" + day, "application/pdf",
                java.util.Map.of());
        assertEquals(pdf.toString(), 200, pdf.status());
        assertTrue(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII).startsWith("%PDF"));
    }

    @Test
    public void badInputIsRefusedWithAProblem() {
        assertEquals(400, api.get(CONSULENT, A + "/berichten?status=weg").status());
        assertEquals(400, api.get(CONSULENT, A + "/berichten?betrokkene=" + "x".repeat(65)).status());
        assertEquals(400, api.get(CONSULENT, A + "/berichten/geen-uuid").status());
        assertEquals(404, api.get(CONSULENT, A + "/berichten/" + UUID.randomUUID()).status());
        assertEquals(400, api.download("beheerder-amsterdam", A + "/afdrukbatches/gisteren", "application/pdf",
                java.util.Map.of()).status());
        assertEquals(404, api.download("beheerder-amsterdam", A + "/afdrukbatches/2001-01-01", "application/pdf",
                java.util.Map.of()).status());
        // another municipality's consultant sees none of these
        JsonNode other = api.get("consulent-utrecht", "/gemeenten/GM0344/berichten").json();
        assertTrue(other.toString(), other.path("resultaten").isEmpty());
        // a policy with a bad sender is refused, naming the field
        Api.Res bad = api.json("beheerder-amsterdam", "PUT", A + "/beleid/berichten.afzender",
                "{\"waarde\":{\"naam\":\"Gemeente Amsterdam\",\"adres\":\"geen adres\"}}");
        assertEquals(bad.toString(), 400, bad.status());
        assertTrue(bad.toString(), bad.body().contains("waarde.adres"));
        assertNull(bad.json().path("stack").textValue());
    }
}

package nl.mantelkring.platform.internal.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import nl.mantelkring.platform.api.messages.Attachment;
import nl.mantelkring.platform.api.messages.DeliveryException;

/** E-mail over a real SMTP server (GreenMail): SMTPS with authentication, the stable Message-ID, attachments. */
class SmtpMailerTest {

    private GreenMail mail;

    @BeforeEach
    void start() {
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)
                .dynamicPort()});
        mail.start();
        mail.setUser("noreply@gemeente.test", "gebruiker", "geheim");
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    private OutboxWorker.Config config(String password) {
        return TestMailConfig.of(mail.getSmtps().getPort(), "smtps", "gebruiker", password, "127.0.0.1");
    }

    @Test
    void sendsOverSmtpsWithTheStableMessageIdAndTheAttachment() throws Exception {
        byte[] pdf = {'%', 'P', 'D', 'F', 1, 2, 3};
        try (SmtpMailer mailer = new SmtpMailer(config("geheim"))) {
            mailer.send(new SmtpMailer.Mail("0b7f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f", "noreply@gemeente.test",
                    "Gemeente Voorbeeld", "mantelzorg@gemeente.test", "anna@voorbeeld.nl", "Anna de Vries",
                    "Uw aanvraag is ontvangen", "Beste Anna,\n\nWe hebben uw aanvraag ontvangen.",
                    List.of(new Attachment("besluit.pdf", "application/pdf", pdf))));
        }
        MimeMessage[] received = mail.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage m = received[0];
        assertEquals("<0b7f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f@gemeente.test>", m.getMessageID());
        assertEquals("Uw aanvraag is ontvangen", m.getSubject());
        assertEquals("auto-generated", m.getHeader("Auto-Submitted")[0]);
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertTrue(GreenMailUtil.getBody(parts.getBodyPart(0)).contains("We hebben uw aanvraag ontvangen."));
        assertEquals("besluit.pdf", parts.getBodyPart(1).getFileName());
        assertArrayEquals(pdf, parts.getBodyPart(1).getInputStream().readAllBytes());
    }

    @Test
    void aWrongPasswordIsWorthARetryAndAnInvalidAddressIsNot() {
        try (SmtpMailer mailer = new SmtpMailer(config("fout"))) {
            DeliveryException e = assertThrows(DeliveryException.class, () -> mailer.send(new SmtpMailer.Mail(
                    "1b7f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f", "noreply@gemeente.test", "Gemeente", null,
                    "anna@voorbeeld.nl", "Anna", "Onderwerp", "Tekst", List.of())));
            assertFalse(e.permanent(), e.getMessage());
        }
        try (SmtpMailer mailer = new SmtpMailer(config("geheim"))) {
            DeliveryException e = assertThrows(DeliveryException.class, () -> mailer.send(new SmtpMailer.Mail(
                    "2b7f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f", "noreply@gemeente.test", "Gemeente", null,
                    "geen adres@", "Anna", "Onderwerp", "Tekst", List.of())));
            assertTrue(e.permanent(), e.getMessage());
        }
        assertEquals(0, mail.getReceivedMessages().length);
    }
}

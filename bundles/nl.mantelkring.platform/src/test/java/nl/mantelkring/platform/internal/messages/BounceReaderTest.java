package nl.mantelkring.platform.internal.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Delivery status notifications (RFC 3464) as mail servers send them. */
class BounceReaderTest {

    private static final String ID = "0b7f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f";

    private static String dsn(String status, String returned) {
        return "From: MAILER-DAEMON@relay.gemeente.nl\r\nMessage-ID: <dsn-1@relay.gemeente.nl>\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n--b\r\n"
                + "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; relay.gemeente.nl\r\n\r\n"
                + "Final-Recipient: rfc822; anna@voorbeeld.nl\r\nAction: failed\r\nStatus: " + status + "\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 mailbox unknown\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + returned + "\r\n--b--\r\n";
    }

    @Test
    void findsOurMessageByItsHeaderOrItsMessageId() {
        BounceReader.Bounce b = BounceReader.parse(dsn("5.1.1", "X-Mantelkring-Bericht: " + ID + "\r\nSubject: x"));
        assertEquals(ID, b.messageId());
        assertTrue(b.reason().contains("5.1.1") && b.reason().contains("mailbox unknown"), b.reason());
        assertEquals(ID, BounceReader.parse(dsn("5.1.1", "Message-ID: <" + ID + "@gemeente.nl>")).messageId());
    }

    @Test
    void delaysAndForeignNotificationsAreNoBounce() {
        assertNull(BounceReader.parse(dsn("4.4.7", "X-Mantelkring-Bericht: " + ID)));
        assertNull(BounceReader.parse(dsn("5.1.1", "Message-ID: <iets-anders@elders.nl>")));
    }
}

package nl.mantelkring.itest;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The integration tests' real mail server: GreenMail (from Maven Central) in the test driver's JVM (the failsafe
 * JVM, which outlives every test class of a pass), on 127.0.0.1: SMTP on {@link #SMTP_PORT} (the IT HTTP port
 * + 400), SMTPS on +401 (what the distribution under test is configured to use: implicit TLS with GreenMail's own
 * certificate, trusted for 127.0.0.1 only, and SMTP AUTH), IMAP on +402 (what {@link Mailbox} reads inside the
 * container). Every mailbox is created on first delivery, with the address as login and password.
 */
final class GreenMailServer {

    static final int SMTP_PORT = MantelkringTestSupport.HTTP_PORT + 400;
    static final int SMTPS_PORT = SMTP_PORT + 1;
    static final int IMAP_PORT = SMTP_PORT + 2;
    /** The account the distribution signs in with over SMTPS. */
    static final String USER = "mantelkring";
    static final String PASSWORD = "smtp-wachtwoord-voor-tests";
    /** The installation's sender in the tests. */
    static final String FROM = "noreply@mantelkring.test";
    /** The envelope sender: where delivery status notifications (bounces) go, read back by the distribution. */
    static final String BOUNCES = "bounces@mantelkring.test";

    private static GreenMail server;

    private GreenMailServer() {
    }

    /** Starts it once per JVM (idempotent); it stops with the JVM. */
    static synchronized GreenMail start() {
        if (server == null) {
            GreenMail g = new GreenMail(new ServerSetup[] {
                new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(SMTPS_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
            g.start();
            g.setUser(FROM, USER, PASSWORD);
            g.setUser(BOUNCES, BOUNCES, BOUNCES);
            Runtime.getRuntime().addShutdownHook(new Thread(g::stop, "greenmail-stop"));
            server = g;
        }
        return server;
    }

    /** The mail settings of the distribution under test: GreenMail over SMTPS with authentication. */
    static java.util.Map<String, String> distributionConfig() {
        java.util.Map<String, String> c = new java.util.LinkedHashMap<>();
        c.put("host", "127.0.0.1");
        c.put("port", String.valueOf(SMTPS_PORT));
        c.put("security", "smtps");
        c.put("trustedHosts", "127.0.0.1");
        c.put("username", USER);
        c.put("password", PASSWORD);
        c.put("from", FROM);
        c.put("fromName", "Mantelkring (test)");
        c.put("bounceAddress", BOUNCES);
        c.put("bounceMailboxHost", "127.0.0.1");
        c.put("bounceMailboxPort", String.valueOf(IMAP_PORT));
        c.put("bounceMailboxSecurity", "imap");
        c.put("bounceMailboxUser", BOUNCES);
        c.put("bounceMailboxPassword", BOUNCES);
        // the worker looks for bounces (and work of other nodes) every 2 s instead of 15
        c.put("pollSeconds", "2");
        return c;
    }
}

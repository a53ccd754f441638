package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

/**
 * {@code kill -9} of the real distribution (a separate process) while its outbox sends a batch of e-mails to the
 * tests' SMTP server, then a restart on the same database: every message of the batch arrives, none is lost, and
 * none arrives twice, except a message the node was handing to the server at the moment of the kill (SMTP cannot
 * tell whether the server took a message whose acknowledgement never came back): that one is sent again with the
 * same Message-ID, and the platform says so on the message. Runs on H2 (the node's own file) and, in the PostgreSQL
 * pass, on PostgreSQL.
 */
public class OutboxCrashIT {

    private static final int PORT = MantelkringTestSupport.HTTP_PORT + 50;
    private static final String A = "/gemeenten/GM0363";
    private static final String CONSULENT = "consulent-amsterdam";
    private static final int CAREGIVERS = 300;

    private StandaloneNode node;

    @After
    public void stop() throws Exception {
        if (node != null) {
            try {
                node.assertLogHoldsOnly(List.of());
            } finally {
                node.stop();
            }
        }
    }

    @Test
    public void killedWhileSendingEveryMessageArrivesAndOnlyTheOneInFlightCanArriveTwice() throws Exception {
        GreenMail mail = GreenMailServer.start();
        File root = new File("target/outbox-crash").getAbsoluteFile();
        StandaloneNode.deleteTree(root.toPath());
        root.mkdirs();
        TestDatabases.Target db = TestDatabases.postgresql()
                ? TestDatabases.createFresh("mkit_" + MantelkringTestSupport.HTTP_PORT + "_outboxcrash") : null;
        node = new StandaloneNode(root, "outbox-crash", PORT, db);
        node.set("etc/nl.mantelkring.platform.mail.cfg", GreenMailServer.distributionConfig());
        node.start();
        node.awaitReady();
        Api api = node.api;

        // caregivers who want the newsletter, each with an address of this run
        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < CAREGIVERS; i++) {
            String address = "crash-" + run + "-" + i + "@voorbeeld.nl";
            addresses.add(address);
            Api.Res r = api.json(CONSULENT, "POST", A + "/mantelzorgers", "{\"naam\":{\"voornaam\":\"Crash" + i
                    + "\",\"achternaam\":\"Test\"},\"geboortedatum\":\"1970-05-01\",\"adres\":{\"straat\":\"Kerkstraat\","
                    + "\"huisnummer\":" + (i + 1) + ",\"postcode\":\"1017GA\",\"woonplaats\":\"Amsterdam\"},\"email\":\""
                    + address + "\",\"voorkeurskanaal\":\"e-mail\",\"toestemmingen\":[{\"doel\":\"nieuwsbrief\","
                    + "\"gegeven\":true,\"bron\":\"digitaal\"}]}");
            assertEquals(r.toString(), 201, r.status());
        }
        Api.Res sent = api.json("beheerder-amsterdam", "POST", A + "/nieuwsbrieven",
                "{\"onderwerp\":\"Nieuws van het steunpunt " + run + "\",\"tekst\":\"Beste mantelzorger,\\n\\nDit is de"
                        + " nieuwsbrief.\"}");
        assertTrue(sent.toString(), sent.status() == 200 || sent.status() == 201 || sent.status() == 202);

        // the kill lands while the batch is being sent: a state, not a time
        awaitReceived(mail, run, 25, Duration.ofMinutes(3));
        node.kill();
        int atKill = ofRun(mail, run).size();
        assertTrue("the kill should land in the middle of the batch, not after it: " + atKill, atKill < CAREGIVERS);

        node.start();
        node.awaitReady();
        List<MimeMessage> all = awaitReceived(mail, run, CAREGIVERS, Duration.ofMinutes(5));

        // every caregiver got the newsletter; count the copies per Message-ID
        Map<String, Integer> copies = new HashMap<>();
        Set<String> reached = new HashSet<>();
        for (MimeMessage m : all) {
            copies.merge(m.getMessageID(), 1, Integer::sum);
            reached.add(((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress());
        }
        Set<String> missing = new HashSet<>(addresses);
        missing.removeAll(reached);
        assertTrue("not reached: " + missing, missing.isEmpty());
        assertEquals(CAREGIVERS, reached.size());
        assertEquals("one Message-ID per caregiver", CAREGIVERS, copies.size());
        long doubled = copies.values().stream().filter(n -> n > 1).count();
        assertTrue("a message arrived more than twice", copies.values().stream().allMatch(n -> n <= 2));
        // only a message the platform marks as sent again after an interruption may have arrived twice
        long flagged = 0;
        for (int page = 1; ; page++) {
            JsonNode p = api.get(CONSULENT, A + "/berichten?soort=registratie.nieuwsbrief&paginaGrootte=100&pagina="
                    + page).json();
            for (JsonNode m : p.path("resultaten")) {
                assertEquals(m.toString(), "verzonden", m.path("status").asText());
                if (m.path("probleem").asText().startsWith("Opnieuw verzonden na een onderbreking")) {
                    flagged++;
                }
            }
            if (page >= p.path("paginering").path("aantalPaginas").asInt()) {
                break;
            }
        }
        assertTrue("flagged as sent again: " + flagged, flagged <= 1);
        assertTrue("doubled " + doubled + " but flagged " + flagged, doubled <= flagged);
        // nothing more comes: the outbox is empty (a state: no message waits), and the count has not changed
        assertEquals(0, api.get(CONSULENT, A + "/berichten?status=wachtrij").json().path("paginering")
                .path("totaal").asInt());
        assertEquals(all.size(), ofRun(mail, run).size());
    }

    private static List<MimeMessage> ofRun(GreenMail mail, String run) throws Exception {
        List<MimeMessage> out = new java.util.ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains(run)) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<MimeMessage> awaitReceived(GreenMail mail, String run, int n, Duration patience)
            throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        List<MimeMessage> got = ofRun(mail, run);
        while (got.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " newsletters, got " + got.size());
            }
            MantelkringTestSupport.sleep(50);
            got = ofRun(mail, run);
        }
        return got;
    }
}

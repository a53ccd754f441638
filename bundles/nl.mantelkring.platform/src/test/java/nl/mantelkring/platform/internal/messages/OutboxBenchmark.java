package nl.mantelkring.platform.internal.messages;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import nl.mantelkring.platform.api.messages.OutgoingMessage;
import nl.mantelkring.platform.api.messages.Recipient;
import nl.mantelkring.platform.internal.H2Database;
import nl.mantelkring.platform.internal.audit.AuditLogImpl;
import nl.mantelkring.platform.internal.cluster.LeasesImpl;
import nl.mantelkring.platform.internal.policy.PolicyStoreImpl;

/**
 * Messages per second through the outbox: N e-mails enqueued in one transaction, then sent by the real worker (lease,
 * "being sent" mark, SMTP, status + audit entry + retention in one transaction per message) to a real SMTP server
 * (GreenMail, plain SMTP on 127.0.0.1), on an H2 file database as the distribution uses. Baseline in the same run: the
 * same N e-mails sent over one SMTP connection with Jakarta Mail alone (no database). Run on demand only:
 * {@code mvn -B -ntp -o -pl bundles/nl.mantelkring.platform test -Dtest=OutboxBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OutboxBenchmark {

    private static final int N = 2000;

    @Test
    void messagesPerSecond() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        Path dir = Files.createTempDirectory("outbox-bench");
        try {
            System.out.printf(Locale.ROOT, "load average before: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
            for (int round = 1; round <= 3; round++) {
                double raw = raw(mail, N);
                double outbox = outbox(mail, dir.resolve("round" + round), N);
                System.out.printf(Locale.ROOT, "round %d: outbox %.0f messages/s, Jakarta Mail alone %.0f messages/s,"
                        + " ratio %.2f%n", round, outbox, raw, outbox / raw);
            }
            System.out.printf(Locale.ROOT, "load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            mail.stop();
        }
    }

    private static double raw(GreenMail mail, int n) throws Exception {
        return MailClassLoader.run(() -> {
            try {
                Properties p = new Properties();
                p.put("mail.smtp.host", "127.0.0.1");
                p.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
                Session session = Session.getInstance(p);
                long start = System.nanoTime();
                try (Transport t = session.getTransport("smtp")) {
                    t.connect();
                    for (int i = 0; i < n; i++) {
                        MimeMessage m = new MimeMessage(session);
                        m.setFrom(new InternetAddress("noreply@gemeente.test"));
                        m.setRecipient(Message.RecipientType.TO, new InternetAddress("raw" + i + "@voorbeeld.nl"));
                        m.setSubject("Uw aanvraag is ontvangen", "UTF-8");
                        m.setText("Beste mantelzorger,\n\nWe hebben uw aanvraag ontvangen.", "UTF-8");
                        m.saveChanges();
                        t.sendMessage(m, m.getAllRecipients());
                    }
                }
                return n / ((System.nanoTime() - start) / 1e9);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static double outbox(GreenMail mail, Path dir, int n) throws Exception {
        H2Database db = new H2Database("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_DELAY=-1");
        OutboxImpl outbox = new OutboxImpl(db);
        LeasesImpl leases = new LeasesImpl(db, new LeasesImpl.Config() {
            @Override public Class<? extends Annotation> annotationType() { return LeasesImpl.Config.class; }
            @Override public String nodeId() { return "bench"; }
        });
        AuditLogImpl audit = new AuditLogImpl(db);
        MessagePolicies policies = new MessagePolicies(new PolicyStoreImpl(db));
        List<OutgoingMessage> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String subject = UUID.randomUUID().toString();
            messages.add(new OutgoingMessage("GM0363", "bench.bericht", "bench/" + subject, new Recipient(subject,
                    "Mantelzorger " + i, "bench" + i + "@voorbeeld.nl", null, List.of(), "e-mail"),
                    "Uw aanvraag is ontvangen", "Beste mantelzorger,\n\nWe hebben uw aanvraag ontvangen.", List.of(),
                    null, "Benchmark"));
        }
        outbox.jdbc().inTransaction(c -> {
            for (OutgoingMessage m : messages) {
                outbox.enqueue(c, m);
            }
            return null;
        });
        int port = mail.getSmtp().getPort();
        long start = System.nanoTime();
        OutboxWorker worker = new OutboxWorker(outbox, leases, audit, policies,
                TestMailConfig.of(port, "none", "", "", ""));
        try {
            while (outbox.count("GM0363", null, OutboxImpl.QUEUED, null) > 0) {
                Thread.sleep(5);
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            worker.deactivate();
        }
    }
}

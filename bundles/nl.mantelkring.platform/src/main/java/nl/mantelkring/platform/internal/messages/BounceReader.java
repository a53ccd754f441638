package nl.mantelkring.platform.internal.messages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

/**
 * Reads delivery status notifications (bounces, RFC 3464) from the mailbox the envelope sender points to, over IMAP
 * (or IMAPS): each names the message it is about by the headers it returns ({@code X-Mantelkring-Bericht}, or the
 * {@code Message-ID} made from the outbox id); what the reporting server said ({@code Status} and
 * {@code Diagnostic-Code}) becomes the problem the consultant reads. A read notification is deleted.
 */
final class BounceReader {

    /** One bounce: the outbox id and the reason. */
    record Bounce(String messageId, String reason) {
    }

    private static final Pattern OUR_HEADER = Pattern.compile(
            "(?im)^X-Mantelkring-Bericht:\\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern OUR_MESSAGE_ID = Pattern.compile(
            "(?im)^(?:Original-)?Message-ID:\\s*<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@");
    private static final Pattern STATUS = Pattern.compile("(?im)^Status:\\s*([245]\\.\\d{1,3}\\.\\d{1,3})");
    private static final Pattern DIAGNOSTIC = Pattern.compile("(?im)^Diagnostic-Code:\\s*(?:smtp;\\s*)?(.{1,300})$");

    private final OutboxWorker.Config config;

    BounceReader(OutboxWorker.Config config) {
        this.config = config;
    }

    boolean configured() {
        return !config.bounceMailboxHost().isBlank();
    }

    /** Takes the bounces out of the mailbox (at most 100 per call); the rest stays for the next call. */
    List<Bounce> take() throws MessagingException {
        return MailClassLoader.run(() -> {
            try {
                return read();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<Bounce> read() throws MessagingException {
        boolean tls = "imaps".equalsIgnoreCase(config.bounceMailboxSecurity());
        String protocol = tls ? "imaps" : "imap";
        Properties p = new Properties();
        String pre = "mail." + protocol + ".";
        p.put(pre + "connectiontimeout", String.valueOf(config.connectTimeoutSeconds() * 1000));
        p.put(pre + "timeout", String.valueOf(config.timeoutSeconds() * 1000));
        if (tls && !config.trustedHosts().isBlank()) {
            p.put(pre + "ssl.trust", config.trustedHosts().trim());
            p.put(pre + "ssl.checkserveridentity", "false");
        } else if (tls) {
            p.put(pre + "ssl.checkserveridentity", "true");
        }
        List<Bounce> out = new ArrayList<>();
        Session session = Session.getInstance(p);
        try (Store store = session.getStore(protocol)) {
            store.connect(config.bounceMailboxHost(), config.bounceMailboxPort(), config.bounceMailboxUser(),
                    config.bounceMailboxPassword());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] messages = inbox.getMessages();
                for (int i = 0; i < Math.min(100, messages.length); i++) {
                    Bounce b = parse(raw(messages[i]));
                    if (b != null) {
                        out.add(b);
                    }
                    // read: not ours or recorded below; either way it is done with
                    messages[i].setFlag(Flags.Flag.DELETED, true);
                }
            } finally {
                inbox.close(true);
            }
        }
        return out;
    }

    private static String raw(Message m) throws MessagingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            m.writeTo(bytes);
        } catch (IOException e) {
            throw new MessagingException("cannot read a bounce", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The bounce a notification reports, or null when it names none of our messages. */
    static Bounce parse(String raw) {
        Matcher id = OUR_HEADER.matcher(raw);
        String messageId = id.find() ? id.group(1) : null;
        if (messageId == null) {
            Matcher mid = OUR_MESSAGE_ID.matcher(raw);
            // the notification's own Message-ID is not ours: take the last one (in the returned headers)
            while (mid.find()) {
                messageId = mid.group(1);
            }
        }
        if (messageId == null) {
            return null;
        }
        Matcher status = STATUS.matcher(raw);
        String code = status.find() ? status.group(1) : null;
        if (code != null && !code.startsWith("5")) {
            return null; // a delay (4.x.x) or a success report (2.x.x), not a bounce
        }
        Matcher diagnostic = DIAGNOSTIC.matcher(raw);
        String reason = "De e-mail kwam terug als onbestelbaar" + (code == null ? "" : " (" + code + ")")
                + (diagnostic.find() ? ": " + diagnostic.group(1).trim() : ".");
        return new Bounce(messageId, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
    }
}

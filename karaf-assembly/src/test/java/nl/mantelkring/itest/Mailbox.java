package nl.mantelkring.itest;

import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;

/**
 * What the tests' mail server ({@link GreenMailServer}) received for one address, read over IMAP from inside the
 * container (the probe), with Jakarta Mail: subject, text, attachments, headers. Waits for states: {@link #await}
 * polls until the mailbox holds the number of messages asked for.
 */
public final class Mailbox {

    /** One received e-mail. */
    public record Mail(String messageId, String from, List<String> to, String subject, String text,
                       List<Attachment> attachments, Map<String, String> headers) {
        public Attachment attachment(String fileNamePart) {
            return attachments.stream().filter(a -> a.fileName() != null && a.fileName().contains(fileNamePart))
                    .findFirst().orElseThrow(() -> new AssertionError("no attachment named like " + fileNamePart
                            + " in " + attachments.stream().map(Attachment::fileName).toList()));
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** One attachment. */
    public record Attachment(String fileName, String mediaType, byte[] content) {
    }

    private Mailbox() {
    }

    /** The messages in the address's inbox now (none when nothing was delivered to it yet). */
    public static List<Mail> read(String address) {
        return inMailLoader(() -> {
            Properties p = new Properties();
            p.put("mail.imap.host", "127.0.0.1");
            p.put("mail.imap.port", String.valueOf(GreenMailServer.IMAP_PORT));
            p.put("mail.imap.connectiontimeout", "10000");
            p.put("mail.imap.timeout", "30000");
            Session session = Session.getInstance(p);
            try (Store store = session.getStore("imap")) {
                try {
                    store.connect(address, address);
                } catch (jakarta.mail.AuthenticationFailedException e) {
                    return List.of(); // the mailbox is made on the first delivery
                }
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    List<Mail> out = new ArrayList<>();
                    for (Message m : inbox.getMessages()) {
                        out.add(parse(m));
                    }
                    return out;
                } finally {
                    inbox.close(false);
                }
            }
        });
    }

    /** Waits until the address holds at least {@code n} messages (bounded: fails after two minutes); returns all. */
    public static List<Mail> await(String address, int n) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<Mail> mails = read(address);
        while (mails.size() < n) {
            if (System.nanoTime() > deadline) {
                fail("expected " + n + " e-mail(s) for " + address + ", got " + mails.size() + ": "
                        + mails.stream().map(Mail::subject).toList());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            mails = read(address);
        }
        return mails;
    }

    /** Delivers a raw message (e.g. a delivery status notification) to the address over SMTP, as a relay would. */
    public static void deliver(String to, String raw) {
        inMailLoader(() -> {
            Properties p = new Properties();
            p.put("mail.smtp.host", "127.0.0.1");
            p.put("mail.smtp.port", String.valueOf(GreenMailServer.SMTP_PORT));
            Session session = Session.getInstance(p);
            jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(session,
                    new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            jakarta.mail.Transport.send(m, new jakarta.mail.Address[] {new InternetAddress(to)});
            return null;
        });
    }

    /** Deletes every message in the address's inbox. */
    public static void clear(String address) {
        inMailLoader(() -> {
            Properties p = new Properties();
            Session session = Session.getInstance(p);
            try (Store store = session.getStore("imap")) {
                try {
                    store.connect("127.0.0.1", GreenMailServer.IMAP_PORT, address, address);
                } catch (jakarta.mail.AuthenticationFailedException e) {
                    return null;
                }
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                for (Message m : inbox.getMessages()) {
                    m.setFlag(Flags.Flag.DELETED, true);
                }
                inbox.close(true);
            }
            return null;
        });
    }

    private static Mail parse(Message m) throws MessagingException, IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (var e = m.getAllHeaders(); e.hasMoreElements(); ) {
            jakarta.mail.Header h = e.nextElement();
            headers.putIfAbsent(h.getName().toLowerCase(java.util.Locale.ROOT), h.getValue());
        }
        StringBuilder text = new StringBuilder();
        List<Attachment> attachments = new ArrayList<>();
        walk(m, text, attachments);
        List<String> to = new ArrayList<>();
        for (var a : m.getRecipients(Message.RecipientType.TO)) {
            to.add(((InternetAddress) a).getAddress());
        }
        return new Mail(headers.get("message-id"), ((InternetAddress) m.getFrom()[0]).getAddress(), to,
                m.getSubject(), text.toString(), attachments, headers);
    }

    private static void walk(Part p, StringBuilder text, List<Attachment> attachments)
            throws MessagingException, IOException {
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                walk(b, text, attachments);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition()) || p.getFileName() != null) {
            try (InputStream in = p.getInputStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                attachments.add(new Attachment(p.getFileName(), p.getContentType().split(";")[0].trim(),
                        out.toByteArray()));
            }
        } else if (p.isMimeType("text/plain")) {
            text.append((String) p.getContent());
        }
    }

    /**
     * Jakarta Mail and Activation find their implementations with ServiceLoader through the context class loader: in
     * OSGi one that sees the Angus Mail and Angus Activation bundles (as the platform's MailClassLoader).
     */
    private static final ClassLoader MAIL_LOADER = new ClassLoader(null) {
        private final List<ClassLoader> loaders = List.of(org.eclipse.angus.mail.imap.IMAPStore.class.getClassLoader(),
                org.eclipse.angus.activation.MailcapRegistryProviderImpl.class.getClassLoader());

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            for (ClassLoader l : loaders) {
                try {
                    return l.loadClass(name);
                } catch (ClassNotFoundException next) {
                    // the next bundle
                }
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected java.net.URL findResource(String name) {
            return loaders.stream().map(l -> l.getResource(name)).filter(java.util.Objects::nonNull).findFirst()
                    .orElse(null);
        }

        @Override
        protected java.util.Enumeration<java.net.URL> findResources(String name) throws IOException {
            List<java.net.URL> all = new ArrayList<>();
            for (ClassLoader l : loaders) {
                all.addAll(java.util.Collections.list(l.getResources(name)));
            }
            return java.util.Collections.enumeration(all);
        }
    };

    private static <T> T inMailLoader(Callable<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(MAIL_LOADER);
        try {
            return work.call();
        } catch (Exception e) {
            throw new AssertionError("reading the test mailbox failed: " + e, e);
        } finally {
            t.setContextClassLoader(before);
        }
    }
}

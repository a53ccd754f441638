package nl.mantelkring.platform.internal.messages;

import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import nl.mantelkring.platform.api.messages.Attachment;
import nl.mantelkring.platform.api.messages.DeliveryException;

/**
 * E-mail over SMTP with Jakarta Mail (Eclipse Angus): STARTTLS (required, not opportunistic), implicit TLS (SMTPS)
 * or, for a relay on the same host only, none. One connection is kept open while the worker drains the queue and
 * reopened when the server dropped it. Every message has a stable {@code Message-ID} made from the outbox id, so a
 * message sent again after a crash is recognisable as the same one.
 */
final class SmtpMailer implements AutoCloseable {

    /** One e-mail to send. */
    record Mail(String id, String fromAddress, String fromName, String replyTo, String to, String toName,
                String subject, String text, List<Attachment> attachments) {
    }

    private final OutboxWorker.Config config;
    private final Session session;
    private final String protocol;
    private Transport transport;

    SmtpMailer(OutboxWorker.Config config) {
        this.config = config;
        String security = config.security().trim().toLowerCase(java.util.Locale.ROOT);
        this.protocol = "smtps".equals(security) ? "smtps" : "smtp";
        Properties p = new Properties();
        String pre = "mail." + protocol + ".";
        p.put(pre + "host", config.host());
        p.put(pre + "port", String.valueOf(config.port()));
        p.put(pre + "connectiontimeout", String.valueOf(config.connectTimeoutSeconds() * 1000));
        p.put(pre + "timeout", String.valueOf(config.timeoutSeconds() * 1000));
        p.put(pre + "writetimeout", String.valueOf(config.timeoutSeconds() * 1000));
        p.put(pre + "auth", String.valueOf(!config.username().isBlank()));
        if (!config.bounceAddress().isBlank()) {
            p.put(pre + "from", config.bounceAddress());
        }
        if ("starttls".equals(security)) {
            p.put(pre + "starttls.enable", "true");
            p.put(pre + "starttls.required", "true");
        }
        if (!"none".equals(security)) {
            p.put(pre + "ssl.protocols", "TLSv1.3 TLSv1.2");
            if (config.trustedHosts().isBlank()) {
                // the JVM's trust store decides, and the certificate must name the host
                p.put(pre + "ssl.checkserveridentity", "true");
            } else {
                // hosts trusted explicitly (a test or internal relay with its own certificate): no CA, no name check
                p.put(pre + "ssl.trust", config.trustedHosts().trim());
                p.put(pre + "ssl.checkserveridentity", "false");
            }
        }
        this.session = inMailLoader(() -> Session.getInstance(p));
    }

    /** Jakarta Mail's lookups need the Angus bundles as context class loader: {@link MailClassLoader}. */
    static <T> T inMailLoader(Supplier<T> work) {
        return MailClassLoader.run(work);
    }

    /** Sends one e-mail, or throws telling whether trying again can help. */
    void send(Mail mail) throws DeliveryException {
        DeliveryException failure = inMailLoader(() -> {
            try {
                MimeMessage m = message(mail);
                connect();
                transport.sendMessage(m, m.getAllRecipients());
                return null;
            } catch (SendFailedException e) {
                Address[] invalid = e.getInvalidAddresses();
                boolean refused = invalid != null && invalid.length > 0 && (e.getValidSentAddresses() == null
                        || e.getValidSentAddresses().length == 0);
                closeQuietly();
                return new DeliveryException(refused
                        ? "De mailserver weigert het e-mailadres: " + rootMessage(e)
                        : "De mailserver nam het bericht niet aan: " + rootMessage(e), refused && permanent(e), e);
            } catch (jakarta.mail.internet.AddressException e) {
                return new DeliveryException("Het e-mailadres is ongeldig: " + rootMessage(e), true, e);
            } catch (AuthenticationFailedException e) {
                closeQuietly();
                return new DeliveryException("Aanmelden bij de mailserver mislukt; controleer gebruikersnaam en"
                        + " wachtwoord in etc/nl.mantelkring.platform.mail.cfg.", false, e);
            } catch (MessagingException e) {
                closeQuietly();
                return new DeliveryException("De mailserver is niet bereikbaar of brak de verbinding af: "
                        + rootMessage(e), false, e);
            } catch (java.io.UnsupportedEncodingException e) {
                return new DeliveryException("Het adres is ongeldig: " + e.getMessage(), true, e);
            }
        });
        if (failure != null) {
            throw failure;
        }
    }

    /** A 5xx reply (the address does not exist) is final; a 4xx (mailbox full, greylisting) is worth a retry. */
    private static boolean permanent(SendFailedException e) {
        for (Throwable t = e; t != null; t = t instanceof MessagingException me ? me.getNextException() : t.getCause()) {
            String text = String.valueOf(t.getMessage()).trim();
            if (text.startsWith("4")) {
                return false;
            }
            if (t.getClass().getSimpleName().contains("AddressFailed")) {
                try {
                    int code = (int) t.getClass().getMethod("getReturnCode").invoke(t);
                    return code >= 500;
                } catch (ReflectiveOperationException ignored) {
                    return true;
                }
            }
        }
        return true;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof MessagingException me && me.getNextException() != null) {
            root = me.getNextException();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.length() > 300 ? m.substring(0, 300) : m;
    }

    private MimeMessage message(Mail mail) throws MessagingException, java.io.UnsupportedEncodingException {
        String domain = mail.fromAddress().substring(mail.fromAddress().indexOf('@') + 1);
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + mail.id() + "@" + domain + ">");
            }
        };
        m.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
        if (mail.replyTo() != null && !mail.replyTo().isBlank()) {
            m.setReplyTo(new Address[] {new InternetAddress(mail.replyTo())});
        }
        InternetAddress to = new InternetAddress(mail.to(), mail.toName(), "UTF-8");
        to.validate();
        m.setRecipient(Message.RecipientType.TO, to);
        m.setSubject(mail.subject(), "UTF-8");
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("X-Mantelkring-Bericht", mail.id());
        m.setHeader("Content-Language", "nl");
        m.setSentDate(new java.util.Date());
        if (mail.attachments().isEmpty()) {
            m.setText(mail.text(), "UTF-8");
        } else {
            MimeMultipart parts = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8");
            parts.addBodyPart(text);
            for (Attachment a : mail.attachments()) {
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.mediaType())));
                file.setFileName(a.fileName());
                file.setDisposition(MimeBodyPart.ATTACHMENT);
                parts.addBodyPart(file);
            }
            m.setContent(parts);
        }
        m.saveChanges();
        return m;
    }

    private void connect() throws MessagingException {
        if (transport != null && transport.isConnected()) {
            return;
        }
        closeQuietly();
        transport = session.getTransport(protocol);
        if (config.username().isBlank()) {
            transport.connect();
        } else {
            transport.connect(config.host(), config.port(), config.username(), config.password());
        }
    }

    private void closeQuietly() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is gone either way
            }
            transport = null;
        }
    }

    @Override
    public void close() {
        inMailLoader(() -> {
            closeQuietly();
            return null;
        });
    }
}

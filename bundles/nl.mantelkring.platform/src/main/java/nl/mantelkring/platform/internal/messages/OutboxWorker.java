package nl.mantelkring.platform.internal.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.cluster.Lease;
import nl.mantelkring.platform.api.cluster.Leases;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.api.documents.Letter;
import nl.mantelkring.platform.api.documents.Letters;
import nl.mantelkring.platform.api.messages.Attachment;
import nl.mantelkring.platform.api.messages.Delivery;
import nl.mantelkring.platform.api.messages.DeliveryException;
import nl.mantelkring.platform.api.messages.MessageChannel;
import nl.mantelkring.platform.api.messages.Recipient;

/**
 * Sends what the outbox holds: one worker thread per node, of which only the holder of the cluster lease
 * {@code platform.berichten} works. Per message: the channel (the recipient's preference: {@code post} or no e-mail
 * address → the day's print batch; a vendor {@link MessageChannel} of the preferred name that can reach the person;
 * otherwise e-mail), a mark "being sent" committed before sending, the delivery, and then status, audit entry and
 * retention date in one transaction. A failure is retried with exponential backoff until {@code maxAttempts}; a
 * permanent one (an address the server refuses) stops at once. Messages marked "being sent" by a holder that died
 * are sent again with the same {@code Message-ID} and flagged as such ({@code resent_in_doubt}): SMTP cannot tell
 * whether the server accepted a message whose acknowledgement never came back.
 */
@Component(service = OutboxWorker.class, immediate = true, configurationPid = OutboxWorker.PID)
@Designate(ocd = OutboxWorker.Config.class)
public class OutboxWorker {

    static final String PID = "nl.mantelkring.platform.mail";
    static final String LEASE = "platform.berichten";
    static final String ACTOR = "systeem:berichten";
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int BATCH = 50;

    @ObjectClassDefinition(name = "Mantelkring e-mail and message outbox")
    public @interface Config {
        @AttributeDefinition(description = "SMTP server (host name). Empty: no e-mail is sent; e-mail messages wait"
                + " in the outbox (with a problem the consultant sees) until a server is set.")
        String host() default "";

        @AttributeDefinition(description = "SMTP port: 587 for STARTTLS, 465 for SMTPS")
        int port() default 587;

        @AttributeDefinition(description = "starttls (required, not opportunistic), smtps (implicit TLS) or none"
                + " (only for a relay on this host)")
        String security() default "starttls";

        String username() default "";

        @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(description = "The installation's sender address; a municipality may set its own in"
                + " policy berichten.afzender")
        String from() default "";

        String fromName() default "Mantelkring";

        @AttributeDefinition(description = "Envelope sender (Return-Path) for delivery status notifications; empty:"
                + " the sender address")
        String bounceAddress() default "";

        @AttributeDefinition(description = "IMAP server of the mailbox that receives the bounces (delivery status"
                + " notifications) sent to the envelope sender (bounceAddress); empty: bounces are not read")
        String bounceMailboxHost() default "";

        int bounceMailboxPort() default 993;

        @AttributeDefinition(description = "imaps (implicit TLS) or imap (only for a server on this host)")
        String bounceMailboxSecurity() default "imaps";

        String bounceMailboxUser() default "";

        @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String bounceMailboxPassword() default "";

        @AttributeDefinition(description = "Hosts whose certificate is trusted without a CA (space separated), for"
                + " a test server; empty: the JVM trust store decides")
        String trustedHosts() default "";

        int connectTimeoutSeconds() default 10;

        int timeoutSeconds() default 30;

        @AttributeDefinition(description = "How often a node looks for work enqueued on other nodes (seconds);"
                + " work enqueued on this node is sent at once")
        int pollSeconds() default 15;

        @AttributeDefinition(description = "Attempts before a message is given up as failed")
        int maxAttempts() default 10;

        @AttributeDefinition(description = "Wait before the first retry (seconds), doubled per attempt, at most 6"
                + " hours")
        int firstRetrySeconds() default 60;
    }

    private final OutboxImpl outbox;
    private final Leases leases;
    private final AuditLog audit;
    private final MessagePolicies policies;
    private final Config config;
    private final Map<String, MessageChannel> channels = new ConcurrentHashMap<>();
    private volatile Letters letters;
    private final Thread thread;
    private volatile boolean running = true;

    @Activate
    public OutboxWorker(@Reference OutboxImpl outbox, @Reference Leases leases, @Reference AuditLog audit,
                        @Reference MessagePolicies policies, Config config) {
        this.outbox = outbox;
        this.leases = leases;
        this.audit = audit;
        this.policies = policies;
        this.config = config;
        this.thread = new Thread(this::run, "mantelkring-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        // woken, never interrupted: H2 closes its database file when a thread is interrupted during file I/O
        outbox.signal();
        thread.join(Duration.ofSeconds(config.timeoutSeconds() + 5L).toMillis());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setLetters(Letters letters) {
        this.letters = letters;
    }

    void unsetLetters(Letters letters) {
        if (this.letters == letters) {
            this.letters = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addChannel(MessageChannel channel, Map<String, Object> properties) {
        Object name = properties.get(MessageChannel.NAME);
        if (name != null) {
            channels.put(String.valueOf(name).toLowerCase(java.util.Locale.ROOT), channel);
        }
        outbox.signal();
    }

    void removeChannel(MessageChannel channel, Map<String, Object> properties) {
        channels.values().remove(channel);
    }

    private void run() {
        while (running) {
            boolean more = false;
            try {
                more = leases.runExclusively(LEASE, Duration.ofSeconds(60), this::drain).orElse(false);
            } catch (DataAccessException e) {
                LOG.warn("Outbox: the database is not reachable ({}); trying again later", e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Outbox: unexpected failure; trying again later", e);
            }
            if (!more) {
                try {
                    outbox.awaitWork(config.pollSeconds() * 1000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One row of the queue as the worker needs it. */
    record Due(String id, String tenant, String kind, String subjectId, Recipient to, String title, String body,
               byte[] letter, String purpose, int attempts, boolean resentInDoubt) {
    }

    /** Sends up to one batch of due messages; true when there may be more due at once. */
    boolean drain(Lease lease) {
        Jdbc jdbc = outbox.jdbc();
        // a mark "being sent" left by an earlier holder (a node that died, or this one before the database failed)
        int inDoubt = jdbc.update("update platform_message set sending_since = null, resent_in_doubt = true"
                + " where status = ? and sending_since is not null", OutboxImpl.QUEUED);
        if (inDoubt > 0) {
            LOG.warn("Outbox: {} message(s) were being sent when their sender stopped; they are sent again with the"
                    + " same Message-ID", inDoubt);
        }
        purgeExpired(jdbc);
        readBounces(jdbc);
        List<Due> due = jdbc.query("select id, tenant, kind, subject_id, recipient, title, body, letter, purpose,"
                + " attempts, resent_in_doubt from platform_message where status = ? and next_attempt_at <= ?"
                + " order by next_attempt_at, created_at, id fetch first " + BATCH + " rows only", OutboxWorker::due,
                OutboxImpl.QUEUED, outbox.now());
        if (due.isEmpty()) {
            return false;
        }
        SmtpMailer mailer = config.host().isBlank() ? null : new SmtpMailer(config);
        try {
            for (Due d : due) {
                if (!running || !lease.isHeld()) {
                    return false;
                }
                process(jdbc, d, mailer);
            }
        } finally {
            if (mailer != null) {
                mailer.close();
            }
        }
        return due.size() == BATCH;
    }

    private static Due due(ResultSet rs) throws SQLException {
        return new Due(rs.getString("id"), rs.getString("tenant"), rs.getString("kind"), rs.getString("subject_id"),
                OutboxImpl.recipient(rs.getString("recipient")), rs.getString("title"), rs.getString("body"),
                rs.getBytes("letter"), rs.getString("purpose"), rs.getInt("attempts"),
                rs.getBoolean("resent_in_doubt"));
    }

    private void process(Jdbc jdbc, Due d, SmtpMailer mailer) {
        Recipient to = d.to();
        String preferred = to.preferredChannel() == null ? "" : to.preferredChannel().toLowerCase(java.util.Locale.ROOT);
        MessageChannel vendor = channels.get(preferred);
        boolean hasEmail = to.email() != null && !to.email().isBlank();
        if (vendor != null && vendor.canReach(to)) {
            deliver(jdbc, d, preferred, () -> vendor.send(new Delivery(d.id(), d.tenant(), d.kind(), to, d.title(),
                    d.body(), attachments(jdbc, d.id()))));
        } else if ("post".equals(preferred) || !hasEmail) {
            if (to.postalAddress().isEmpty()) {
                fail(jdbc, d, "post", "Geen e-mailadres en geen postadres bekend: het bericht kan niet bezorgd"
                        + " worden.", true);
            } else {
                print(jdbc, d);
            }
        } else if (mailer == null) {
            postpone(jdbc, d, "e-mail", "Er is geen mailserver ingesteld (etc/" + PID + ".cfg); het bericht wacht.",
                    false);
        } else {
            MessagePolicies.Sender sender = policies.sender(d.tenant(), config);
            if (sender.address().isBlank()) {
                postpone(jdbc, d, "e-mail", "Er is geen afzenderadres ingesteld (beleid berichten.afzender of"
                        + " 'from' in etc/" + PID + ".cfg); het bericht wacht.", false);
                return;
            }
            deliver(jdbc, d, "e-mail", () -> mailer.send(new SmtpMailer.Mail(d.id(), sender.address(), sender.name(),
                    sender.replyTo(), to.email(), to.name(), d.title(), d.body(), attachments(jdbc, d.id()))));
        }
    }

    @FunctionalInterface
    private interface Send {
        void run() throws DeliveryException;
    }

    private void deliver(Jdbc jdbc, Due d, String channel, Send send) {
        // committed before the delivery: if this node dies before the result is recorded, the next holder knows
        jdbc.update("update platform_message set sending_since = ?, channel = ? where id = ?", outbox.now(), channel,
                d.id());
        try {
            send.run();
        } catch (DeliveryException e) {
            postpone(jdbc, d, channel, e.getMessage(), e.permanent());
            return;
        }
        Instant now = outbox.now();
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "update platform_message set status = ?, sent_at = ?, sending_since = null, attempts ="
                    + " attempts + 1, problem = ?, purge_after = ? where id = ?", OutboxImpl.SENT, now,
                    d.resentInDoubt() ? "Opnieuw verzonden na een onderbreking (zelfde Message-ID)." : null,
                    now.plus(policies.retention(d.tenant())), d.id());
            audit.record(c, entry(d, "bericht.verzenden", "geslaagd: " + channel));
            return null;
        });
    }

    /** Post: the letter (the module's, or subject and text on the letterhead) goes into today's print batch. */
    private void print(Jdbc jdbc, Due d) {
        byte[] pdf = d.letter();
        if (pdf == null) {
            Letters l = letters;
            if (l == null) {
                postpone(jdbc, d, "post", "Brieven kunnen nu niet gemaakt worden (de documentenservice ontbreekt);"
                        + " het bericht wacht.", false);
                return;
            }
            try {
                List<String> lines = new ArrayList<>();
                lines.add(d.to().name());
                lines.addAll(d.to().postalAddress());
                pdf = l.render(d.tenant(), new Letter(lines, LocalDate.now(ZONE), null, d.title(), html(d.body())));
            } catch (RuntimeException e) {
                LOG.error("Outbox: could not make the letter of message {}", d.id(), e);
                postpone(jdbc, d, "post", "De brief kon niet gemaakt worden.", false);
                return;
            }
        }
        byte[] letter = pdf;
        Instant now = outbox.now();
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "update platform_message set status = ?, channel = 'post', letter = ?, sent_at = ?,"
                    + " print_batch = ?, attempts = attempts + 1, problem = null, purge_after = ? where id = ?",
                    OutboxImpl.PRINT, letter, now, LocalDate.ofInstant(now, ZONE), now.plus(policies.retention(
                            d.tenant())).plus(Duration.ofDays(7)), d.id());
            audit.record(c, entry(d, "bericht.afdrukken", "geslaagd: post"));
            return null;
        });
    }

    private void postpone(Jdbc jdbc, Due d, String channel, String problem, boolean permanent) {
        int attempts = d.attempts() + 1;
        if (permanent || attempts >= config.maxAttempts()) {
            fail(jdbc, d, channel, problem, permanent);
            return;
        }
        long wait = Math.min(Duration.ofHours(6).toSeconds(),
                (long) config.firstRetrySeconds() << Math.min(20, attempts - 1));
        jdbc.update("update platform_message set attempts = ?, next_attempt_at = ?, problem = ?, channel = ?,"
                + " sending_since = null where id = ?", attempts, outbox.now().plusSeconds(wait), cut(problem), channel,
                d.id());
        LOG.warn("Outbox: message {} not delivered (attempt {}), next try in {} s", d.id(), attempts, wait);
    }

    private void fail(Jdbc jdbc, Due d, String channel, String problem, boolean permanent) {
        Instant now = outbox.now();
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "update platform_message set status = ?, attempts = attempts + 1, problem = ?, channel = ?,"
                    + " sending_since = null, purge_after = ? where id = ?", OutboxImpl.FAILED, cut(problem), channel,
                    now.plus(policies.retention(d.tenant())), d.id());
            audit.record(c, entry(d, "bericht.verzenden", "mislukt"));
            return null;
        });
        LOG.warn("Outbox: message {} given up ({})", d.id(), permanent ? "refused" : "too many attempts");
    }

    private static AuditEntry entry(Due d, String activity, String outcome) {
        return new AuditEntry(d.tenant(), ACTOR, null, activity, "bericht", d.id(), d.subjectId(), d.purpose(), true,
                null, outcome);
    }

    private static String cut(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static List<Attachment> attachments(Jdbc jdbc, String id) {
        return jdbc.query("select file_name, media_type, content from platform_message_attachment where message_id = ?"
                + " order by seq", rs -> new Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3)), id);
    }

    /** Plain text as the letter body: paragraphs at blank lines, line breaks kept, everything escaped. */
    static String html(String text) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            out.append("<p>").append(escape(paragraph.strip()).replaceAll("\\R", "<br/>")).append("</p>");
        }
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Marks the messages the bounce mailbox reports as undeliverable (audited); a failing mailbox only warns. */
    private void readBounces(Jdbc jdbc) {
        BounceReader reader = new BounceReader(config);
        if (!reader.configured()) {
            return;
        }
        List<BounceReader.Bounce> bounces;
        try {
            bounces = reader.take();
        } catch (jakarta.mail.MessagingException | IllegalStateException e) {
            LOG.warn("Outbox: the bounce mailbox cannot be read ({})", e.getClass().getSimpleName());
            return;
        }
        for (BounceReader.Bounce b : bounces) {
            jdbc.inTransaction(c -> {
                List<Due> rows = Jdbc.query(c, "select id, tenant, kind, subject_id, recipient, title, body, letter,"
                        + " purpose, attempts, resent_in_doubt from platform_message where id = ? and status = ?",
                        OutboxWorker::due, b.messageId(), OutboxImpl.SENT);
                for (Due d : rows) {
                    Jdbc.update(c, "update platform_message set status = ?, problem = ? where id = ?",
                            OutboxImpl.BOUNCED, cut(b.reason()), d.id());
                    audit.record(c, entry(d, "bericht.onbestelbaar", "geslaagd"));
                }
                return null;
            });
        }
    }

    /** Removes bodies, addresses and attachments whose retention period is over; the row (status, dates) stays. */
    private void purgeExpired(Jdbc jdbc) {
        Instant now = outbox.now();
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "delete from platform_message_attachment where message_id in (select id from platform_message"
                    + " where purge_after < ? and body is not null)", now);
            return Jdbc.update(c, "update platform_message set recipient = null, title = null, body = null, letter = null,"
                    + " purge_after = null"
                    + " where purge_after < ? and body is not null", now);
        });
    }
}

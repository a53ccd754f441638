package nl.mantelkring.platform.internal.messages;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.api.messages.Attachment;
import nl.mantelkring.platform.api.messages.MessageInfo;
import nl.mantelkring.platform.api.messages.OutgoingMessage;
import nl.mantelkring.platform.api.messages.Outbox;
import nl.mantelkring.platform.api.messages.Recipient;

/**
 * The outbox's store ({@code platform_message}): what modules enqueue, what the worker ({@link OutboxWorker}) sends
 * and what the consultant reads. Enqueueing wakes the worker once the enqueuing transaction has committed.
 */
@Component(service = {Outbox.class, OutboxImpl.class})
public class OutboxImpl implements Outbox {

    static final String QUEUED = "wachtrij";
    static final String SENT = "verzonden";
    static final String PRINT = "afdrukken";
    static final String FAILED = "mislukt";
    static final String BOUNCED = "onbestelbaar";

    static final int MAX_SUBJECT = 200;
    static final int MAX_TEXT = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final Jdbc jdbc;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean signalled;

    @Activate
    public OutboxImpl(@Reference Database database) {
        this(database, Clock.systemUTC());
    }

    OutboxImpl(Database database, Clock clock) {
        this.database = database;
        this.jdbc = new Jdbc(database.dataSource());
        this.clock = clock;
    }

    Jdbc jdbc() {
        return jdbc;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ------------------------------------------------------------------------------------------------ enqueue

    @Override
    public String enqueue(OutgoingMessage message) {
        check(message);
        String id = jdbc.inTransaction(c -> insert(c, message));
        database.afterCommit(this::signal);
        return id;
    }

    @Override
    public String enqueue(Connection connection, OutgoingMessage message) throws SQLException {
        check(message);
        String id = insert(connection, message);
        database.afterCommit(this::signal);
        return id;
    }

    private static void check(OutgoingMessage m) {
        if (m.subject().isBlank() || m.subject().length() > MAX_SUBJECT) {
            throw new IllegalArgumentException("a message subject has 1 to " + MAX_SUBJECT + " characters");
        }
        if (m.text().length() > MAX_TEXT) {
            throw new IllegalArgumentException("a message text has at most " + MAX_TEXT + " characters");
        }
        if (m.reference().length() > 200 || m.kind().length() > 60 || m.to().subjectId().length() > 64) {
            throw new IllegalArgumentException("reference, kind or subject id too long");
        }
    }

    /** Idempotent on (tenant, reference): the first message's id when the reference is stored already. */
    private String insert(Connection c, OutgoingMessage m) throws SQLException {
        List<String> existing = Jdbc.query(c, "select id from platform_message where tenant = ? and reference = ?",
                rs -> rs.getString(1), m.tenant(), m.reference());
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        String id = UUID.randomUUID().toString();
        Instant now = now();
        Jdbc.update(c, "insert into platform_message (id, tenant, reference, kind, subject_id, status, recipient,"
                + " title, body, letter, purpose, attempts, next_attempt_at, created_at) values (?,?,?,?,?,?,?,?,?,?,?,0,?,?)",
                id, m.tenant(), m.reference(), m.kind(), m.to().subjectId(), QUEUED, json(m.to()), m.subject(), m.text(),
                m.letter(), m.purpose(), now, now);
        int seq = 0;
        for (Attachment a : m.attachments()) {
            Jdbc.update(c, "insert into platform_message_attachment (message_id, seq, file_name, media_type, content)"
                    + " values (?,?,?,?,?)", id, seq++, a.fileName(), a.mediaType(), a.content());
        }
        return id;
    }

    private static String json(Recipient r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Recipient recipient(String json) {
        try {
            return json == null ? null : JSON.readValue(json, Recipient.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored recipient is not JSON", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ waking the worker

    void signal() {
        lock.lock();
        try {
            signalled = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until something was enqueued on this node, or the time passed (the fallback poll for other nodes). */
    void awaitWork(long millis) throws InterruptedException {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!signalled && left > 0) {
                left = work.awaitNanos(left);
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ reads

    static final String INFO_COLUMNS = "id, kind, subject_id, channel, status, title, attempts, problem, created_at,"
            + " sent_at, print_batch";

    static MessageInfo info(ResultSet rs) throws SQLException {
        LocalDate batch = rs.getObject("print_batch", LocalDate.class);
        return new MessageInfo(rs.getString("id"), rs.getString("kind"), rs.getString("subject_id"),
                rs.getString("channel"), rs.getString("status"), rs.getString("title"), rs.getInt("attempts"),
                rs.getString("problem"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "sent_at"),
                batch == null ? null : batch.toString());
    }

    @Override
    public List<MessageInfo> ofSubject(String tenant, String subjectId) {
        return jdbc.query("select " + INFO_COLUMNS + " from platform_message where tenant = ? and subject_id = ?"
                + " order by created_at desc, id", OutboxImpl::info, tenant, subjectId);
    }

    Optional<MessageInfo> find(String tenant, String id) {
        return jdbc.queryOne("select " + INFO_COLUMNS + " from platform_message where tenant = ? and id = ?",
                OutboxImpl::info, tenant, id);
    }

    /** One page of the tenant's messages, newest first, with optional filters. */
    List<MessageInfo> list(String tenant, String subjectId, String status, String kind, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(tenant, subjectId, status, kind, params);
        return jdbc.query("select " + INFO_COLUMNS + " from platform_message" + where + " order by created_at desc, id"
                + " offset " + offset + " rows fetch next " + limit + " rows only", OutboxImpl::info, params.toArray());
    }

    long count(String tenant, String subjectId, String status, String kind) {
        List<Object> params = new ArrayList<>();
        return jdbc.count("select count(*) from platform_message" + where(tenant, subjectId, status, kind, params),
                params.toArray());
    }

    private static String where(String tenant, String subjectId, String status, String kind, List<Object> params) {
        StringBuilder sql = new StringBuilder(" where tenant = ?");
        params.add(tenant);
        for (String[] filter : new String[][] {{"subject_id", subjectId}, {"status", status}, {"kind", kind}}) {
            if (filter[1] != null) {
                sql.append(" and ").append(filter[0]).append(" = ?");
                params.add(filter[1]);
            }
        }
        return sql.toString();
    }

    /** Puts a failed or bounced message back in the queue (when its body is still there); false otherwise. */
    boolean retry(String tenant, String id) {
        return jdbc.update("update platform_message set status = ?, attempts = 0, next_attempt_at = ?, problem = null,"
                + " sending_since = null where tenant = ? and id = ? and status in (?, ?) and body is not null",
                QUEUED, now(), tenant, id, FAILED, BOUNCED) == 1;
    }

    // ------------------------------------------------------------------------------------------------ print batches

    record Batch(LocalDate date, int letters) {
    }

    List<Batch> batches(String tenant) {
        return jdbc.query("select print_batch, count(*) from platform_message where tenant = ? and print_batch is not"
                + " null group by print_batch order by print_batch desc", rs -> new Batch(rs.getObject(1,
                        LocalDate.class), rs.getInt(2)), tenant);
    }

    /** The batch's letters in order (those whose letter was removed after the retention period are left out). */
    List<byte[]> batchLetters(String tenant, LocalDate date) {
        record Letter(String id, byte[] pdf) {
        }
        List<byte[]> out = new ArrayList<>();
        for (Letter l : jdbc.query("select id, letter from platform_message where tenant = ? and print_batch = ?"
                + " and letter is not null order by created_at, id", rs -> new Letter(rs.getString(1), rs.getBytes(2)),
                tenant, date)) {
            out.add(l.pdf());
            // PDF attachments are printed after the letter, unless it is the letter itself
            for (byte[] a : jdbc.query("select content from platform_message_attachment where message_id = ?"
                    + " and media_type = 'application/pdf' order by seq", rs -> rs.getBytes(1), l.id())) {
                if (!java.util.Arrays.equals(a, l.pdf())) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ erasure

    @Override
    public int erase(Connection connection, String tenant, String subjectId) throws SQLException {
        Jdbc.update(connection, "delete from platform_message_attachment where message_id in (select id from"
                + " platform_message where tenant = ? and subject_id = ?)", tenant, subjectId);
        return Jdbc.update(connection, "delete from platform_message where tenant = ? and subject_id = ?", tenant,
                subjectId);
    }
}

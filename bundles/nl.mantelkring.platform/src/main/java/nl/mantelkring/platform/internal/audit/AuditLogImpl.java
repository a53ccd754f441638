package nl.mantelkring.platform.internal.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.internal.db.UnitOfWork;

/**
 * The audit log: one hash chain per tenant (and one, {@code platform}, for installation-wide events). Appending
 * locks the chain's head row, so concurrent appends from several nodes stay in one unbroken sequence.
 */
@Component(service = {AuditLog.class, AuditLogImpl.class})
public class AuditLogImpl implements AuditLog {

    public static final String PLATFORM_CHAIN = "platform";

    private static final String COLUMNS = "chain, seq, occurred_at, tenant, actor, actor_roles, activity,"
            + " record_type, record_id, subject_id, purpose, personal_data, correlation_id, outcome, prev_hash, hash";

    private final Jdbc jdbc;
    /** Outside any request's unit of work: a new chain head commits at once. */
    private final Jdbc own;
    private final javax.sql.DataSource dataSource;

    @Activate
    public AuditLogImpl(@Reference Database database) {
        this.dataSource = database.dataSource();
        this.jdbc = new Jdbc(dataSource);
        this.own = new Jdbc(UnitOfWork.outsideUnit(dataSource));
    }

    /**
     * {@inheritDoc} During an audited write (a {@link UnitOfWork} is bound) the entry is appended when the request
     * commits, with its data, and 0 is returned.
     */
    @Override
    public long record(AuditEntry entry) {
        UnitOfWork unit = UnitOfWork.current();
        if (unit != null) {
            unit.defer(entry);
            return 0;
        }
        String chain = entry.tenant() == null ? PLATFORM_CHAIN : entry.tenant();
        for (int attempt = 0; ; attempt++) {
            try {
                return jdbc.inTransaction(c -> append(c, chain, entry));
            } catch (DataAccessException e) {
                // two first appends to a new chain race on its head row: the loser retries
                if (attempt < 3 && Jdbc.isUniqueViolation(e)) {
                    continue;
                }
                throw e;
            }
        }
    }

    /**
     * {@inheritDoc} On a connection of a request's {@link UnitOfWork} the entry is appended when the request commits
     * (dropped if the caller's transaction rolls back), so that the chain's head is locked last; 0 is returned.
     */
    @Override
    public long record(Connection connection, AuditEntry entry) throws SQLException {
        UnitOfWork unit = UnitOfWork.current();
        if (unit != null && unit.owns(connection)) {
            unit.defer(entry);
            return 0;
        }
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("record(connection, entry) needs a transaction (autocommit off)");
        }
        return append(connection, entry.tenant() == null ? PLATFORM_CHAIN : entry.tenant(), entry);
    }

    @Override
    public long recordAll(Connection connection, List<AuditEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return 0;
        }
        UnitOfWork unit = UnitOfWork.current();
        if (unit != null && unit.owns(connection)) {
            entries.forEach(unit::defer);
            return 0;
        }
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("recordAll(connection, entries) needs a transaction (autocommit off)");
        }
        String tenant = entries.get(0).tenant();
        for (AuditEntry e : entries) {
            if (!java.util.Objects.equals(tenant, e.tenant())) {
                throw new IllegalArgumentException("recordAll takes the entries of one tenant at a time");
            }
        }
        String chain = tenant == null ? PLATFORM_CHAIN : tenant;
        long seq = append(connection, chain, entries.get(0));
        if (entries.size() == 1) {
            return seq;
        }
        String prev = Jdbc.query(connection, "select last_hash from audit_chain where chain = ?",
                rs -> rs.getString(1), chain).get(0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Object[]> rows = new ArrayList<>(entries.size() - 1);
        for (AuditEntry e : entries.subList(1, entries.size())) {
            seq++;
            String hash = AuditHash.of(chain, seq, now, e, prev);
            rows.add(new Object[] {chain, seq, now, e.tenant(), e.actor(), e.actorRoles(), e.activity(),
                e.recordType(), e.recordId(), e.subjectId(), e.purpose(), e.personalData(), e.correlationId(),
                e.outcome(), prev, hash});
            prev = hash;
        }
        Jdbc.batch(connection, "insert into audit_entry (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows);
        Jdbc.update(connection, "update audit_chain set last_seq = ?, last_hash = ? where chain = ?", seq, prev, chain);
        return seq;
    }

    /**
     * Ends a request's unit of work: appends the entries deferred during the request and then {@code last} (if
     * not null) on the unit's connection, and commits data and entries together. When anything fails, all of it
     * rolls back and the failure is thrown.
     */
    public void commit(UnitOfWork unit, AuditEntry last) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>(unit.deferred());
        if (last != null) {
            entries.add(last);
        }
        unit.commit(dataSource, entries.isEmpty() ? null : c -> {
            // one chain after the other, in a fixed order, so that two requests never wait for each other's head
            java.util.Map<String, List<AuditEntry>> byChain = new java.util.TreeMap<>();
            for (AuditEntry e : entries) {
                byChain.computeIfAbsent(e.tenant() == null ? PLATFORM_CHAIN : e.tenant(), k -> new ArrayList<>())
                        .add(e);
            }
            for (List<AuditEntry> chain : byChain.values()) {
                recordAll(c, chain);
            }
        });
    }

    private long append(Connection c, String chain, AuditEntry e) throws SQLException {
        List<Object[]> head = lockHead(c, chain);
        if (head.isEmpty()) {
            // a new chain: its empty head is created on a connection of its own, where losing the race with
            // another node (unique key) is harmless; the caller's transaction then locks it like any other head
            createHead(chain);
            head = lockHead(c, chain);
        }
        long seq = (Long) head.get(0)[0] + 1;
        String prev = (String) head.get(0)[1];
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String hash = AuditHash.of(chain, seq, now, e, prev);
        Jdbc.update(c, "insert into audit_entry (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", chain,
                seq, now, e.tenant(), e.actor(), e.actorRoles(), e.activity(), e.recordType(), e.recordId(),
                e.subjectId(), e.purpose(), e.personalData(), e.correlationId(), e.outcome(), prev, hash);
        Jdbc.update(c, "update audit_chain set last_seq = ?, last_hash = ? where chain = ?", seq, hash, chain);
        return seq;
    }

    private static List<Object[]> lockHead(Connection c, String chain) throws SQLException {
        return Jdbc.query(c, "select last_seq, last_hash from audit_chain where chain = ? for update",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}, chain);
    }

    private void createHead(String chain) {
        try {
            own.update("insert into audit_chain (chain, last_seq, last_hash) values (?, 0, ?)", chain,
                    AuditHash.GENESIS);
        } catch (DataAccessException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    /** Query filters; null fields do not filter. */
    public record Query(String actor, String recordType, String recordId, String subjectId, String activity,
                        Instant from, Instant until) {
    }

    public Page<StoredAuditEntry> find(String chain, Query q, PageRequest page) {
        StringBuilder where = new StringBuilder(" where chain = ?");
        List<Object> params = new ArrayList<>();
        params.add(chain);
        addFilter(where, params, "actor = ?", q.actor());
        addFilter(where, params, "record_type = ?", q.recordType());
        addFilter(where, params, "record_id = ?", q.recordId());
        addFilter(where, params, "subject_id = ?", q.subjectId());
        addFilter(where, params, "activity = ?", q.activity());
        addFilter(where, params, "occurred_at >= ?", q.from());
        addFilter(where, params, "occurred_at < ?", q.until());
        Object[] p = params.toArray();
        if (params.size() == 1) {
            // unfiltered: sequence numbers are gap-free, so the head gives the size and a page is a key range
            long head = jdbc.queryOne("select last_seq from audit_chain where chain = ?", rs -> rs.getLong(1), chain)
                    .orElse(0L);
            long hi = head - page.offset();
            long lo = hi - page.pageSize() + 1;
            List<StoredAuditEntry> rows = hi < 1 ? List.of() : jdbc.query("select " + COLUMNS + " from audit_entry"
                    + " where chain = ? and seq >= ? and seq <= ? order by seq desc", AuditLogImpl::map, chain,
                    Math.max(1, lo), hi);
            return Page.of(rows, page, head);
        }
        long total = jdbc.count("select count(*) from audit_entry" + where, p);
        List<StoredAuditEntry> rows = jdbc.query("select " + COLUMNS + " from audit_entry" + where
                + " order by seq desc offset " + page.offset() + " rows fetch next " + page.pageSize()
                + " rows only", AuditLogImpl::map, p);
        return Page.of(rows, page, total);
    }

    private static void addFilter(StringBuilder where, List<Object> params, String clause, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.add(value);
        }
    }

    /** Outcome of verifying a chain. */
    public record Verification(String chain, boolean valid, long checked, Long firstBadSeq, String problem) {
    }

    /**
     * Recomputes every hash of the chain in order: an altered entry fails its own hash, a removed one breaks the
     * sequence or the link to its predecessor, and a removed tail no longer matches the chain head.
     */
    public Verification verify(String chain) {
        return jdbc.inConnection(c -> {
            // the head first: entries appended while we verify lie beyond it and are left for the next check
            List<Object[]> head = Jdbc.query(c, "select last_seq, last_hash from audit_chain where chain = ?",
                    rs -> new Object[] {rs.getLong(1), rs.getString(2)}, chain);
            long headSeq = head.isEmpty() ? 0 : (Long) head.get(0)[0];
            String headHash = head.isEmpty() ? AuditHash.GENESIS : (String) head.get(0)[1];
            String prev = AuditHash.GENESIS;
            long expected = 1;
            long checked = 0;
            try (var ps = c.prepareStatement("select " + COLUMNS + " from audit_entry where chain = ? and seq <= ?"
                    + " order by seq")) {
                ps.setFetchSize(1000);
                ps.setString(1, chain);
                ps.setLong(2, headSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredAuditEntry s = map(rs);
                        if (s.seq() != expected) {
                            return new Verification(chain, false, checked, expected,
                                    "Regel " + expected + " ontbreekt.");
                        }
                        if (!s.prevHash().equals(prev)) {
                            return new Verification(chain, false, checked, s.seq(),
                                    "Regel " + s.seq() + " sluit niet aan op de vorige regel.");
                        }
                        String h = AuditHash.of(chain, s.seq(), s.occurredAt(), s.entry(), s.prevHash());
                        if (!h.equals(s.hash())) {
                            return new Verification(chain, false, checked, s.seq(),
                                    "Regel " + s.seq() + " is gewijzigd na vastlegging.");
                        }
                        prev = s.hash();
                        expected++;
                        checked++;
                    }
                }
            }
            if (checked != headSeq || !prev.equals(headHash)) {
                return new Verification(chain, false, checked, checked + 1,
                        "De laatste regel(s) van het logboek ontbreken of zijn gewijzigd.");
            }
            return new Verification(chain, true, checked, null, null);
        });
    }

    private static StoredAuditEntry map(ResultSet rs) throws SQLException {
        AuditEntry e = new AuditEntry(rs.getString("tenant"), rs.getString("actor"), rs.getString("actor_roles"),
                rs.getString("activity"), rs.getString("record_type"), rs.getString("record_id"),
                rs.getString("subject_id"), rs.getString("purpose"), rs.getBoolean("personal_data"),
                rs.getString("correlation_id"), rs.getString("outcome"));
        return new StoredAuditEntry(rs.getString("chain"), rs.getLong("seq"), Jdbc.instant(rs, "occurred_at"), e,
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}

package nl.mantelkring.respite.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;

/**
 * The offerings in the database. Every statement is scoped by tenant: the owner reads and writes its rows, a
 * tenant an offering is shared with only reads them. Every write takes the next global revision, from which the
 * search index of every node learns what changed.
 */
@Component(service = OfferingStore.class)
public class OfferingStore {

    static final String OWNER_ONLY = "urn:nl:mantelkring:probleem:alleen-eigenaar";

    /** What an upsert by external id did. */
    enum Outcome { AANGEMAAKT, BIJGEWERKT, ONGEWIJZIGD }

    /** What an upsert did, and to which offering. */
    record Upserted(Outcome outcome, String id) {
    }

    /** A stored row as the index sees it. */
    record Row(String id, String tenant, boolean deleted, Offering offering) {
    }

    /** Rows changed after a revision, and the revision they bring the reader to. */
    record Changes(long revision, List<Row> rows) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Jdbc jdbc;

    @Activate
    public OfferingStore(@Reference Database database) {
        database.migrate("respite", getClass().getClassLoader());
        this.jdbc = new Jdbc(database.dataSource());
    }

    Jdbc jdbc() {
        return jdbc;
    }

    /**
     * Stores a new offering (already validated) for the tenant; returns it as stored. Without an external id the
     * offering's own id becomes its external id, so that every offering survives a CSV export and re-import.
     */
    Offering create(String tenant, Offering valid, String actor) {
        try {
            return jdbc.inTransaction(c -> insert(c, tenant, valid, actor));
        } catch (RuntimeException e) {
            throw conflictOnDuplicate(e);
        }
    }

    /** Replaces an offering the tenant owns; 404 when not visible, 403 when only shared, 409 on a stale version. */
    Offering update(String tenant, String id, Offering valid, String actor) {
        try {
            return jdbc.inTransaction(c -> {
                Row current = owned(c, tenant, id);
                if (valid.version() != null && valid.version() != current.offering().version()) {
                    throw new ProblemException(409, Problems.CONFLICT, "Conflict", "Dit aanbod is intussen gewijzigd"
                            + " (versie " + current.offering().version() + "); haal het opnieuw op.");
                }
                Offering next = valid.externalId() != null ? valid
                        : valid.withExternalId(current.offering().externalId());
                return write(c, tenant, id, next, current.offering().version() + 1, actor, Write.UPDATE);
            });
        } catch (RuntimeException e) {
            throw conflictOnDuplicate(e);
        }
    }

    /**
     * Deletes an offering the tenant owns. A tombstone stays for the search indexes of other nodes (and keeps the
     * external id, so a re-import brings the offering back); the contact person is removed from it.
     */
    void delete(String tenant, String id, String actor) {
        jdbc.inTransaction(c -> {
            Row current = owned(c, tenant, id);
            write(c, tenant, id, current.offering().withoutPersonalData(), current.offering().version() + 1, actor,
                    Write.DELETE);
            return null;
        });
    }

    /** The offering if the tenant owns it or it is shared with the tenant. */
    Optional<Offering> find(String tenant, String id) {
        return jdbc.queryOne("select o.* from respite_offering o where o.id = ? and o.deleted = false and"
                + " (o.tenant = ? or exists (select 1 from respite_share s where s.offering_id = o.id and"
                + " s.tenant = ?))", OfferingStore::row, id, tenant, tenant).map(Row::offering);
    }

    /** The tenant's own offerings (not deleted), ordered by external id and id: for the CSV export. */
    List<Offering> owned(String tenant) {
        return jdbc.query("select * from respite_offering where tenant = ? and deleted = false"
                + " order by external_id, id", OfferingStore::row, tenant).stream().map(Row::offering).toList();
    }

    /**
     * Inserts or updates the tenant's offering with this external id within the caller's transaction; an equal
     * offering is left alone.
     */
    Upserted upsert(Connection c, String tenant, Offering valid, String actor) throws SQLException {
        Objects.requireNonNull(valid.externalId());
        List<Row> existing = Jdbc.query(c, "select * from respite_offering where tenant = ? and external_id = ?",
                OfferingStore::row, tenant, valid.externalId());
        if (existing.isEmpty()) {
            return new Upserted(Outcome.AANGEMAAKT, insert(c, tenant, valid, actor).id());
        }
        Row row = existing.get(0);
        if (!row.deleted() && row.offering().content().equals(valid.content())) {
            return new Upserted(Outcome.ONGEWIJZIGD, row.id());
        }
        write(c, tenant, row.id(), valid, row.offering().version() + 1, actor, Write.UPDATE);
        return new Upserted(Outcome.BIJGEWERKT, row.id());
    }

    /** The rows changed after {@code revision} (all tenants: the index applies visibility per tenant). */
    Changes changesSince(long revision) {
        return jdbc.inConnection(c -> {
            long now = Jdbc.query(c, "select revision from respite_revision where id = 1", rs -> rs.getLong(1))
                    .get(0);
            if (now == revision) {
                return new Changes(now, List.of());
            }
            List<Row> rows = Jdbc.query(c, "select * from respite_offering where revision > ? and revision <= ?"
                    + " order by revision", OfferingStore::row, revision, now);
            return new Changes(now, rows);
        });
    }

    /** The current global revision (cheap: one row). */
    long revision() {
        return jdbc.queryOne("select revision from respite_revision where id = 1", rs -> rs.getLong(1)).orElse(0L);
    }

    private Offering insert(Connection c, String tenant, Offering valid, String actor) throws SQLException {
        String id = UUID.randomUUID().toString();
        Offering withExternalId = valid.externalId() != null ? valid : valid.withExternalId(id);
        return write(c, tenant, id, withExternalId, 1, actor, Write.INSERT);
    }

    private enum Write { INSERT, UPDATE, DELETE }

    private Offering write(Connection c, String tenant, String id, Offering valid, int version, String actor,
                           Write kind) throws SQLException {
        long revision = nextRevision(c);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Offering stored = valid.withServerFields(id, tenant, version, now.toString());
        String doc = toJson(stored);
        if (kind == Write.INSERT) {
            Jdbc.update(c, "insert into respite_offering (tenant, id, external_id, revision, version, deleted,"
                    + " document, updated_at, updated_by) values (?, ?, ?, ?, ?, false, ?, ?, ?)", tenant, id,
                    stored.externalId(), revision, version, doc, now, actor);
        } else {
            Jdbc.update(c, "update respite_offering set external_id = ?, revision = ?, version = ?, deleted = ?,"
                    + " document = ?, updated_at = ?, updated_by = ? where tenant = ? and id = ?",
                    stored.externalId(), revision, version, kind == Write.DELETE, doc, now, actor, tenant, id);
        }
        Jdbc.update(c, "delete from respite_share where offering_id = ?", id);
        if (kind != Write.DELETE) {
            for (String t : stored.sharedWith()) {
                Jdbc.update(c, "insert into respite_share (tenant, offering_id) values (?, ?)", t, id);
            }
        }
        return stored;
    }

    private Row owned(Connection c, String tenant, String id) throws SQLException {
        List<Row> mine = Jdbc.query(c, "select * from respite_offering where tenant = ? and id = ? and deleted = false"
                + " for update", OfferingStore::row, tenant, id);
        if (!mine.isEmpty()) {
            return mine.get(0);
        }
        long shared = Jdbc.query(c, "select count(*) from respite_share where tenant = ? and offering_id = ?",
                rs -> rs.getLong(1), tenant, id).get(0);
        if (shared > 0) {
            throw new ProblemException(403, OWNER_ONLY, "Alleen de eigenaar wijzigt",
                    "Dit aanbod is met uw gemeente gedeeld; alleen de gemeente die het beheert kan het wijzigen.");
        }
        throw ProblemException.notFound("Geen respijtaanbod met dit id.");
    }

    private static long nextRevision(Connection c) throws SQLException {
        Jdbc.update(c, "update respite_revision set revision = revision + 1 where id = 1");
        return Jdbc.query(c, "select revision from respite_revision where id = 1", rs -> rs.getLong(1)).get(0);
    }

    private static RuntimeException conflictOnDuplicate(RuntimeException e) {
        if (Jdbc.isUniqueViolation(e)) {
            return ProblemException.conflict("Er is al respijtaanbod van uw gemeente met dit externId.");
        }
        return e;
    }

    static String toJson(Offering o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Offering fromJson(String json) {
        try {
            return JSON.readValue(json, Offering.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored offering unreadable", e);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("tenant"), rs.getBoolean("deleted"),
                fromJson(rs.getString("document")));
    }
}

package nl.mantelkring.platform.internal.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;

/** Tenants in the database. Lookups by code are cached briefly; writes on this node invalidate at once. */
@Component(service = TenantStore.class)
public class TenantStore {

    private static final long CACHE_NANOS = 2_000_000_000L;

    private record Cached(Optional<Tenant> tenant, long at) {
    }

    private final Jdbc jdbc;
    private final Database database;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    @Activate
    public TenantStore(@Reference Database database) {
        this.jdbc = new Jdbc(database.dataSource());
        this.database = database;
    }

    public Optional<Tenant> find(String code) {
        long now = System.nanoTime();
        Cached c = cache.get(code);
        if (c != null && now - c.at < CACHE_NANOS) {
            return c.tenant;
        }
        Optional<Tenant> t = jdbc.queryOne("select * from tenant where code = ?", TenantStore::map, code);
        cache.put(code, new Cached(t, now));
        return t;
    }

    /** A page of tenants, optionally limited to the given codes, ordered by code. */
    public Page<Tenant> list(PageRequest page, Collection<String> onlyCodes) {
        if (onlyCodes != null && onlyCodes.isEmpty()) {
            return Page.of(List.of(), page, 0);
        }
        String where = "";
        Object[] params = new Object[0];
        if (onlyCodes != null) {
            where = " where code in (" + String.join(",", java.util.Collections.nCopies(onlyCodes.size(), "?")) + ")";
            params = onlyCodes.toArray();
        }
        long total = jdbc.count("select count(*) from tenant" + where, params);
        List<Tenant> rows = jdbc.query("select * from tenant" + where + " order by code offset " + page.offset()
                + " rows fetch next " + page.pageSize() + " rows only", TenantStore::map, params);
        return Page.of(rows, page, total);
    }

    public Tenant create(String code, String name, TenantStatus status) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            jdbc.update("insert into tenant (code, name, status, created_at, updated_at) values (?, ?, ?, ?, ?)",
                    code, name, status.apiName(), now, now);
        } catch (DataAccessException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw ProblemException.conflict("Gemeente " + code + " bestaat al.");
            }
            throw e;
        }
        forget(code);
        return new Tenant(code, name, status, now, now);
    }

    public Optional<Tenant> update(String code, String name, TenantStatus status) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int n = jdbc.update("update tenant set name = ?, status = ?, updated_at = ? where code = ?", name,
                status.apiName(), now, code);
        forget(code);
        return n == 0 ? Optional.empty() : find(code);
    }

    private static Tenant map(ResultSet rs) throws SQLException {
        return new Tenant(rs.getString("code"), rs.getString("name"),
                TenantStatus.byApiName(rs.getString("status")).orElse(TenantStatus.INACTIVE),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    /**
     * Drops the cached entry now and again once the request's change is committed: a request reading in between
     * would otherwise cache what is about to change.
     */
    private void forget(String key) {
        cache.remove(key);
        database.afterCommit(() -> cache.remove(key));
    }

}

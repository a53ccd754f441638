package nl.mantelkring.platform.internal.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;

/**
 * Per-tenant roles granted through the API, kept in the database (shared by every node). A user's grants are
 * cached for two seconds; a change on this node applies at once.
 */
@Component(service = RoleGrants.class)
public class RoleGrants {

    private static final long CACHE_NANOS = 2_000_000_000L;

    /** One user's grants in one tenant. */
    public record Grant(String tenant, String username, Set<Role> roles, String grantedBy, Instant grantedAt) {
    }

    private record Cached(Map<String, Set<Role>> roles, long at) {
    }

    private final Jdbc jdbc;
    private final Database database;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Activate
    public RoleGrants(@Reference Database database) {
        this.jdbc = new Jdbc(database.dataSource());
        this.database = database;
    }

    /** The user's granted roles per tenant. */
    public Map<String, Set<Role>> of(String username) {
        long now = System.nanoTime();
        Cached c = cache.get(username);
        if (c != null && now - c.at < CACHE_NANOS) {
            return c.roles;
        }
        Map<String, Set<Role>> roles = new HashMap<>();
        for (String[] row : jdbc.query("select tenant, role from role_grant where username = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, username)) {
            Role.byName(row[1]).filter(Role::perTenant)
                    .ifPresent(r -> roles.computeIfAbsent(row[0], t -> EnumSet.noneOf(Role.class)).add(r));
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(username, new Cached(roles, now));
        return roles;
    }

    /** Replaces the user's grants in the tenant (an empty set revokes them all). */
    public Grant set(String tenant, String username, Set<Role> roles, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            jdbc.inTransactionRetryingDuplicates(c -> {
                Jdbc.update(c, "delete from role_grant where tenant = ? and username = ?", tenant, username);
                for (Role r : roles) {
                    Jdbc.update(c, "insert into role_grant (tenant, username, role, granted_by, granted_at)"
                            + " values (?, ?, ?, ?, ?)", tenant, username, r.roleName(), by, now);
                }
                return null;
            });
        } catch (DataAccessException e) {
            // two administrators (possibly on two nodes) gave this user roles at the same moment
            if (Jdbc.isUniqueViolation(e)) {
                throw ProblemException.conflict("De rollen van " + username + " zijn tegelijk door iemand anders"
                        + " gewijzigd; haal ze opnieuw op en probeer het nog eens.");
            }
            throw e;
        }
        forget(username);
        return new Grant(tenant, username, roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles), by, now);
    }

    /** The users with grants in the tenant, by user name. */
    public Page<Grant> list(String tenant, PageRequest page) {
        long total = jdbc.count("select count(distinct username) from role_grant where tenant = ?", tenant);
        List<String> names = jdbc.query("select distinct username from role_grant where tenant = ? order by username"
                + " offset " + page.offset() + " rows fetch next " + page.pageSize() + " rows only",
                rs -> rs.getString(1), tenant);
        return Page.of(names.stream().map(n -> find(tenant, n)).toList(), page, total);
    }

    /** The user's grants in the tenant (empty roles when none). */
    public Grant find(String tenant, String username) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String by = null;
        Instant at = null;
        for (Object[] row : jdbc.query("select role, granted_by, granted_at from role_grant where tenant = ?"
                + " and username = ? order by role", rs -> new Object[] {rs.getString(1), rs.getString(2),
                    Jdbc.instant(rs, "granted_at")}, tenant, username)) {
            Role.byName((String) row[0]).ifPresent(roles::add);
            by = (String) row[1];
            at = (Instant) row[2];
        }
        return new Grant(tenant, username, roles, by, at);
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

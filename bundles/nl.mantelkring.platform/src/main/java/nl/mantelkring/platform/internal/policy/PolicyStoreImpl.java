package nl.mantelkring.platform.internal.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyVersion;

/**
 * Policy versions in the database. Every save inserts a new version; a concurrent save of the same key and year
 * loses on the primary key and is answered 409, so no version is silently lost.
 */
@Component(service = {PolicyStore.class, PolicyStoreImpl.class})
public class PolicyStoreImpl implements PolicyStore {

    /** Stored year for a value that applies to every year. */
    static final int EVERY_YEAR = 0;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String COLUMNS =
            "tenant, policy_key, policy_year, version, policy_value, changed_by, changed_at, reason";

    private final Jdbc jdbc;

    @Activate
    public PolicyStoreImpl(@Reference Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    @Override
    public Optional<PolicyVersion> current(String tenant, String key, int year) {
        Optional<PolicyVersion> forYear = latest(tenant, key, year);
        return forYear.isPresent() ? forYear : latest(tenant, key, null);
    }

    @Override
    public Optional<PolicyVersion> latest(String tenant, String key, Integer year) {
        return jdbc.queryOne("select " + COLUMNS + " from policy_version where tenant = ? and policy_key = ?"
                + " and policy_year = ? order by version desc fetch first 1 rows only", PolicyStoreImpl::map,
                tenant, key, year == null ? EVERY_YEAR : year);
    }

    @Override
    public PolicyVersion save(String tenant, String key, Integer year, String value, String changedBy,
                              String reason) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("waarde", "Geef de waarde als JSON-document.");
        }
        try {
            JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("waarde", "Geen geldig JSON-document.");
        }
        int storedYear = year == null ? EVERY_YEAR : year;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            return jdbc.inTransaction(c -> {
                int next = Jdbc.query(c, "select coalesce(max(version), 0) from policy_version where tenant = ?"
                        + " and policy_key = ? and policy_year = ?", rs -> rs.getInt(1), tenant, key, storedYear)
                        .get(0) + 1;
                Jdbc.update(c, "insert into policy_version (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)",
                        tenant, key, storedYear, next, value, changedBy, now, reason);
                return new PolicyVersion(tenant, key, year, next, value, changedBy, now, reason);
            });
        } catch (DataAccessException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw ProblemException.conflict("Het beleid '" + key + "' is tegelijk door iemand anders gewijzigd;"
                        + " haal de nieuwste versie op en probeer het opnieuw.");
            }
            throw e;
        }
    }

    @Override
    public List<PolicyVersion> history(String tenant, String key) {
        return jdbc.query("select " + COLUMNS + " from policy_version where tenant = ? and policy_key = ?"
                + " order by changed_at desc, policy_year desc, version desc", PolicyStoreImpl::map, tenant, key);
    }

    /** The keys that have a value for the tenant, sorted, with their latest version of any year. */
    public List<PolicyVersion> latestPerKey(String tenant, String keyPrefixToSkip) {
        return jdbc.query("select " + COLUMNS + " from policy_version p where tenant = ? and policy_key not like ?"
                + " and version = (select max(version) from policy_version q where q.tenant = p.tenant"
                + " and q.policy_key = p.policy_key and q.policy_year = p.policy_year)"
                + " order by policy_key, policy_year", PolicyStoreImpl::map, tenant, keyPrefixToSkip + "%");
    }

    private static PolicyVersion map(ResultSet rs) throws SQLException {
        int year = rs.getInt("policy_year");
        return new PolicyVersion(rs.getString("tenant"), rs.getString("policy_key"),
                year == EVERY_YEAR ? null : year, rs.getInt("version"), rs.getString("policy_value"),
                rs.getString("changed_by"), Jdbc.instant(rs, "changed_at"), rs.getString("reason"));
    }
}

package nl.mantelkring.employers.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.registration.CaregiverDirectory;

/**
 * Links registered working caregivers to their employer, only with the caregiver's consent for the purpose
 * {@value #CONSENT} (kept by the registration module), for reporting only. Needs the registration module: without
 * it this component (and its API) is not active.
 */
@Component(service = CaregiverLinks.class)
public class CaregiverLinks {

    static final String CONSENT = "werkgeverskoppeling";

    /** A link as the API shows it: ids only. */
    public record View(@JsonProperty("mantelzorgerId") String caregiverId,
                       @JsonProperty("werkgeverId") String employerId,
                       @JsonProperty("gekoppeldOp") Instant linkedAt,
                       @JsonProperty("gekoppeldDoor") String linkedBy) {
    }

    /** Linked working caregivers per employer (null employer: working, employer not given). */
    public record Count(@JsonProperty("werkgeverId") String employerId, @JsonProperty("werkgever") String employerName,
                        @JsonProperty("sector") String sector,
                        @JsonProperty("aantalWerkendeMantelzorgers") long caregivers) {
    }

    private final Jdbc jdbc;
    private final EmployerStore employers;
    private final CaregiverDirectory directory;
    private final AuditLog audit;

    @Activate
    public CaregiverLinks(@Reference EmployerStore employers, @Reference CaregiverDirectory directory,
                          @Reference AuditLog audit) {
        this.employers = employers;
        this.jdbc = employers.jdbc();
        this.directory = directory;
        this.audit = audit;
    }

    /** Links (or re-links) the caregiver; 404 unknown caregiver, 409 without consent, 400 unknown employer. */
    View link(String tenant, String caregiverId, String employerId, String actor) {
        if (directory.caregiver(tenant, caregiverId).filter(c -> c.active()).isEmpty()) {
            throw ProblemException.notFound("Geen (actieve) mantelzorger met dit id in deze gemeente.");
        }
        if (!directory.hasConsent(tenant, caregiverId, CONSENT)) {
            throw new ProblemException(409, Problems.of("geen-toestemming"), "Geen toestemming",
                    "De mantelzorger heeft geen toestemming gegeven voor koppeling met een werkgever (doel '"
                            + CONSENT + "'); leg die eerst vast in de mantelzorgregistratie.");
        }
        if (employerId != null && employers.find(tenant, employerId).isEmpty()) {
            throw ProblemException.invalid("werkgeverId", "Geen werkgever met dit id in deze gemeente.");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // replace, else create; the same link put twice at once: the second's insert fails on the key once the
        // first commits, and its repeat replaces the first's row
        jdbc.inTransactionRetryingDuplicates(c -> {
            if (Jdbc.update(c, "update employers_caregiver_link set employer_id = ?, linked_at = ?, linked_by = ?"
                    + " where tenant = ? and caregiver_id = ?", employerId, now, actor, tenant, caregiverId) == 0) {
                Jdbc.update(c, "insert into employers_caregiver_link (tenant, caregiver_id, employer_id, linked_at,"
                        + " linked_by) values (?,?,?,?,?)", tenant, caregiverId, employerId, now, actor);
            }
            return null;
        });
        return find(tenant, caregiverId).orElseThrow();
    }

    Optional<View> find(String tenant, String caregiverId) {
        return jdbc.queryOne("select * from employers_caregiver_link where tenant = ? and caregiver_id = ?",
                CaregiverLinks::view, tenant, caregiverId);
    }

    private static View view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new View(rs.getString("caregiver_id"), rs.getString("employer_id"), Jdbc.instant(rs, "linked_at"),
                rs.getString("linked_by"));
    }

    boolean unlink(String tenant, String caregiverId) {
        return jdbc.update("delete from employers_caregiver_link where tenant = ? and caregiver_id = ?", tenant,
                caregiverId) > 0;
    }

    Page<View> list(String tenant, PageRequest page) {
        long total = jdbc.count("select count(*) from employers_caregiver_link where tenant = ?", tenant);
        return Page.of(jdbc.query("select * from employers_caregiver_link where tenant = ? order by linked_at,"
                + " caregiver_id offset " + page.offset() + " rows fetch next " + page.pageSize() + " rows only",
                CaregiverLinks::view, tenant), page, total);
    }

    /** Counts per employer: a report without any caregiver id. */
    List<Count> report(String tenant) {
        return jdbc.query("select l.employer_id, e.name, e.sector, count(*) as n from employers_caregiver_link l"
                + " left join employers_employer e on e.tenant = l.tenant and e.id = l.employer_id"
                + " where l.tenant = ? group by l.employer_id, e.name, e.sector order by n desc, e.name",
                rs -> new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)), tenant);
    }

    /**
     * Removes the link when the caregiver was erased or withdrew consent (called from the registration events);
     * audited as a system action. Idempotent.
     */
    void forget(String tenant, String caregiverId, String why) {
        jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, "delete from employers_caregiver_link where tenant = ? and caregiver_id = ?",
                    tenant, caregiverId);
            if (n > 0) {
                audit.record(c, new AuditEntry(tenant, "systeem:werkgeverskoppeling", null,
                        "werkende-mantelzorger.ontkoppelen", "werkende-mantelzorger", caregiverId, caregiverId, why,
                        true, null, "geslaagd"));
            }
            return null;
        });
    }

    /** After a registration change: a link without consent (any more) goes. */
    void recheck(String tenant, String caregiverId) {
        if (find(tenant, caregiverId).isPresent() && (!directory.hasConsent(tenant, caregiverId, CONSENT)
                || directory.caregiver(tenant, caregiverId).filter(c -> c.active()).isEmpty())) {
            forget(tenant, caregiverId, "Toestemming ingetrokken of uitgeschreven (AVG art. 7 lid 3)");
        }
    }

    /** The caregiver's part of the right-of-access export. */
    Map<String, Object> export(String tenant, String caregiverId) {
        Map<String, Object> out = new LinkedHashMap<>();
        find(tenant, caregiverId).ifPresent(v -> out.put("werkgeverskoppeling", v));
        return out;
    }
}

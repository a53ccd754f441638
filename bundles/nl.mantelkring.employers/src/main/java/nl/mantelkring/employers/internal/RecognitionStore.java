package nl.mantelkring.employers.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.data.Jdbc;

/** Recognitions in the database, scoped by tenant; "expired" is derived from the expiry date on every read. */
@Component(service = RecognitionStore.class)
public class RecognitionStore {

    private static final String SELECT = "select r.*, e.name as employer_name from employers_recognition r"
            + " join employers_employer e on e.tenant = r.tenant and e.id = r.employer_id";

    private final Jdbc jdbc;

    @Activate
    public RecognitionStore(@Reference EmployerStore employers) {
        this.jdbc = employers.jdbc();
    }

    /**
     * Starts a recognition for an employer; 409 while the employer has one that has not expired. The check and
     * the insert run in one transaction that first locks the employer's row.
     */
    Recognition.View create(String tenant, String employerId, Recognition.Input in, LocalDate expiresOn,
                            LocalDate today) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        jdbc.inTransaction(c -> {
            if (Jdbc.query(c, "select id from employers_employer where tenant = ? and id = ? for update",
                    rs -> rs.getString(1), tenant, employerId).isEmpty()) {
                throw ProblemException.notFound("Geen werkgever met dit id.");
            }
            long open = Jdbc.query(c, "select count(*) from employers_recognition where tenant = ? and employer_id = ?"
                    + " and (status <> ? or expires_on > ?)", rs -> rs.getLong(1), tenant, employerId,
                    Recognition.RECOGNISED, today).get(0);
            if (open > 0) {
                throw ProblemException.conflict("Deze werkgever heeft al een lopende erkenning; wijzig die."
                        + " Een nieuwe erkenning kan pas na het verlopen van de vorige.");
            }
            Recognition.Criteria cr = in.criteria();
            Jdbc.update(c, "insert into employers_recognition (tenant, id, employer_id, status, interested_on,"
                    + " recognised_on, expires_on, c_open_met, c_open_evidence, c_leave_met, c_leave_evidence,"
                    + " c_tailored_met, c_tailored_evidence, measures, remarks, created_at, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    tenant, id, employerId, in.status(), in.interestedOn(), in.recognisedOn(), expiresOn,
                    cr.openness().met(), cr.openness().evidence(), cr.leave().met(), cr.leave().evidence(),
                    cr.tailored().met(), cr.tailored().evidence(), String.join(",", in.measures()), in.remarks(),
                    now, now);
            return null;
        });
        return find(tenant, employerId, id, today).orElseThrow();
    }

    /** Changes a recognition; an expired one is history and cannot change (409). */
    Optional<Recognition.View> update(String tenant, String employerId, String id, Recognition.Input in,
                                      LocalDate expiresOn, LocalDate today) {
        Optional<Recognition.View> current = find(tenant, employerId, id, today);
        if (current.isEmpty()) {
            return current;
        }
        if (Recognition.EXPIRED.equals(current.get().status())) {
            throw ProblemException.conflict("Deze erkenning is verlopen en kan niet meer worden gewijzigd;"
                    + " begin een nieuwe erkenning.");
        }
        Recognition.Criteria cr = in.criteria();
        jdbc.update("update employers_recognition set status = ?, interested_on = ?, recognised_on = ?,"
                + " expires_on = ?, c_open_met = ?, c_open_evidence = ?, c_leave_met = ?, c_leave_evidence = ?,"
                + " c_tailored_met = ?, c_tailored_evidence = ?, measures = ?, remarks = ?, updated_at = ?"
                + " where tenant = ? and employer_id = ? and id = ?",
                in.status(), in.interestedOn(), in.recognisedOn(), expiresOn, cr.openness().met(),
                cr.openness().evidence(), cr.leave().met(), cr.leave().evidence(), cr.tailored().met(),
                cr.tailored().evidence(), String.join(",", in.measures()), in.remarks(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), tenant, employerId, id);
        return find(tenant, employerId, id, today);
    }

    Optional<Recognition.View> find(String tenant, String employerId, String id, LocalDate today) {
        return jdbc.queryOne(SELECT + " where r.tenant = ? and r.employer_id = ? and r.id = ?",
                rs -> map(rs, today), tenant, employerId, id);
    }

    /** An employer's recognitions, newest first. */
    Page<Recognition.View> listForEmployer(String tenant, String employerId, PageRequest page, LocalDate today) {
        long total = jdbc.count("select count(*) from employers_recognition where tenant = ? and employer_id = ?",
                tenant, employerId);
        return Page.of(jdbc.query(SELECT + " where r.tenant = ? and r.employer_id = ?"
                + " order by r.interested_on desc, r.created_at desc, r.id offset " + page.offset()
                + " rows fetch next " + page.pageSize() + " rows only", rs -> map(rs, today), tenant, employerId),
                page, total);
    }

    /**
     * The tenant's recognitions, optionally with one (effective) status and/or expiring within {@code withinDays}
     * days from today (recognised, not yet expired, expiry date at most today + days; soonest first).
     */
    Page<Recognition.View> list(String tenant, String status, Integer withinDays, PageRequest page, LocalDate today) {
        StringBuilder where = new StringBuilder(" where r.tenant = ?");
        List<Object> params = new ArrayList<>(List.of(tenant));
        if (status != null) {
            switch (status) {
                case Recognition.EXPIRED -> {
                    where.append(" and r.status = ? and r.expires_on <= ?");
                    params.addAll(List.of(Recognition.RECOGNISED, today));
                }
                case Recognition.RECOGNISED -> {
                    where.append(" and r.status = ? and r.expires_on > ?");
                    params.addAll(List.of(Recognition.RECOGNISED, today));
                }
                default -> {
                    where.append(" and r.status = ?");
                    params.add(status);
                }
            }
        }
        String order = " order by r.interested_on, r.id";
        if (withinDays != null) {
            where.append(" and r.status = ? and r.expires_on > ? and r.expires_on <= ?");
            params.addAll(List.of(Recognition.RECOGNISED, today, today.plusDays(withinDays)));
            order = " order by r.expires_on, r.id";
        }
        Object[] p = params.toArray();
        long total = jdbc.count("select count(*) from employers_recognition r" + where, p);
        return Page.of(jdbc.query(SELECT + where + order + " offset " + page.offset() + " rows fetch next "
                + page.pageSize() + " rows only", rs -> map(rs, today), p), page, total);
    }

    private static Recognition.View map(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate expires = rs.getObject("expires_on", LocalDate.class);
        String measures = rs.getString("measures");
        return new Recognition.View(rs.getString("id"), rs.getString("employer_id"), rs.getString("employer_name"),
                Recognition.effectiveStatus(rs.getString("status"), expires, today),
                rs.getObject("interested_on", LocalDate.class), rs.getObject("recognised_on", LocalDate.class),
                expires,
                new Recognition.Criteria(
                        new Recognition.Criterion(rs.getBoolean("c_open_met"), rs.getString("c_open_evidence")),
                        new Recognition.Criterion(rs.getBoolean("c_leave_met"), rs.getString("c_leave_evidence")),
                        new Recognition.Criterion(rs.getBoolean("c_tailored_met"),
                                rs.getString("c_tailored_evidence"))),
                measures.isEmpty() ? List.of() : Arrays.asList(measures.split(",")), rs.getString("remarks"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }
}

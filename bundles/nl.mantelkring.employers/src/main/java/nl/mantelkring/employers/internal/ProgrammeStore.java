package nl.mantelkring.employers.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Jdbc;

/** Programmes and participations, scoped by tenant. */
@Component(service = ProgrammeStore.class)
public class ProgrammeStore {

    private static final String SELECT = "select p.*, (select count(*) from employers_participation d"
            + " where d.tenant = p.tenant and d.programme_id = p.id) as participants from employers_programme p";

    private final Jdbc jdbc;

    @Activate
    public ProgrammeStore(@Reference EmployerStore employers) {
        this.jdbc = employers.jdbc();
    }

    Programme.View create(String tenant, Programme.Input in) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        jdbc.update("insert into employers_programme (tenant, id, kind, name, description, start_date, end_date,"
                + " outcomes, employees_reached, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant, id, in.kind(), in.name(), in.description(), in.startDate(), in.endDate(), in.outcomes(),
                in.employeesReached(), now, now);
        return find(tenant, id).orElseThrow();
    }

    Optional<Programme.View> update(String tenant, String id, Programme.Input in) {
        int n = jdbc.update("update employers_programme set kind = ?, name = ?, description = ?, start_date = ?,"
                + " end_date = ?, outcomes = ?, employees_reached = ?, updated_at = ? where tenant = ? and id = ?",
                in.kind(), in.name(), in.description(), in.startDate(), in.endDate(), in.outcomes(),
                in.employeesReached(), Instant.now().truncatedTo(ChronoUnit.MILLIS), tenant, id);
        return n == 0 ? Optional.empty() : find(tenant, id);
    }

    boolean delete(String tenant, String id) {
        return jdbc.update("delete from employers_programme where tenant = ? and id = ?", tenant, id) > 0;
    }

    Optional<Programme.View> find(String tenant, String id) {
        return jdbc.queryOne(SELECT + " where p.tenant = ? and p.id = ?", ProgrammeStore::map, tenant, id);
    }

    Programme.View require(String tenant, String id) {
        return find(tenant, id).orElseThrow(() -> ProblemException.notFound("Geen programma met dit id."));
    }

    /** Programmes, optionally of one kind, newest start first. */
    Page<Programme.View> list(String tenant, String kind, PageRequest page) {
        String where = " where p.tenant = ?" + (kind == null ? "" : " and p.kind = ?");
        Object[] params = kind == null ? new Object[] {tenant} : new Object[] {tenant, kind};
        long total = jdbc.count("select count(*) from employers_programme p" + where, params);
        return Page.of(jdbc.query(SELECT + where + " order by p.start_date desc, p.id offset " + page.offset()
                + " rows fetch next " + page.pageSize() + " rows only", ProgrammeStore::map, params), page, total);
    }

    /** Adds a participant; 409 when the employer already takes part, 400 when there is no such employer. */
    Programme.Participation join(String tenant, String programmeId, String employerId, String outcome) {
        require(tenant, programmeId);
        if (jdbc.count("select count(*) from employers_employer where tenant = ? and id = ?", tenant, employerId)
                == 0) {
            throw ProblemException.invalid("werkgeverId", "Geen werkgever met dit id in deze gemeente.");
        }
        try {
            jdbc.update("insert into employers_participation (tenant, programme_id, employer_id, outcome, joined_at)"
                    + " values (?, ?, ?, ?, ?)", tenant, programmeId, employerId, outcome,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
        } catch (DataAccessException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw ProblemException.conflict("Deze werkgever neemt al deel aan dit programma.");
            }
            throw e;
        }
        return participation(tenant, programmeId, employerId).orElseThrow();
    }

    Optional<Programme.Participation> changeOutcome(String tenant, String programmeId, String employerId,
                                                    String outcome) {
        int n = jdbc.update("update employers_participation set outcome = ? where tenant = ? and programme_id = ?"
                + " and employer_id = ?", outcome, tenant, programmeId, employerId);
        return n == 0 ? Optional.empty() : participation(tenant, programmeId, employerId);
    }

    boolean leave(String tenant, String programmeId, String employerId) {
        return jdbc.update("delete from employers_participation where tenant = ? and programme_id = ?"
                + " and employer_id = ?", tenant, programmeId, employerId) > 0;
    }

    Optional<Programme.Participation> participation(String tenant, String programmeId, String employerId) {
        return jdbc.queryOne(PARTICIPATIONS + " and d.employer_id = ?", ProgrammeStore::participation, tenant,
                programmeId, employerId);
    }

    List<Programme.Participation> participations(String tenant, String programmeId) {
        return jdbc.query(PARTICIPATIONS + " order by e.name, d.employer_id", ProgrammeStore::participation, tenant,
                programmeId);
    }

    private static final String PARTICIPATIONS = "select d.*, e.name as employer_name from employers_participation d"
            + " join employers_employer e on e.tenant = d.tenant and e.id = d.employer_id"
            + " where d.tenant = ? and d.programme_id = ?";

    private static Programme.Participation participation(ResultSet rs) throws SQLException {
        return new Programme.Participation(rs.getString("employer_id"), rs.getString("employer_name"),
                rs.getString("outcome"), Jdbc.instant(rs, "joined_at"));
    }

    private static Programme.View map(ResultSet rs) throws SQLException {
        return new Programme.View(rs.getString("id"), rs.getString("kind"), rs.getString("name"),
                rs.getString("description"), rs.getObject("start_date", java.time.LocalDate.class),
                rs.getObject("end_date", java.time.LocalDate.class), rs.getString("outcomes"),
                (Integer) rs.getObject("employees_reached"), rs.getLong("participants"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }
}

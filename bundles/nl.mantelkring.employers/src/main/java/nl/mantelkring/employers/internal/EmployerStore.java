package nl.mantelkring.employers.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;

/** Employers in the database; migrates the module's tables on activation. Every query is scoped by tenant. */
@Component(service = EmployerStore.class)
public class EmployerStore {

    static final String OWNER = "employers";

    private final Jdbc jdbc;

    @Activate
    public EmployerStore(@Reference Database database) {
        database.migrate(OWNER, getClass().getClassLoader());
        this.jdbc = new Jdbc(database.dataSource());
    }

    Jdbc jdbc() {
        return jdbc;
    }

    Employer.View create(String tenant, Employer.Input in) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Employer.Address a = in.address() == null ? new Employer.Address(null, null, null, null, null) : in.address();
        Employer.Contact c = orEmpty(in.contact());
        Employer.Contact cc = orEmpty(in.careContact());
        try {
            jdbc.update("insert into employers_employer (tenant, id, name, kvk_number, sector, size_class, street,"
                    + " house_number, house_number_addition, postcode, city, contact_name, contact_email, contact_phone,"
                    + " care_contact_name, care_contact_email, care_contact_phone, created_at, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    tenant, id, in.name(), in.kvkNumber(), in.sector(), in.sizeClass(), a.street(), a.houseNumber(),
                    a.addition(), a.postcode(), a.city(), c.name(), c.email(), c.phone(), cc.name(), cc.email(),
                    cc.phone(), now, now);
        } catch (DataAccessException e) {
            throw duplicateKvk(e, in.kvkNumber());
        }
        return find(tenant, id).orElseThrow();
    }

    Optional<Employer.View> update(String tenant, String id, Employer.Input in) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Employer.Address a = in.address() == null ? new Employer.Address(null, null, null, null, null) : in.address();
        Employer.Contact c = orEmpty(in.contact());
        Employer.Contact cc = orEmpty(in.careContact());
        int n;
        try {
            n = jdbc.update("update employers_employer set name = ?, kvk_number = ?, sector = ?, size_class = ?,"
                    + " street = ?, house_number = ?, house_number_addition = ?, postcode = ?, city = ?,"
                    + " contact_name = ?, contact_email = ?, contact_phone = ?, care_contact_name = ?,"
                    + " care_contact_email = ?, care_contact_phone = ?, updated_at = ? where tenant = ? and id = ?",
                    in.name(), in.kvkNumber(), in.sector(), in.sizeClass(), a.street(), a.houseNumber(), a.addition(),
                    a.postcode(), a.city(), c.name(), c.email(), c.phone(), cc.name(), cc.email(), cc.phone(), now,
                    tenant, id);
        } catch (DataAccessException e) {
            throw duplicateKvk(e, in.kvkNumber());
        }
        return n == 0 ? Optional.empty() : find(tenant, id);
    }

    /** Deletes the employer with its recognitions, scans, measurements and participations (cascade). */
    boolean delete(String tenant, String id) {
        return jdbc.update("delete from employers_employer where tenant = ? and id = ?", tenant, id) > 0;
    }

    Optional<Employer.View> find(String tenant, String id) {
        return jdbc.queryOne("select * from employers_employer where tenant = ? and id = ?", EmployerStore::map,
                tenant, id);
    }

    /** The employer or a 404. */
    Employer.View require(String tenant, String id) {
        return find(tenant, id).orElseThrow(() -> ProblemException.notFound("Geen werkgever met dit id."));
    }

    /** A page of employers, optionally filtered by (part of the) name, sector and KvK number; ordered by name, id. */
    Page<Employer.View> list(String tenant, String nameContains, String sector, String kvk, PageRequest page) {
        StringBuilder where = new StringBuilder(" where tenant = ?");
        List<Object> params = new ArrayList<>(List.of(tenant));
        if (nameContains != null && !nameContains.isBlank()) {
            where.append(" and lower(name) like ? escape '!'");
            params.add("%" + nameContains.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%");
        }
        if (sector != null) {
            where.append(" and sector = ?");
            params.add(sector);
        }
        if (kvk != null) {
            where.append(" and kvk_number = ?");
            params.add(kvk);
        }
        Object[] p = params.toArray();
        long total = jdbc.count("select count(*) from employers_employer" + where, p);
        List<Employer.View> rows = jdbc.query("select * from employers_employer" + where + " order by name, id offset "
                + page.offset() + " rows fetch next " + page.pageSize() + " rows only", EmployerStore::map, p);
        return Page.of(rows, page, total);
    }

    private static ProblemException duplicateKvk(DataAccessException e, String kvk) {
        if (Jdbc.isUniqueViolation(e)) {
            return ProblemException.conflict("Er is al een werkgever met KvK-nummer " + kvk + ".");
        }
        throw e;
    }

    private static Employer.Contact orEmpty(Employer.Contact c) {
        return c == null ? new Employer.Contact(null, null, null) : c;
    }

    private static Employer.View map(ResultSet rs) throws SQLException {
        Employer.Address address = rs.getString("street") == null ? null
                : new Employer.Address(rs.getString("street"), (Integer) rs.getObject("house_number"),
                        rs.getString("house_number_addition"), rs.getString("postcode"), rs.getString("city"));
        return new Employer.View(rs.getString("id"), rs.getString("name"), rs.getString("kvk_number"),
                rs.getString("sector"), rs.getString("size_class"), address,
                contact(rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("contact_phone")),
                contact(rs.getString("care_contact_name"), rs.getString("care_contact_email"),
                        rs.getString("care_contact_phone")),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    private static Employer.Contact contact(String name, String email, String phone) {
        return name == null ? null : new Employer.Contact(name, email, phone);
    }
}

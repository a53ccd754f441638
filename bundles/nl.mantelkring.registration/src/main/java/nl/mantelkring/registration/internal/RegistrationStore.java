package nl.mantelkring.registration.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.registration.CareRelationInfo;
import nl.mantelkring.registration.CaregiverInfo;
import nl.mantelkring.registration.Erasure;
import nl.mantelkring.registration.internal.Json.CaregiverOut;
import nl.mantelkring.registration.internal.Json.CheckOut;
import nl.mantelkring.registration.internal.Json.CheckSummary;
import nl.mantelkring.registration.internal.Json.ConsentEvent;
import nl.mantelkring.registration.internal.Json.ConsentState;
import nl.mantelkring.registration.internal.Json.ConsentsOut;
import nl.mantelkring.registration.internal.Json.HistoryOut;
import nl.mantelkring.registration.internal.Json.RecipientOut;
import nl.mantelkring.registration.internal.Json.RelationOut;
import nl.mantelkring.registration.internal.Model.Consent;
import nl.mantelkring.registration.internal.Model.Person;
import nl.mantelkring.registration.internal.Model.Relation;

/**
 * The module's tables. Every statement is scoped by tenant; BSN and IBAN pass through {@link Crypto} on the way
 * in and out. Methods that change a registration also write a history row (field names, never values).
 */
@Component(service = RegistrationStore.class)
public class RegistrationStore {

    static final String OWNER = "registration";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CAREGIVER_COLUMNS = "c.*, (select count(*) from registration_relation r"
            + " where r.tenant = c.tenant and r.caregiver_id = c.id and r.status = 'actief') as active_relations";

    private final Jdbc jdbc;
    private final Crypto crypto;

    @Activate
    public RegistrationStore(@Reference Database database, @Reference Crypto crypto) {
        database.migrate(OWNER, getClass().getClassLoader());
        this.jdbc = new Jdbc(database.dataSource());
        this.crypto = crypto;
    }

    Jdbc jdbc() {
        return jdbc;
    }

    // ------------------------------------------------------------------------------------------------ caregivers

    /** Registers a caregiver; 409 with a pointer when the person is registered already. */
    String register(String tenant, String actor, Person p, String bsn, String iban, List<Consent> consents) {
        String bsnHash = crypto.lookupHash(tenant, bsn);
        String identity = p.identityKey();
        duplicate(tenant, bsnHash, identity).ifPresent(existing -> {
            throw duplicateProblem(tenant, existing);
        });
        String id = UUID.randomUUID().toString();
        Instant now = Clocks.now();
        try {
            jdbc.inTransaction(c -> {
                Jdbc.update(c, "insert into registration_caregiver (id, tenant, status, first_name, name_prefix,"
                        + " last_name, name_norm, birth_date, street, house_number, house_number_addition, postcode,"
                        + " city, email, phone, preferred_channel, lives_in_municipality, working, bsn_cipher, bsn_hash,"
                        + " iban_cipher, identity_key, registered_at, updated_at, version)"
                        + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
                        id, tenant, Codes.ACTIVE, p.first(), p.prefix(), p.last(), p.nameNorm(), p.birthDate(),
                        p.street(), p.number(), p.addition(), p.postcode(), p.city(), p.email(), p.phone(),
                        p.channel(), p.livesInMunicipality(), p.working(), crypto.encrypt(tenant, "bsn", bsn), bsnHash,
                        crypto.encrypt(tenant, "iban", iban), identity, now, now);
                tokens(c, tenant, id, p.nameNorm());
                for (Consent consent : consents) {
                    insertConsent(c, tenant, id, actor, consent, now);
                }
                history(c, tenant, id, actor, "geregistreerd", null, now);
                return null;
            });
        } catch (DataAccessException e) {
            if (Jdbc.isUniqueViolation(e)) {
                // a concurrent registration of the same person won the race
                throw duplicate(tenant, bsnHash, identity).map(existing -> duplicateProblem(tenant, existing))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
        return id;
    }

    /** Replaces the caregiver's name tokens: the distinct words of the normalised name. */
    private static void tokens(Connection c, String tenant, String caregiverId, String nameNorm) throws SQLException {
        Jdbc.update(c, "delete from registration_name_token where tenant = ? and caregiver_id = ?", tenant, caregiverId);
        for (String token : new TreeSet<>(Arrays.asList(nameNorm.split(" ")))) {
            if (!token.isEmpty()) {
                Jdbc.update(c, "insert into registration_name_token (tenant, token, caregiver_id) values (?,?,?)",
                        tenant, token.length() > 100 ? token.substring(0, 100) : token, caregiverId);
            }
        }
    }

    private Optional<String> duplicate(String tenant, String bsnHash, String identity) {
        return jdbc.queryOne("select id from registration_caregiver where tenant = ? and (identity_key = ?"
                + (bsnHash == null ? "" : " or bsn_hash = ?") + ")", rs -> rs.getString(1),
                bsnHash == null ? new Object[] {tenant, identity} : new Object[] {tenant, identity, bsnHash});
    }

    private static ProblemException duplicateProblem(String tenant, String existing) {
        return new ProblemException(409, Problems.of("dubbele-registratie"), "Al geregistreerd",
                "Deze persoon is al als mantelzorger geregistreerd in deze gemeente (zelfde BSN, of zelfde naam,"
                        + " geboortedatum en postcode); zie 'bestaandeRegistratie'.")
                .with("bestaandeRegistratie", "/api/v1/gemeenten/" + tenant + "/mantelzorgers/" + existing);
    }

    /** Replaces the details; 404 when unknown, 409 when the change makes it a duplicate of another record. */
    void update(String tenant, String id, String actor, Person p) {
        Row before = row(tenant, id).orElseThrow(RegistrationStore::caregiverNotFound);
        List<String> changed = before.changedFields(p);
        String identity = Codes.ACTIVE.equals(before.status) ? p.identityKey() : null;
        if (identity != null) {
            duplicate(tenant, null, identity).filter(other -> !other.equals(id)).ifPresent(other -> {
                throw duplicateProblem(tenant, other);
            });
        }
        Instant now = Clocks.now();
        try {
            jdbc.inTransaction(c -> {
                Jdbc.update(c, "update registration_caregiver set first_name = ?, name_prefix = ?, last_name = ?,"
                        + " name_norm = ?, birth_date = ?, street = ?, house_number = ?, house_number_addition = ?,"
                        + " postcode = ?, city = ?, email = ?, phone = ?, preferred_channel = ?,"
                        + " lives_in_municipality = ?, working = ?, identity_key = ?, updated_at = ?,"
                        + " version = version + 1 where tenant = ? and id = ?",
                        p.first(), p.prefix(), p.last(), p.nameNorm(), p.birthDate(), p.street(), p.number(),
                        p.addition(), p.postcode(), p.city(), p.email(), p.phone(), p.channel(),
                        p.livesInMunicipality(), p.working(), identity, now, tenant, id);
                tokens(c, tenant, id, p.nameNorm());
                history(c, tenant, id, actor, "gewijzigd", changed.isEmpty() ? "geen wijzigingen"
                        : String.join(", ", changed), now);
                return null;
            });
        } catch (DataAccessException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw ProblemException.conflict("Deze wijziging maakt de registratie gelijk aan een andere.");
            }
            throw e;
        }
    }

    /** Sets or clears BSN and IBAN (null clears). */
    void updateSensitive(String tenant, String id, String actor, String bsn, String iban) {
        Row before = row(tenant, id).orElseThrow(RegistrationStore::caregiverNotFound);
        String bsnHash = Codes.ACTIVE.equals(before.status) ? crypto.lookupHash(tenant, bsn) : null;
        if (bsnHash != null) {
            duplicate(tenant, bsnHash, "-").filter(other -> !other.equals(id)).ifPresent(other -> {
                throw duplicateProblem(tenant, other);
            });
        }
        Instant now = Clocks.now();
        List<String> changed = new ArrayList<>();
        if (!java.util.Objects.equals(bsn, decrypt(tenant, "bsn", before.bsnCipher))) {
            changed.add("bsn");
        }
        if (!java.util.Objects.equals(iban, decrypt(tenant, "iban", before.ibanCipher))) {
            changed.add("iban");
        }
        try {
            jdbc.inTransaction(c -> {
                Jdbc.update(c, "update registration_caregiver set bsn_cipher = ?, bsn_hash = ?, iban_cipher = ?,"
                        + " updated_at = ?, version = version + 1 where tenant = ? and id = ?",
                        crypto.encrypt(tenant, "bsn", bsn), bsnHash, crypto.encrypt(tenant, "iban", iban), now,
                        tenant, id);
                history(c, tenant, id, actor, "gevoelige gegevens gewijzigd",
                        changed.isEmpty() ? "geen wijzigingen" : String.join(", ", changed), now);
                return null;
            });
        } catch (DataAccessException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw ProblemException.conflict("Dit BSN is al bij een andere registratie vastgelegd.");
            }
            throw e;
        }
    }

    /** BSN and IBAN in full (for an audited reveal). */
    Json.SensitiveOut sensitive(String tenant, String id) {
        Row r = row(tenant, id).orElseThrow(RegistrationStore::caregiverNotFound);
        return new Json.SensitiveOut(decrypt(tenant, "bsn", r.bsnCipher), decrypt(tenant, "iban", r.ibanCipher));
    }

    /** Finds the active registration with this BSN (through the keyed hash). */
    Optional<String> findByBsn(String tenant, String bsn) {
        return jdbc.queryOne("select id from registration_caregiver where tenant = ? and bsn_hash = ?",
                rs -> rs.getString(1), tenant, crypto.lookupHash(tenant, bsn));
    }

    /** Deregisters: the record stays until its retention ends, but no longer counts as a duplicate. */
    void deregister(String tenant, String id, String actor, String reason) {
        Instant now = Clocks.now();
        jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, "update registration_caregiver set status = ?, deregistered_at = ?,"
                    + " deregistration_reason = ?, identity_key = null, bsn_hash = null, updated_at = ?,"
                    + " version = version + 1 where tenant = ? and id = ? and status = ?",
                    Codes.DEREGISTERED, now, reason, now, tenant, id, Codes.ACTIVE);
            if (n == 0) {
                throw row(tenant, id).isPresent() ? ProblemException.conflict("Deze mantelzorger is al uitgeschreven.")
                        : caregiverNotFound();
            }
            Jdbc.update(c, "update registration_relation set status = ?, ended_on = ?, end_reason = ?, updated_at = ?,"
                    + " version = version + 1 where tenant = ? and caregiver_id = ? and status = ?",
                    Codes.ENDED, Clocks.today(), "anders", now, tenant, id, Codes.ACTIVE);
            history(c, tenant, id, actor, "uitgeschreven", "reden: " + reason, now);
            return null;
        });
    }

    Optional<CaregiverOut> find(String tenant, String id) {
        return jdbc.queryOne("select " + CAREGIVER_COLUMNS + " from registration_caregiver c where c.tenant = ? and c.id = ?",
                rs -> caregiver(rs, true), tenant, id);
    }

    /** One caregiver with relations, consents, overload checks and history. */
    Optional<CaregiverOut> read(String tenant, String id) {
        return find(tenant, id).map(c -> c.withDetails(relations(tenant, id), consents(tenant, id),
                checks(tenant, id), history(tenant, id)));
    }

    private Optional<Row> row(String tenant, String id) {
        return jdbc.queryOne("select * from registration_caregiver where tenant = ? and id = ?", Row::new, tenant, id);
    }

    boolean exists(String tenant, String id) {
        return jdbc.count("select count(*) from registration_caregiver where tenant = ? and id = ?", tenant, id) > 0;
    }

    boolean isActive(String tenant, String id) {
        return row(tenant, id).map(r -> Codes.ACTIVE.equals(r.status)).orElseThrow(RegistrationStore::caregiverNotFound);
    }

    static ProblemException caregiverNotFound() {
        return ProblemException.notFound("Geen mantelzorger met dit id in deze gemeente.");
    }

    /** Search criteria (all optional); see the OpenAPI description of {@code GET …/mantelzorgers}. */
    record Criteria(String name, String postcode, String relation, Boolean young, Boolean working, String outcome,
                    LocalDate registeredFrom, LocalDate registeredUntil, String status, String sort) {
    }

    Page<CaregiverOut> search(String tenant, Criteria q, PageRequest page) {
        StringBuilder where = new StringBuilder(" from registration_caregiver c where c.tenant = ?");
        List<Object> params = new ArrayList<>(List.of(tenant));
        if (q.status() != null) {
            where.append(" and c.status = ?");
            params.add(q.status());
        }
        if (q.name() != null) {
            // every word typed must begin a word of the name ("jan de v" finds "Jan de Vries"): index range scans
            for (String word : Model.normalise(q.name()).split(" ")) {
                if (!word.isEmpty()) {
                    where.append(" and c.id in (select t.caregiver_id from registration_name_token t"
                            + " where t.tenant = ? and t.token like ? escape '!')");
                    params.add(tenant);
                    params.add(likeEscape(word) + "%");
                }
            }
        }
        if (q.postcode() != null) {
            where.append(" and c.postcode like ?");
            params.add(q.postcode() + "%");
        }
        if (q.relation() != null) {
            where.append(" and exists (select 1 from registration_relation r where r.tenant = c.tenant"
                    + " and r.caregiver_id = c.id and r.status = 'actief' and r.relation_type = ?)");
            params.add(q.relation());
        }
        if (q.young() != null) {
            // younger than 25 today: born after this day 25 years ago
            where.append(q.young() ? " and c.birth_date > ?" : " and c.birth_date <= ?");
            params.add(Clocks.today().minusYears(25));
        }
        if (q.working() != null) {
            where.append(" and c.working = ?");
            params.add(q.working());
        }
        if (q.outcome() != null) {
            where.append(" and c.latest_check_outcome = ?");
            params.add(q.outcome());
        }
        if (q.registeredFrom() != null) {
            where.append(" and c.registered_at >= ?");
            params.add(q.registeredFrom().atStartOfDay(Clocks.ZONE).toInstant());
        }
        if (q.registeredUntil() != null) {
            where.append(" and c.registered_at < ?");
            params.add(q.registeredUntil().plusDays(1).atStartOfDay(Clocks.ZONE).toInstant());
        }
        String order = switch (q.sort() == null ? "-geregistreerdOp" : q.sort()) {
            case "naam" -> "c.last_name, c.first_name, c.id";   // index registration_caregiver_sortname
            case "geregistreerdOp" -> "c.registered_at, c.id";
            default -> "c.registered_at desc, c.id desc";        // index registration_caregiver_registered
        };
        Object[] p = params.toArray();
        long total = jdbc.count("select count(*)" + where, p);
        // first the page's ids (read in index order where possible), then those rows with their details
        List<String> ids = jdbc.query("select c.id" + where + " order by " + order + " offset " + page.offset()
                + " rows fetch next " + page.pageSize() + " rows only", rs -> rs.getString(1), p);
        if (ids.isEmpty()) {
            return Page.of(List.of(), page, total);
        }
        Map<String, CaregiverOut> rows = new java.util.HashMap<>();
        Object[] inParams = new Object[ids.size() + 1];
        inParams[0] = tenant;
        for (int i = 0; i < ids.size(); i++) {
            inParams[i + 1] = ids.get(i);
        }
        jdbc.query("select " + CAREGIVER_COLUMNS + " from registration_caregiver c where c.tenant = ? and c.id in ("
                + String.join(",", java.util.Collections.nCopies(ids.size(), "?")) + ")",
                rs -> rows.put(rs.getString("id"), caregiver(rs, false)), inParams);
        return Page.of(ids.stream().map(rows::get).filter(java.util.Objects::nonNull).toList(), page, total);
    }

    private static String likeEscape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private CaregiverOut caregiver(ResultSet rs, boolean sensitiveMasked) throws SQLException {
        String tenant = rs.getString("tenant");
        LocalDate birth = rs.getObject("birth_date", LocalDate.class);
        LocalDate today = Clocks.today();
        int age = java.time.Period.between(birth, today).getYears();
        Date checkOn = rs.getDate("latest_check_on");
        String first = rs.getString("first_name");
        String prefix = rs.getString("name_prefix");
        String last = rs.getString("last_name");
        return new CaregiverOut(rs.getString("id"), rs.getString("status"),
                new Json.NameOut(first, prefix, last, Person.fullName(first, prefix, last)), birth, age,
                new Json.AddressOut(rs.getString("street"), (Integer) rs.getObject("house_number"),
                        rs.getString("house_number_addition"), rs.getString("postcode"), rs.getString("city")),
                rs.getString("email"), rs.getString("phone"), rs.getString("preferred_channel"),
                (Boolean) rs.getObject("lives_in_municipality"), (Boolean) rs.getObject("working"), age < 25,
                sensitiveMasked ? Model.maskBsn(decrypt(tenant, "bsn", rs.getString("bsn_cipher"))) : null,
                sensitiveMasked ? Model.maskIban(decrypt(tenant, "iban", rs.getString("iban_cipher"))) : null,
                rs.getInt("active_relations"),
                checkOn == null ? null : new CheckSummary(checkOn.toLocalDate(), rs.getString("latest_check_outcome")),
                Jdbc.instant(rs, "registered_at"), Jdbc.instant(rs, "updated_at"),
                Jdbc.instant(rs, "deregistered_at"), rs.getString("deregistration_reason"), null, null, null, null);
    }

    /** Decrypts a stored IBAN of the tenant (for the directory's bulk payee read). */
    String decryptIban(String tenant, String cipher) {
        return crypto.decrypt(tenant, "iban", cipher);
    }

    private String decrypt(String tenant, String field, String cipher) {
        return crypto.decrypt(tenant, field, cipher);
    }

    /** The columns of one caregiver row that updates compare and reveal. */
    private static final class Row {
        final String status;
        final String bsnCipher;
        final String ibanCipher;
        final Map<String, Object> values = new LinkedHashMap<>();

        Row(ResultSet rs) throws SQLException {
            status = rs.getString("status");
            bsnCipher = rs.getString("bsn_cipher");
            ibanCipher = rs.getString("iban_cipher");
            values.put("naam.voornaam", rs.getString("first_name"));
            values.put("naam.tussenvoegsel", rs.getString("name_prefix"));
            values.put("naam.achternaam", rs.getString("last_name"));
            values.put("geboortedatum", rs.getObject("birth_date", LocalDate.class));
            values.put("adres.straat", rs.getString("street"));
            values.put("adres.huisnummer", rs.getObject("house_number"));
            values.put("adres.huisnummertoevoeging", rs.getString("house_number_addition"));
            values.put("adres.postcode", rs.getString("postcode"));
            values.put("adres.woonplaats", rs.getString("city"));
            values.put("email", rs.getString("email"));
            values.put("telefoon", rs.getString("phone"));
            values.put("voorkeurskanaal", rs.getString("preferred_channel"));
            values.put("woontInGemeente", rs.getObject("lives_in_municipality"));
            values.put("werkend", rs.getObject("working"));
        }

        List<String> changedFields(Person p) {
            Object[] now = {p.first(), p.prefix(), p.last(), p.birthDate(), p.street(), p.number(), p.addition(),
                p.postcode(), p.city(), p.email(), p.phone(), p.channel(), p.livesInMunicipality(), p.working()};
            List<String> changed = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, Object> e : values.entrySet()) {
                if (!java.util.Objects.equals(e.getValue(), now[i++])) {
                    changed.add(e.getKey());
                }
            }
            return changed;
        }
    }

    // ------------------------------------------------------------------------------------------------ relations

    /** Adds a care relation; links an existing recipient by id or (when recorded) BSN, else creates one. */
    String addRelation(String tenant, String caregiverId, String actor, Relation r) {
        if (!isActive(tenant, caregiverId)) {
            throw ProblemException.conflict("Deze mantelzorger is uitgeschreven; er kunnen geen zorgrelaties bij.");
        }
        String id = UUID.randomUUID().toString();
        Instant now = Clocks.now();
        jdbc.inTransaction(c -> {
            String recipientId = recipient(c, tenant, r, now);
            boolean activeAlready = !Jdbc.query(c, "select id from registration_relation where tenant = ? and"
                    + " caregiver_id = ? and recipient_id = ? and status = 'actief'", rs -> rs.getString(1),
                    tenant, caregiverId, recipientId).isEmpty();
            if (activeAlready) {
                throw ProblemException.conflict("Er is al een actieve zorgrelatie met deze zorgvrager.");
            }
            Jdbc.update(c, "insert into registration_relation (id, tenant, caregiver_id, recipient_id, relation_type,"
                    + " care_since, hours_per_week, care_kinds, wmo, wlz, zvw, terminal, status, created_at,"
                    + " updated_at, version) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
                    id, tenant, caregiverId, recipientId, r.relation(), r.careSince(), r.hoursPerWeek(),
                    String.join(",", new TreeSet<>(r.careKinds())), r.wmo(), r.wlz(), r.zvw(), r.terminal(),
                    Codes.ACTIVE, now, now);
            touch(c, tenant, caregiverId, now);
            history(c, tenant, caregiverId, actor, "zorgrelatie toegevoegd", "zorgrelatie " + id, now);
            return null;
        });
        return id;
    }

    private String recipient(Connection c, String tenant, Relation r, Instant now) throws SQLException {
        Model.Recipient in = r.recipient();
        if (in.id() != null) {
            List<String> found = Jdbc.query(c, "select id from registration_recipient where tenant = ? and id = ?",
                    rs -> rs.getString(1), tenant, in.id());
            if (found.isEmpty()) {
                throw ProblemException.invalid("zorgvrager.id", "Geen zorgvrager met dit id in deze gemeente.");
            }
            updateRecipient(c, tenant, in.id(), in);
            return in.id();
        }
        String hash = crypto.lookupHash(tenant, in.bsn());
        if (hash != null) {
            List<String> found = Jdbc.query(c, "select id from registration_recipient where tenant = ? and bsn_hash = ?",
                    rs -> rs.getString(1), tenant, hash);
            if (!found.isEmpty()) {
                updateRecipient(c, tenant, found.get(0), in);
                return found.get(0);
            }
        }
        String id = UUID.randomUUID().toString();
        Jdbc.update(c, "insert into registration_recipient (id, tenant, display_name, anonymous_reference,"
                + " lives_in_municipality, bsn_cipher, bsn_hash, created_at) values (?,?,?,?,?,?,?,?)",
                id, tenant, in.name(), in.anonymousReference(), in.livesInMunicipality(),
                crypto.encrypt(tenant, "zorgvrager.bsn", in.bsn()), hash, now);
        return id;
    }

    private void updateRecipient(Connection c, String tenant, String id, Model.Recipient in) throws SQLException {
        Jdbc.update(c, "update registration_recipient set display_name = ?, anonymous_reference = ?,"
                + " lives_in_municipality = ? where tenant = ? and id = ?",
                in.name(), in.anonymousReference(), in.livesInMunicipality(), tenant, id);
        if (in.bsn() != null) {
            Jdbc.update(c, "update registration_recipient set bsn_cipher = ?, bsn_hash = ? where tenant = ? and id = ?",
                    crypto.encrypt(tenant, "zorgvrager.bsn", in.bsn()), crypto.lookupHash(tenant, in.bsn()), tenant, id);
        }
    }

    void updateRelation(String tenant, String caregiverId, String relationId, String actor, Relation r) {
        RelationOut before = relation(tenant, caregiverId, relationId)
                .orElseThrow(RegistrationStore::relationNotFound);
        if (!Codes.ACTIVE.equals(before.status())) {
            throw ProblemException.conflict("Deze zorgrelatie is beëindigd en kan niet meer worden gewijzigd.");
        }
        if (r.recipient().id() != null && !r.recipient().id().equals(before.recipient().id())) {
            throw ProblemException.invalid("zorgvrager.id", "De zorgvrager van een zorgrelatie kan niet wisselen;"
                    + " beëindig de relatie en leg een nieuwe vast.");
        }
        Instant now = Clocks.now();
        jdbc.inTransaction(c -> {
            updateRecipient(c, tenant, before.recipient().id(), r.recipient());
            Jdbc.update(c, "update registration_relation set relation_type = ?, care_since = ?, hours_per_week = ?,"
                    + " care_kinds = ?, wmo = ?, wlz = ?, zvw = ?, terminal = ?, updated_at = ?, version = version + 1"
                    + " where tenant = ? and caregiver_id = ? and id = ?",
                    r.relation(), r.careSince(), r.hoursPerWeek(), String.join(",", new TreeSet<>(r.careKinds())),
                    r.wmo(), r.wlz(), r.zvw(), r.terminal(), now, tenant, caregiverId, relationId);
            touch(c, tenant, caregiverId, now);
            history(c, tenant, caregiverId, actor, "zorgrelatie gewijzigd", "zorgrelatie " + relationId, now);
            return null;
        });
    }

    void endRelation(String tenant, String caregiverId, String relationId, String actor, LocalDate date,
                     String reason) {
        RelationOut before = relation(tenant, caregiverId, relationId)
                .orElseThrow(RegistrationStore::relationNotFound);
        if (!Codes.ACTIVE.equals(before.status())) {
            throw ProblemException.conflict("Deze zorgrelatie is al beëindigd.");
        }
        if (date.isBefore(before.careSince())) {
            throw ProblemException.invalid("datum", "Ligt voor de begindatum van de zorg.");
        }
        Instant now = Clocks.now();
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "update registration_relation set status = ?, ended_on = ?, end_reason = ?, updated_at = ?,"
                    + " version = version + 1 where tenant = ? and caregiver_id = ? and id = ? and status = 'actief'",
                    Codes.ENDED, date, reason, now, tenant, caregiverId, relationId);
            touch(c, tenant, caregiverId, now);
            history(c, tenant, caregiverId, actor, "zorgrelatie beëindigd",
                    "zorgrelatie " + relationId + ", reden: " + reason, now);
            return null;
        });
    }

    static ProblemException relationNotFound() {
        return ProblemException.notFound("Geen zorgrelatie met dit id bij deze mantelzorger.");
    }

    private static final String RELATION_SELECT = "select r.*, p.display_name, p.anonymous_reference,"
            + " p.lives_in_municipality as p_lives, p.bsn_cipher as p_bsn,"
            + " (select count(distinct r2.caregiver_id) from registration_relation r2 where r2.tenant = r.tenant"
            + " and r2.recipient_id = r.recipient_id and r2.status = 'actief') as p_caregivers"
            + " from registration_relation r join registration_recipient p on p.tenant = r.tenant and p.id = r.recipient_id";

    List<RelationOut> relations(String tenant, String caregiverId) {
        return jdbc.query(RELATION_SELECT + " where r.tenant = ? and r.caregiver_id = ? order by r.created_at, r.id",
                this::relationOut, tenant, caregiverId);
    }

    Optional<RelationOut> relation(String tenant, String caregiverId, String relationId) {
        return jdbc.queryOne(RELATION_SELECT + " where r.tenant = ? and r.caregiver_id = ? and r.id = ?",
                this::relationOut, tenant, caregiverId, relationId);
    }

    List<RelationOut> relationsOfRecipient(String tenant, String recipientId) {
        return jdbc.query(RELATION_SELECT + " where r.tenant = ? and r.recipient_id = ? order by r.created_at, r.id",
                this::relationOut, tenant, recipientId);
    }

    private RelationOut relationOut(ResultSet rs) throws SQLException {
        String tenant = rs.getString("tenant");
        String kinds = rs.getString("care_kinds");
        return new RelationOut(rs.getString("id"), rs.getString("caregiver_id"),
                new RecipientOut(rs.getString("recipient_id"), rs.getString("display_name"),
                        rs.getString("anonymous_reference"), rs.getBoolean("p_lives"),
                        Model.maskBsn(decrypt(tenant, "zorgvrager.bsn", rs.getString("p_bsn"))),
                        rs.getInt("p_caregivers")),
                rs.getString("relation_type"), rs.getObject("care_since", LocalDate.class),
                rs.getBigDecimal("hours_per_week"), kinds.isEmpty() ? List.of() : Arrays.asList(kinds.split(",")),
                rs.getBoolean("wmo"), rs.getBoolean("wlz"), rs.getBoolean("zvw"), rs.getBoolean("terminal"),
                rs.getString("status"), rs.getObject("ended_on", LocalDate.class), rs.getString("end_reason"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    static CareRelationInfo info(RelationOut r) {
        return new CareRelationInfo(r.id(), r.caregiverId(), r.recipient().id(), r.relation(), r.careSince(),
                r.hoursPerWeek(), Set.copyOf(r.careKinds()), r.recipient().livesInMunicipality(), r.wmo(), r.wlz(),
                r.zvw(), r.terminal(), Codes.ACTIVE.equals(r.status()), r.endedOn(), r.endReason());
    }

    Optional<CaregiverInfo> info(String tenant, String id) {
        return jdbc.queryOne("select * from registration_caregiver where tenant = ? and id = ?",
                rs -> new CaregiverInfo(rs.getString("id"), tenant, rs.getString("first_name"),
                        rs.getString("name_prefix"), rs.getString("last_name"),
                        rs.getObject("birth_date", LocalDate.class), rs.getString("postcode"),
                        (Integer) rs.getObject("house_number"), rs.getString("house_number_addition"),
                        (Boolean) rs.getObject("lives_in_municipality"), (Boolean) rs.getObject("working"),
                        rs.getString("bsn_cipher") != null, rs.getString("iban_cipher") != null,
                        Codes.ACTIVE.equals(rs.getString("status")), Jdbc.instant(rs, "registered_at")),
                tenant, id);
    }

    // ------------------------------------------------------------------------------------------------ consent

    void addConsent(String tenant, String caregiverId, String actor, Consent consent) {
        if (!exists(tenant, caregiverId)) {
            throw caregiverNotFound();
        }
        Instant now = Clocks.now();
        jdbc.inTransaction(c -> {
            insertConsent(c, tenant, caregiverId, actor, consent, now);
            touch(c, tenant, caregiverId, now);
            history(c, tenant, caregiverId, actor, consent.given() ? "toestemming gegeven" : "toestemming ingetrokken",
                    "doel: " + consent.purpose(), now);
            return null;
        });
    }

    private static void insertConsent(Connection c, String tenant, String caregiverId, String actor, Consent consent,
                                      Instant now) throws SQLException {
        Jdbc.update(c, "insert into registration_consent (tenant, caregiver_id, purpose, given, effective_on, source,"
                + " recorded_at, recorded_by) values (?,?,?,?,?,?,?,?)", tenant, caregiverId, consent.purpose(),
                consent.given(), consent.date(), consent.source(), now, actor);
    }

    ConsentsOut consents(String tenant, String caregiverId) {
        List<ConsentEvent> history = jdbc.query("select * from registration_consent where tenant = ? and"
                + " caregiver_id = ? order by effective_on, seq", rs -> new ConsentEvent(rs.getString("purpose"),
                        rs.getBoolean("given"), rs.getObject("effective_on", LocalDate.class), rs.getString("source"),
                        Jdbc.instant(rs, "recorded_at"), rs.getString("recorded_by")), tenant, caregiverId);
        Map<String, ConsentState> current = new LinkedHashMap<>();
        for (String purpose : Codes.CONSENT_PURPOSES.keySet()) {
            current.put(purpose, new ConsentState(purpose, Codes.CONSENT_PURPOSES.get(purpose), false, null));
        }
        for (ConsentEvent e : history) {   // ordered by effective date: the last one per purpose is in force
            current.put(e.purpose(), new ConsentState(e.purpose(), Codes.CONSENT_PURPOSES.get(e.purpose()),
                    e.given(), e.date()));
        }
        return new ConsentsOut(List.copyOf(current.values()), history);
    }

    // ------------------------------------------------------------------------------------------------ checks

    String addCheck(String tenant, String caregiverId, String actor, LocalDate date, String version,
                    Map<String, String> answers, int score, int max, String outcome) {
        if (!exists(tenant, caregiverId)) {
            throw caregiverNotFound();
        }
        String id = UUID.randomUUID().toString();
        Instant now = Clocks.now();
        String answersJson;
        try {
            answersJson = MAPPER.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "insert into registration_overload_check (id, tenant, caregiver_id, taken_on,"
                    + " questionnaire_version, answers, score, max_score, outcome, recorded_at, recorded_by)"
                    + " values (?,?,?,?,?,?,?,?,?,?,?)", id, tenant, caregiverId, date, version, answersJson, score,
                    max, outcome, now, actor);
            // the caregiver row keeps the latest check (by date) for search
            List<Object[]> latest = Jdbc.query(c, "select taken_on, outcome from registration_overload_check where"
                    + " tenant = ? and caregiver_id = ? order by taken_on desc, recorded_at desc",
                    rs -> new Object[] {rs.getObject(1, LocalDate.class), rs.getString(2)}, tenant, caregiverId);
            Jdbc.update(c, "update registration_caregiver set latest_check_on = ?, latest_check_outcome = ?,"
                    + " updated_at = ? where tenant = ? and id = ?", latest.get(0)[0], latest.get(0)[1], now, tenant,
                    caregiverId);
            history(c, tenant, caregiverId, actor, "belastingscheck vastgelegd", "uitkomst: " + outcome, now);
            return null;
        });
        return id;
    }

    /** Checks oldest first, so a consultant reads the trend left to right. */
    List<CheckOut> checks(String tenant, String caregiverId) {
        return jdbc.query("select * from registration_overload_check where tenant = ? and caregiver_id = ?"
                + " order by taken_on, recorded_at", rs -> checkOut(rs, null), tenant, caregiverId);
    }

    Optional<CheckOut> check(String tenant, String caregiverId, String id, Map<String, String> advice) {
        return jdbc.queryOne("select * from registration_overload_check where tenant = ? and caregiver_id = ?"
                + " and id = ?", rs -> checkOut(rs, advice), tenant, caregiverId, id);
    }

    private static CheckOut checkOut(ResultSet rs, Map<String, String> advice) throws SQLException {
        Map<String, String> answers;
        try {
            answers = MAPPER.readValue(rs.getString("answers"), new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable answers", e);
        }
        String outcome = rs.getString("outcome");
        return new CheckOut(rs.getString("id"), rs.getObject("taken_on", LocalDate.class), rs.getInt("score"),
                rs.getInt("max_score"), outcome, advice == null ? null : advice.get(outcome),
                rs.getString("questionnaire_version"), answers, Jdbc.instant(rs, "recorded_at"),
                rs.getString("recorded_by"));
    }

    // ------------------------------------------------------------------------------------------------ history

    private static void history(Connection c, String tenant, String caregiverId, String actor, String action,
                                String detail, Instant at) throws SQLException {
        Jdbc.update(c, "insert into registration_history (tenant, caregiver_id, at, actor, action, detail)"
                + " values (?,?,?,?,?,?)", tenant, caregiverId, at, actor, action, detail);
    }

    private static void touch(Connection c, String tenant, String caregiverId, Instant now) throws SQLException {
        Jdbc.update(c, "update registration_caregiver set updated_at = ?, version = version + 1 where tenant = ?"
                + " and id = ?", now, tenant, caregiverId);
    }

    List<HistoryOut> history(String tenant, String caregiverId) {
        return jdbc.query("select * from registration_history where tenant = ? and caregiver_id = ? order by seq",
                rs -> new HistoryOut(Jdbc.instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                        rs.getString("detail")), tenant, caregiverId);
    }

    // ------------------------------------------------------------------------------------------------ erasure

    /** What an erasure removed: the caregiver's relations and the recipients left without any caregiver. */
    record Erased(String caregiverId, List<String> relationIds, List<String> recipientIds) {
    }

    /**
     * Deletes the caregiver and everything about them in this module, inside the caller's transaction; recipients
     * left without any relation go too. Leaves only a tombstone with the id.
     */
    Erased erase(Connection c, String tenant, String caregiverId, String reason) throws SQLException {
        List<String[]> rel = Jdbc.query(c, "select id, recipient_id from registration_relation where tenant = ? and"
                + " caregiver_id = ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, tenant, caregiverId);
        for (String table : List.of("registration_consent", "registration_overload_check", "registration_history",
                "registration_relation", "registration_name_token", "registration_erasure_request")) {
            Jdbc.update(c, "delete from " + table + " where tenant = ? and caregiver_id = ?", tenant, caregiverId);
        }
        int n = Jdbc.update(c, "delete from registration_caregiver where tenant = ? and id = ?", tenant, caregiverId);
        if (n == 0) {
            throw caregiverNotFound();
        }
        List<String> removedRecipients = new ArrayList<>();
        for (String recipient : rel.stream().map(r -> r[1]).distinct().toList()) {
            int left = Jdbc.query(c, "select count(*) from registration_relation where tenant = ? and recipient_id = ?",
                    rs -> rs.getInt(1), tenant, recipient).get(0);
            if (left == 0) {
                Jdbc.update(c, "delete from registration_recipient where tenant = ? and id = ?", tenant, recipient);
                removedRecipients.add(recipient);
            }
        }
        Jdbc.update(c, "insert into registration_erasure (tenant, caregiver_id, erased_at, reason) values (?,?,?,?)",
                tenant, caregiverId, Clocks.now(), reason);
        return new Erased(caregiverId, rel.stream().map(r -> r[0]).toList(), removedRecipients);
    }

    List<Erasure> erasuresSince(Instant since) {
        return jdbc.query("select * from registration_erasure where erased_at >= ? order by erased_at, seq"
                + " fetch first 10000 rows only", rs -> new Erasure(rs.getString("tenant"),
                        rs.getString("caregiver_id"), Jdbc.instant(rs, "erased_at"), rs.getString("reason")), since);
    }

    /** Tenants that hold registrations. */
    List<String> tenants() {
        return jdbc.query("select distinct tenant from registration_caregiver order by tenant", rs -> rs.getString(1));
    }

    /**
     * Caregivers whose retention has ended on {@code today}, with the rule that ended it: deregistered long enough
     * ago; every relation ended long enough ago; or never a relation since long enough.
     */
    Map<String, String> expired(String tenant, Policies.Retention r, LocalDate today) {
        Map<String, String> out = new LinkedHashMap<>();
        Instant deregisteredBefore = today.minusMonths(r.afterDeregistration()).atStartOfDay(Clocks.ZONE).toInstant();
        jdbc.query("select id from registration_caregiver where tenant = ? and status = ? and deregistered_at < ?",
                rs -> out.put(rs.getString(1), "uitgeschreven"), tenant, Codes.DEREGISTERED, deregisteredBefore);
        jdbc.query("select c.id from registration_caregiver c where c.tenant = ? and c.status = ?"
                + " and exists (select 1 from registration_relation r where r.tenant = c.tenant and r.caregiver_id = c.id)"
                + " and not exists (select 1 from registration_relation r where r.tenant = c.tenant"
                + " and r.caregiver_id = c.id and (r.status = 'actief' or r.ended_on >= ?))",
                rs -> out.putIfAbsent(rs.getString(1), "zorgrelaties-beeindigd"), tenant, Codes.ACTIVE,
                today.minusMonths(r.afterLastRelationEnded()));
        if (r.withoutRelation() != null) {
            Instant registeredBefore = today.minusMonths(r.withoutRelation()).atStartOfDay(Clocks.ZONE).toInstant();
            jdbc.query("select c.id from registration_caregiver c where c.tenant = ? and c.status = ?"
                    + " and c.registered_at < ? and not exists (select 1 from registration_relation r"
                    + " where r.tenant = c.tenant and r.caregiver_id = c.id)",
                    rs -> out.putIfAbsent(rs.getString(1), "zonder-zorgrelatie"), tenant, Codes.ACTIVE,
                    registeredBefore);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ export

    /** Everything this module holds about the caregiver, BSN and IBAN in full (the person is entitled to them). */
    Map<String, Object> export(String tenant, String caregiverId) {
        CaregiverOut c = read(tenant, caregiverId).orElseThrow(RegistrationStore::caregiverNotFound);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mantelzorger", c);
        out.put("gevoeligeGegevens", sensitive(tenant, caregiverId));
        out.put("zorgvragers", jdbc.query("select distinct p.id, p.display_name, p.anonymous_reference,"
                + " p.lives_in_municipality, p.bsn_cipher from registration_recipient p join registration_relation r"
                + " on r.tenant = p.tenant and r.recipient_id = p.id where p.tenant = ? and r.caregiver_id = ?",
                rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getString("id"));
                    m.put("naam", rs.getString("display_name"));
                    m.put("anoniemeReferentie", rs.getString("anonymous_reference"));
                    m.put("woontInGemeente", rs.getBoolean("lives_in_municipality"));
                    // the recipient's BSN is the recipient's data, not the caregiver's: masked
                    m.put("bsn", Model.maskBsn(decrypt(tenant, "zorgvrager.bsn", rs.getString("bsn_cipher"))));
                    return m;
                }, tenant, caregiverId));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ loket: self-check counts

    /** Counts one anonymous self-check: tenant, day, outcome and the PC4 area ({@code ""} when none was given). */
    void countSelfCheck(String tenant, LocalDate day, String outcome, String pc4) {
        String area = pc4 == null ? "" : pc4;
        jdbc.inTransactionRetryingDuplicates(c -> {
            if (Jdbc.update(c, "update registration_selfcheck_count set checks = checks + 1 where tenant = ?"
                    + " and taken_on = ? and outcome = ? and pc4 = ?", tenant, day, outcome, area) == 0) {
                Jdbc.update(c, "insert into registration_selfcheck_count (tenant, taken_on, outcome, pc4, checks)"
                        + " values (?,?,?,?,1)", tenant, day, outcome, area);
            }
            return null;
        });
    }

    /** The counted self-checks of a tenant since a day, per day, outcome and PC4 ({@code ""}: not given). */
    List<Map<String, Object>> selfCheckCounts(String tenant, LocalDate from) {
        return jdbc.query("select taken_on, outcome, pc4, checks from registration_selfcheck_count where tenant = ?"
                + " and taken_on >= ? order by taken_on, outcome, pc4", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("datum", rs.getObject(1, LocalDate.class));
                    m.put("uitkomst", rs.getString(2));
                    m.put("pc4", rs.getString(3));
                    m.put("aantal", rs.getInt(4));
                    return m;
                }, tenant, from);
    }

    // ------------------------------------------------------------------------------------------------ loket: erasure requests

    /** An erasure request waiting for a consultant. */
    record ErasureRequest(String caregiverId, Instant requestedAt, String note) {
    }

    /** Records the caregiver's request to be erased; an open request stays as it is (the first one counts). */
    ErasureRequest requestErasure(String tenant, String caregiverId, String actor, String note) {
        Instant now = Clocks.now();
        jdbc.inTransactionRetryingDuplicates(c -> {
            if (Jdbc.query(c, "select 1 from registration_erasure_request where tenant = ? and caregiver_id = ?",
                    rs -> 1, tenant, caregiverId).isEmpty()) {
                Jdbc.update(c, "insert into registration_erasure_request (tenant, caregiver_id, requested_at, note)"
                        + " values (?,?,?,?)", tenant, caregiverId, now, note);
                history(c, tenant, caregiverId, actor, "wissen gevraagd", "door de mantelzorger, via het loket", now);
            }
            return null;
        });
        return erasureRequest(tenant, caregiverId).orElseThrow();
    }

    Optional<ErasureRequest> erasureRequest(String tenant, String caregiverId) {
        return jdbc.queryOne("select * from registration_erasure_request where tenant = ? and caregiver_id = ?",
                rs -> new ErasureRequest(rs.getString("caregiver_id"), Jdbc.instant(rs, "requested_at"),
                        rs.getString("note")), tenant, caregiverId);
    }

    /** Open erasure requests of a tenant, oldest first. */
    List<ErasureRequest> erasureRequests(String tenant) {
        return jdbc.query("select * from registration_erasure_request where tenant = ? order by requested_at,"
                + " caregiver_id", rs -> new ErasureRequest(rs.getString("caregiver_id"),
                        Jdbc.instant(rs, "requested_at"), rs.getString("note")), tenant);
    }

    // ------------------------------------------------------------------------------------------------ loket (citizen)

    /**
     * Keeps only the keyed lookup hash of a citizen's BSN with their registration, for a tenant whose BSN policy says
     * the BSN itself is not recorded: the citizen signed in with DigiD is recognised at the next visit
     * ({@link #findByBsn}), while the BSN is stored nowhere. 409 when another registration has that BSN.
     */
    void linkCitizenBsn(String tenant, String caregiverId, String bsn) {
        String hash = crypto.lookupHash(tenant, bsn);
        findByBsn(tenant, bsn).filter(other -> !other.equals(caregiverId)).ifPresent(other -> {
            throw ProblemException.conflict("Dit BSN hoort al bij een andere registratie.");
        });
        jdbc.update("update registration_caregiver set bsn_hash = ? where tenant = ? and id = ? and bsn_hash is null",
                hash, tenant, caregiverId);
    }

    /** Sets the IBAN only (null leaves it); the BSN, or its lookup hash, stays as it is. */
    void updateIban(String tenant, String id, String actor, String iban) {
        Row before = row(tenant, id).orElseThrow(RegistrationStore::caregiverNotFound);
        if (iban == null || iban.equals(decrypt(tenant, "iban", before.ibanCipher))) {
            return;
        }
        Instant now = Clocks.now();
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "update registration_caregiver set iban_cipher = ?, updated_at = ?, version = version + 1"
                    + " where tenant = ? and id = ?", crypto.encrypt(tenant, "iban", iban), now, tenant, id);
            history(c, tenant, id, actor, "gevoelige gegevens gewijzigd", "iban", now);
            return null;
        });
    }

    /**
     * The caregiver's active care relation with the recipient given: the same recipient BSN (through its keyed
     * hash) when one is given, otherwise the same name (normalised) or anonymous reference.
     */
    Optional<RelationOut> activeRelationWith(String tenant, String caregiverId, Model.Recipient recipient) {
        String hash = crypto.lookupHash(tenant, recipient.bsn());
        List<String[]> rows = jdbc.query("select r.id, p.display_name, p.anonymous_reference, p.bsn_hash from"
                + " registration_relation r join registration_recipient p on p.tenant = r.tenant and p.id ="
                + " r.recipient_id where r.tenant = ? and r.caregiver_id = ? and r.status = 'actief'"
                + " order by r.created_at, r.id", rs -> new String[] {rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4)}, tenant, caregiverId);
        for (String[] r : rows) {
            boolean same = hash != null ? hash.equals(r[3])
                    : recipient.name() != null ? r[1] != null
                            && Model.normalise(r[1]).equals(Model.normalise(recipient.name()))
                    : recipient.anonymousReference() != null && recipient.anonymousReference().equals(r[2]);
            if (same) {
                return relation(tenant, caregiverId, r[0]);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------ messages (issue 19)

    /** How to reach the caregiver (see {@link nl.mantelkring.registration.CaregiverDirectory#recipient}). */
    Optional<nl.mantelkring.platform.api.messages.Recipient> recipient(String tenant, String id) {
        return jdbc.queryOne("select first_name, name_prefix, last_name, street, house_number, house_number_addition,"
                + " postcode, city, email, phone, preferred_channel from registration_caregiver where tenant = ? and id = ?"
                + " and status in (?, ?)", rs -> {
                    String name = String.join(" ", java.util.stream.Stream.of(rs.getString("first_name"),
                            rs.getString("name_prefix"), rs.getString("last_name"))
                            .filter(x -> x != null && !x.isBlank()).toList());
                    List<String> lines = new java.util.ArrayList<>();
                    Integer number = (Integer) rs.getObject("house_number");
                    if (rs.getString("street") != null && number != null) {
                        String addition = rs.getString("house_number_addition");
                        lines.add(rs.getString("street") + " " + number + (addition == null ? "" : " " + addition));
                    }
                    String city = rs.getString("city");
                    lines.add(rs.getString("postcode") + (city == null ? "" : "  " + city.toUpperCase(java.util.Locale.ROOT)));
                    return new nl.mantelkring.platform.api.messages.Recipient(id, name, rs.getString("email"),
                            rs.getString("phone"), lines, rs.getString("preferred_channel"));
                }, tenant, id, Codes.ACTIVE, Codes.DEREGISTERED);
    }

    /** The active caregivers among {@code ids} whose latest consent for the purpose is given. */
    java.util.Set<String> withConsent(String tenant, java.util.Collection<String> ids, String purpose) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        if (ids.size() > 1000) {
            throw new IllegalArgumentException("at most 1,000 ids per call");
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        List<Object> params = new java.util.ArrayList<>(List.of(tenant, purpose, Codes.ACTIVE));
        params.addAll(ids);
        // consent is history: the latest row (by effective date, then recording order) counts, as in the API's "actueel"
        java.util.Map<String, Boolean> latest = new java.util.HashMap<>();
        jdbc.query("select k.caregiver_id, k.given from registration_consent k join registration_caregiver c"
                + " on c.tenant = k.tenant and c.id = k.caregiver_id where k.tenant = ? and k.purpose = ? and c.status = ?"
                + " and k.caregiver_id in (" + marks + ") order by k.effective_on, k.seq", rs -> {
                    latest.put(rs.getString(1), rs.getBoolean(2));
                    return null;
                }, params.toArray());
        java.util.Set<String> out = new java.util.HashSet<>();
        latest.forEach((id, given) -> {
            if (given) {
                out.add(id);
            }
        });
        return out;
    }

    // ------------------------------------------------------------------------------------------------ newsletter (issue 19)

    /** Ids of the tenant's active caregivers after {@code afterId}, by id, at most {@code limit}. */
    List<String> activeIds(String tenant, String afterId, int limit) {
        return jdbc.query("select id from registration_caregiver where tenant = ? and status = ? and id > ? order by id"
                + " fetch first " + limit + " rows only", rs -> rs.getString(1), tenant, Codes.ACTIVE, afterId);
    }
}

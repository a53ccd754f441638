package nl.mantelkring.appreciation.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.appreciation.internal.letters.AppreciationLetters;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.registration.CaregiverDirectory;
import nl.mantelkring.registration.Erasure;
import nl.mantelkring.registration.PersonalDataSection;
import nl.mantelkring.registration.RegistrationEvents;

/**
 * The module's part of the caregiver's privacy rights. Right of access: the caregiver's applications and grants
 * in the {@code inzage} export. Right to erasure: applications and grants are kept for financial accountability
 * (amount, year, status, channel — a municipality must be able to account for what it paid), but pseudonymised
 * irreversibly: the caregiver, relation and recipient ids are replaced by fresh random ids stored nowhere else and the
 * address key is cleared, so nothing links them to the person any more. Audited in the same transaction.
 */
@Component(service = {EventHandler.class, PersonalDataSection.class},
        property = EventConstants.EVENT_TOPIC + "=" + RegistrationEvents.ERASED)
public class AppreciationPrivacy implements EventHandler, PersonalDataSection {

    private static final Logger LOG = LoggerFactory.getLogger(AppreciationPrivacy.class);
    static final String PURPOSE = "Recht op gegevenswissing (AVG art. 17); financiële verantwoording blijft"
            + " gepseudonimiseerd bewaard";

    private final Applications applications;
    private final AuditLog audit;

    @Activate
    public AppreciationPrivacy(@Reference Applications applications, @Reference AuditLog audit,
                               @Reference CaregiverDirectory directory) {
        this.applications = applications;
        this.audit = audit;
        // erasures missed while this module was not running
        for (Erasure e : directory.erasuresSince(Instant.now().minus(366, ChronoUnit.DAYS))) {
            pseudonymise(e.tenant(), e.caregiverId());
        }
    }

    @Override
    public void handleEvent(Event event) {
        String tenant = (String) event.getProperty(RegistrationEvents.TENANT);
        String caregiverId = (String) event.getProperty(RegistrationEvents.CAREGIVER_ID);
        if (tenant != null && caregiverId != null) {
            try {
                pseudonymise(tenant, caregiverId);
            } catch (RuntimeException e) {
                LOG.error("Could not pseudonymise the appreciation records of an erased caregiver of {}", tenant, e);
            }
        }
    }

    /** Replaces the caregiver's ids in applications and grants; idempotent (nothing left to replace). */
    int pseudonymise(String tenant, String caregiverId) {
        Jdbc jdbc = applications.jdbc();
        return jdbc.inTransaction(c -> {
            List<String[]> rows = Jdbc.query(c, "select id, relation_id, recipient_id from appreciation_application"
                    + " where tenant = ? and caregiver_id = ?", rs -> new String[] {rs.getString(1), rs.getString(2),
                            rs.getString(3)}, tenant, caregiverId);
            if (rows.isEmpty()) {
                return 0;
            }
            String person = UUID.randomUUID().toString();
            for (String[] r : rows) {
                String relation = UUID.randomUUID().toString();
                String recipient = UUID.randomUUID().toString();
                Jdbc.update(c, "update appreciation_application set caregiver_id = ?, relation_id = ?, recipient_id = ?,"
                        + " address_key = null, postcode_area = null, loket_request = null where tenant = ? and id = ?",
                        person, relation, recipient,
                        tenant, r[0]);
                Jdbc.update(c, "update appreciation_grant set caregiver_id = ?, recipient_id = ?, address_key = null,"
                        + " unit_key = ? where tenant = ? and application_id = ?", person, recipient,
                        "gewist:" + UUID.randomUUID(), tenant, r[0]);
            }
            // the caregiver's letters go (they name and address the person); objections keep only their counts
            int deleted = AppreciationLetters.erase(c, tenant, caregiverId);
            Jdbc.update(c, "update appreciation_objection set grounds = null, motivation = null where tenant = ? and"
                    + " application_id in (select id from appreciation_application where tenant = ? and caregiver_id"
                    + " = ?)", tenant, tenant, person);
            if (deleted > 0) {
                audit.record(c, new AuditEntry(tenant, "systeem:waardering", null, "waarderingsbrief.verwijderen",
                        "waarderingsbrief", null, caregiverId, PURPOSE, true, null, "geslaagd"));
            }
            audit.record(c, new AuditEntry(tenant, "systeem:waardering", null, "waarderingsaanvraag.pseudonimiseren",
                    "waarderingsaanvraag", null, caregiverId, PURPOSE, true, null, "geslaagd"));
            return rows.size();
        });
    }

    @Override
    public String name() {
        return "waardering";
    }

    @Override
    public Map<String, Object> export(String tenant, String caregiverId) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> list = applications.jdbc().query("select id from appreciation_application where tenant = ?"
                + " and caregiver_id = ? order by submitted_at", rs -> rs.getString(1), tenant, caregiverId).stream()
                .map(id -> (Object) ApplicationResource.ApplicationOut.of(applications.find(tenant, id).orElseThrow()))
                .toList();
        if (!list.isEmpty()) {
            out.put("aanvragen", list);
        }
        List<Map<String, Object>> letters = applications.jdbc().query("select kind, application_id, created_at from"
                + " appreciation_letter where tenant = ? and caregiver_id = ? order by created_at", rs -> {
                    Map<String, Object> l = new LinkedHashMap<>();
                    l.put("soort", rs.getString(1));
                    l.put("aanvraagId", rs.getString(2));
                    l.put("gemaaktOp", Jdbc.instant(rs, "created_at"));
                    return l;
                }, tenant, caregiverId);
        if (!letters.isEmpty()) {
            out.put("brieven", letters);
        }
        return out;
    }
}

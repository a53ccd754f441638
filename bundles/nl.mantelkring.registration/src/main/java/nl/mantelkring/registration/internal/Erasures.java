package nl.mantelkring.registration.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.messages.Outbox;
import nl.mantelkring.registration.internal.RegistrationStore.Erased;

/**
 * Erases caregivers (right to erasure, and the retention job): the rows, the person's messages in the platform
 * outbox and the audit entry commit together, then the other modules are told with the synchronous {@code ERASED}
 * event.
 */
@Component(service = Erasures.class)
public class Erasures {

    static final String ON_REQUEST = "verzoek";
    static final String RETENTION = "bewaartermijn";
    static final String RETENTION_ACTOR = "systeem:bewaartermijn";
    static final String ERASURE_PURPOSE = "Recht op gegevenswissing (AVG art. 17)";
    static final String RETENTION_PURPOSE = "Bewaartermijn verstreken (AVG art. 5 lid 1 sub e)";

    private static final Logger LOG = LoggerFactory.getLogger(Erasures.class);

    private final RegistrationStore store;
    private final AuditLog audit;
    private final Events events;
    private final Policies policies;
    private final Outbox outbox;

    @Activate
    public Erasures(@Reference RegistrationStore store, @Reference AuditLog audit, @Reference Events events,
                    @Reference Policies policies, @Reference Outbox outbox) {
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.policies = policies;
        this.outbox = outbox;
    }

    /** Erases one caregiver; 404 when unknown in the tenant. */
    Erased erase(String tenant, String caregiverId, String actor, String roles, String reason, String correlationId) {
        boolean retention = RETENTION.equals(reason);
        Erased erased = store.jdbc().inTransaction(c -> {
            Erased e = store.erase(c, tenant, caregiverId, reason);
            // every message of the person in the platform outbox (sent or not), in the same transaction
            outbox.erase(c, tenant, caregiverId);
            audit.record(c, new AuditEntry(tenant, actor, roles, "mantelzorger.wissen", "mantelzorger", caregiverId,
                    caregiverId, retention ? RETENTION_PURPOSE : ERASURE_PURPOSE, true, correlationId, "geslaagd"));
            return e;
        });
        events.erased(tenant, caregiverId, erased.relationIds(), erased.recipientIds(), reason);
        return erased;
    }

    /** Applies the tenant's retention policy today; returns the number erased per rule. */
    Map<String, Integer> applyRetention(String tenant, String actor, String roles, String correlationId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> expired = store.expired(tenant, policies.retention(tenant), Clocks.today());
        expired.forEach((id, rule) -> {
            erase(tenant, id, actor, roles, RETENTION, correlationId);
            counts.merge(rule, 1, Integer::sum);
        });
        if (!expired.isEmpty()) {
            LOG.info("Retention {}: erased {} caregiver(s) {}", tenant, expired.size(), counts);
        }
        return counts;
    }
}

package nl.mantelkring.registration.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.registration.CareRelationInfo;
import nl.mantelkring.registration.CaregiverDirectory;
import nl.mantelkring.registration.CaregiverInfo;
import nl.mantelkring.registration.Erasure;

/** The registration data other modules read, scoped by tenant. */
@Component(service = CaregiverDirectory.class)
public class CaregiverDirectoryImpl implements CaregiverDirectory {

    private final RegistrationStore store;
    private final AuditLog audit;

    @Activate
    public CaregiverDirectoryImpl(@Reference RegistrationStore store, @Reference AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public Optional<CaregiverInfo> caregiver(String tenant, String caregiverId) {
        return store.info(tenant, caregiverId);
    }

    @Override
    public List<CareRelationInfo> relations(String tenant, String caregiverId) {
        return store.relations(tenant, caregiverId).stream().map(RegistrationStore::info).toList();
    }

    @Override
    public List<CareRelationInfo> relationsOfRecipient(String tenant, String recipientId) {
        return store.relationsOfRecipient(tenant, recipientId).stream().map(RegistrationStore::info).toList();
    }

    @Override
    public boolean hasConsent(String tenant, String caregiverId, String purpose) {
        return store.consents(tenant, caregiverId).current().stream()
                .anyMatch(c -> c.purpose().equals(purpose) && c.given());
    }

    @Override
    public Optional<String> iban(String tenant, String caregiverId, String actor, String purpose) {
        if (!store.exists(tenant, caregiverId)) {
            return Optional.empty();
        }
        Optional<String> iban = Optional.ofNullable(store.sensitive(tenant, caregiverId).iban());
        audit.record(new AuditEntry(tenant, actor, null, "mantelzorger.iban-gebruiken", "mantelzorger", caregiverId,
                caregiverId, purpose, true, null, iban.isPresent() ? "geslaagd" : "geslaagd: geen IBAN"));
        return iban;
    }

    @Override
    public List<Erasure> erasuresSince(Instant since) {
        return store.erasuresSince(since);
    }
}

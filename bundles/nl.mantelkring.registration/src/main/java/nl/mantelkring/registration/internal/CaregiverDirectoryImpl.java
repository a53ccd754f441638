package nl.mantelkring.registration.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.registration.CareRelationInfo;
import nl.mantelkring.registration.CaregiverDirectory;
import nl.mantelkring.registration.CaregiverInfo;
import nl.mantelkring.registration.Erasure;
import nl.mantelkring.registration.Payee;

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
    public Optional<String> findByBsn(String tenant, String bsn) {
        return store.findByBsn(tenant, bsn);
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
    public Map<String, Payee> payees(String tenant, Collection<String> caregiverIds, String actor, String purpose,
                                     String recordId) {
        if (caregiverIds.size() > 1000) {
            throw new IllegalArgumentException("At most 1,000 caregiver ids per call, got " + caregiverIds.size());
        }
        Map<String, Payee> out = new LinkedHashMap<>();
        if (caregiverIds.isEmpty()) {
            return out;
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(caregiverIds));
        Object[] params = new Object[ids.size() + 1];
        params[0] = tenant;
        for (int i = 0; i < ids.size(); i++) {
            params[i + 1] = ids.get(i);
        }
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        store.jdbc().inTransaction(c -> {
            List<AuditEntry> entries = new ArrayList<>();
            for (Payee p : Jdbc.query(c, "select id, first_name, name_prefix, last_name, iban_cipher from"
                    + " registration_caregiver where tenant = ? and id in (" + in + ")",
                    rs -> new Payee(rs.getString(1), Model.Person.fullName(rs.getString(2), rs.getString(3),
                            rs.getString(4)), store.decryptIban(tenant, rs.getString(5))), params)) {
                out.put(p.caregiverId(), p);
                entries.add(new AuditEntry(tenant, actor, null, "mantelzorger.iban-gebruiken", "mantelzorger",
                        recordId, p.caregiverId(), purpose, true, null,
                        p.iban() != null ? "geslaagd" : "geslaagd: geen IBAN"));
            }
            audit.recordAll(c, entries);
            return null;
        });
        return out;
    }

    @Override
    public List<Erasure> erasuresSince(Instant since) {
        return store.erasuresSince(since);
    }

    @Override
    public Optional<nl.mantelkring.platform.api.messages.Recipient> recipient(String tenant, String caregiverId) {
        return store.recipient(tenant, caregiverId);
    }

    @Override
    public java.util.Set<String> withConsent(String tenant, java.util.Collection<String> caregiverIds, String purpose) {
        return store.withConsent(tenant, caregiverIds, purpose);
    }
}

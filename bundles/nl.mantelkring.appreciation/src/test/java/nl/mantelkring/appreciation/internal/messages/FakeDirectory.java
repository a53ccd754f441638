package nl.mantelkring.appreciation.internal.messages;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

import nl.mantelkring.platform.api.messages.Recipient;
import nl.mantelkring.registration.CareRelationInfo;
import nl.mantelkring.registration.CaregiverDirectory;
import nl.mantelkring.registration.CaregiverInfo;
import nl.mantelkring.registration.Erasure;
import nl.mantelkring.registration.Payee;

/** The registration module as the message tests need it: recipients and consent, nothing else. */
public final class FakeDirectory implements CaregiverDirectory {

    private final Function<String, Optional<Recipient>> recipients;
    private final BiPredicate<String, String> consent;

    /** @param consent (caregiver id, purpose) → given */
    public FakeDirectory(Function<String, Optional<Recipient>> recipients, BiPredicate<String, String> consent) {
        this.recipients = recipients;
        this.consent = consent;
    }

    public Optional<CaregiverInfo> caregiver(String tenant, String id) {
        return Optional.empty();
    }

    public List<CareRelationInfo> relations(String tenant, String id) {
        return List.of();
    }

    public List<CareRelationInfo> relationsOfRecipient(String tenant, String id) {
        return List.of();
    }

    public boolean hasConsent(String tenant, String id, String purpose) {
        return consent.test(id, purpose);
    }

    public Optional<String> iban(String tenant, String id, String actor, String purpose) {
        return Optional.empty();
    }

    public Map<String, Payee> payees(String tenant, Collection<String> ids, String actor, String purpose,
                                     String recordId) {
        return Map.of();
    }

    public List<Erasure> erasuresSince(Instant since) {
        return List.of();
    }

    public Optional<String> findByBsn(String tenant, String bsn) {
        return Optional.empty();
    }

    public Optional<Recipient> recipient(String tenant, String id) {
        return recipients.apply(id);
    }

    public Set<String> withConsent(String tenant, Collection<String> ids, String purpose) {
        if (ids.size() > 1000) {
            throw new IllegalArgumentException("at most 1,000 ids per call");
        }
        Set<String> out = new HashSet<>();
        for (String id : ids) {
            if (consent.test(id, purpose)) {
                out.add(id);
            }
        }
        return out;
    }
}

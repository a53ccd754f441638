package nl.mantelkring.registration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Read access to registered caregivers for other modules (e.g. appreciation payments). Every method is scoped to
 * one tenant: an id of another tenant is not found. Reading BSN or IBAN in full writes an audit entry with the
 * actor and purpose given.
 */
@ProviderType
public interface CaregiverDirectory {

    /** The caregiver, active or deregistered; empty when unknown in the tenant (or erased). */
    Optional<CaregiverInfo> caregiver(String tenant, String caregiverId);

    /** The caregiver's care relations, active and ended, oldest first. */
    List<CareRelationInfo> relations(String tenant, String caregiverId);

    /** All care relations with one care recipient (one per caregiver caring for them), oldest first. */
    List<CareRelationInfo> relationsOfRecipient(String tenant, String recipientId);

    /** Whether the caregiver's latest consent for the purpose (API code, e.g. {@code waardering}) is given. */
    boolean hasConsent(String tenant, String caregiverId, String purpose);

    /**
     * The caregiver's IBAN in full, for the stated purpose (e.g. a payment run); audited as
     * {@code mantelzorger.iban-gebruiken} by {@code actor}. Empty when none is recorded.
     */
    Optional<String> iban(String tenant, String caregiverId, String actor, String purpose);

    /**
     * Name and IBAN of many caregivers at once, for a payment run: one query per call and one audit entry per
     * caregiver found ({@code mantelzorger.iban-gebruiken}, with {@code actor}, {@code purpose} and
     * {@code recordId}, e.g. the payment run), written together in one batch. Unknown or erased ids are left out
     * of the result; at most 1,000 ids per call.
     *
     * @return the payees found, keyed by caregiver id
     * @since 1.1
     */
    java.util.Map<String, Payee> payees(String tenant, java.util.Collection<String> caregiverIds, String actor,
                                        String purpose, String recordId);

    /** Erasures from the given moment on, oldest first, over all tenants (at most 10,000 per call). */
    List<Erasure> erasuresSince(Instant since);

    /**
     * The id of the caregiver registered in the tenant with this BSN (active registrations only), for a citizen signed
     * in with DigiD who asks about themself; empty when there is none. Not audited here: the calling operation is.
     *
     * @since 1.2
     */
    Optional<String> findByBsn(String tenant, String bsn);

    /**
     * How to reach the caregiver with a message or letter: the name to address them with, e-mail, phone, postal
     * address lines (street and number, postcode and place) and preferred channel ({@code e-mail}, {@code post},
     * {@code telefoon}, or null). Also for a deregistered caregiver (a decision still reaches them); empty when unknown
     * in the tenant or erased. Not audited here: the operation that uses it (a letter, a message) is.
     *
     * @since 1.3
     */
    Optional<nl.mantelkring.platform.api.messages.Recipient> recipient(String tenant, String caregiverId);

    /**
     * Of the given caregivers, the active ones whose latest consent for the purpose (API code, e.g.
     * {@code nieuwsbrief}, {@code contact-steunpunt}) is given; at most 1,000 ids per call, one query.
     *
     * @since 1.3
     */
    java.util.Set<String> withConsent(String tenant, java.util.Collection<String> caregiverIds, String purpose);
}

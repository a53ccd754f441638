package nl.mantelkring.registration;

/**
 * OSGi EventAdmin topics this module sends, and their properties. Properties hold only pseudonymous ids and the
 * tenant, never a name, BSN or IBAN.
 *
 * <p>{@link #ERASED} is sent synchronously ({@code sendEvent}) after the caregiver's rows are gone: a handler must
 * erase (delete or irreversibly anonymise) everything its module holds about {@link #CAREGIVER_ID} (and the listed
 * relations and recipients) in {@link #TENANT}, audit that with {@code AuditLog.record}, and be idempotent. A module
 * that was not running can catch up with {@link CaregiverDirectory#erasuresSince(java.time.Instant)}. The other
 * topics are posted asynchronously.
 */
public final class RegistrationEvents {

    /** Prefix of all topics; subscribe to {@code nl/mantelkring/registration/*} for all of them. */
    public static final String TOPIC_PREFIX = "nl/mantelkring/registration/";

    /** A caregiver was registered. */
    public static final String REGISTERED = TOPIC_PREFIX + "REGISTERED";

    /** A caregiver's registration changed (details, relation added or changed, consent, deregistration). */
    public static final String CHANGED = TOPIC_PREFIX + "CHANGED";

    /** A care relation ended ({@link #RELATION_ID}, {@link #REASON}). */
    public static final String RELATION_ENDED = TOPIC_PREFIX + "RELATION_ENDED";

    /** A caregiver was erased (right to erasure, or retention expired): erase what you hold about them. */
    public static final String ERASED = TOPIC_PREFIX + "ERASED";

    /** Property: the tenant's gemeentecode ({@code String}). */
    public static final String TENANT = "tenant";

    /** Property: the caregiver's id ({@code String}). */
    public static final String CAREGIVER_ID = "caregiverId";

    /** Property: the care relation's id ({@code String}), on {@link #RELATION_ENDED}. */
    public static final String RELATION_ID = "relationId";

    /** Property: ids of the caregiver's care relations ({@code String[]}), on {@link #ERASED}. */
    public static final String RELATION_IDS = "relationIds";

    /** Property: ids of care recipients removed with the caregiver ({@code String[]}), on {@link #ERASED}. */
    public static final String RECIPIENT_IDS = "recipientIds";

    /** Property: a reason code ({@code String}): for an ended relation its end reason; for an erasure
     * {@code verzoek} (request of the person) or {@code bewaartermijn} (retention expired). */
    public static final String REASON = "reason";

    private RegistrationEvents() {
    }
}

package nl.mantelkring.registration;

import java.time.Instant;

/**
 * A caregiver that was erased.
 *
 * @param tenant      the tenant's gemeentecode
 * @param caregiverId the erased caregiver's id
 * @param erasedAt    when
 * @param reason      {@code verzoek} or {@code bewaartermijn}
 */
public record Erasure(String tenant, String caregiverId, Instant erasedAt, String reason) {
}

package nl.mantelkring.appreciation;

import java.math.BigDecimal;

/**
 * One grant to pay out through a {@link PayoutChannel}.
 *
 * @param tenant      the municipality (CBS code, e.g. {@code GM0193})
 * @param grantId     the grant; the same on a retry (an idempotency key for the provider)
 * @param year        the appreciation year
 * @param amount      euros, two decimals
 * @param caregiverId the caregiver's pseudonymous id in the platform
 * @since 1.1
 */
public record PayoutRequest(String tenant, String grantId, int year, BigDecimal amount, String caregiverId) {
}

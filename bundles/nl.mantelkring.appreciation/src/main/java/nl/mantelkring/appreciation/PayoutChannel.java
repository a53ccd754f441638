package nl.mantelkring.appreciation;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * SPI: a vendor's payout channel for the appreciation, e.g. a local gift card. Register an implementation as a DS
 * component with {@code mantelkring.plugin.id} (and usually {@code mantelkring.tenant}); a tenant's yearly policy
 * {@code waardering.regels} names it as {@code "kanaal": "plugin:<id>"} (or among {@code keuzeUit}).
 *
 * <p>The platform calls {@link #issue} once for each grant of that channel, after the grant was committed, on a
 * background thread, with a time limit (10 seconds): a call that throws or takes longer leaves the grant
 * {@code toegekend} with the message as its problem; a consultant retries it ({@code POST
 * toekenningen/{id}/uitgifte}). The call may therefore be repeated for the same grant: use
 * {@link PayoutRequest#grantId()} as the idempotency key with the provider. The request carries the tenant, the
 * grant's pseudonymous caregiver id and the amount, never a name, address or IBAN.
 *
 * @since 1.1
 */
@ConsumerType
public interface PayoutChannel {

    /** Dutch name for consultants and caregivers, e.g. {@code Zwolse Cadeaukaart}. */
    String name();

    /** Issues the payout for one grant; never returns null. */
    PayoutResult issue(PayoutRequest request) throws Exception;
}

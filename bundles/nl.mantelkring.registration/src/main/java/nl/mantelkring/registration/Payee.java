package nl.mantelkring.registration;

/**
 * Who a payment goes to: the caregiver's full name as registered and IBAN (null when none is recorded).
 *
 * @since 1.1
 */
public record Payee(String caregiverId, String name, String iban) {
}

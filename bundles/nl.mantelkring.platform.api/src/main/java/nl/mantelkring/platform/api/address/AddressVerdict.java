package nl.mantelkring.platform.api.address;

import java.util.List;

import nl.mantelkring.platform.api.FieldViolation;

/**
 * The result of a verification.
 *
 * @param valid      whether the address is acceptable
 * @param normalised the address in normal form (postcode {@code 1234 AB}, trimmed), or null when invalid
 * @param problems   what is wrong, per field, in Dutch
 */
public record AddressVerdict(boolean valid, Address normalised, List<FieldViolation> problems) {
}

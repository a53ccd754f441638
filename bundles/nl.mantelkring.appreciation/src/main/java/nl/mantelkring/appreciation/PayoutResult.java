package nl.mantelkring.appreciation;

import java.util.Objects;

/**
 * What a {@link PayoutChannel} issued.
 *
 * @param reference    the provider's reference (e.g. a card number), shown to consultants; at most 200 characters
 * @param instructions Dutch text for the caregiver (how and where to use it), or null
 * @since 1.1
 */
public record PayoutResult(String reference, String instructions) {

    public PayoutResult {
        Objects.requireNonNull(reference, "reference");
        if (reference.isBlank() || reference.length() > 200) {
            throw new IllegalArgumentException("A payout reference has 1 to 200 characters");
        }
    }
}

package nl.mantelkring.platform.api.messages;

import java.util.List;
import java.util.Objects;

/**
 * Whom a message goes to, as the module that holds the person's data knows them when the event happens.
 *
 * @param subjectId        the data subject's pseudonymous id (e.g. the caregiver id): audit entries, the consultant's
 *                         list per person, the right of access and erasure use it
 * @param name             the name to address the person with (for the letter's address block and the salutation)
 * @param email            e-mail address, or null
 * @param phone            phone number, or null (for a vendor's SMS channel)
 * @param postalAddress    address lines without the name (street and number, postcode and place); empty when unknown
 * @param preferredChannel the person's preferred channel: {@code e-mail}, {@code post}, {@code telefoon}, or the
 *                         name of a vendor channel ({@code sms}, {@code berichtenbox}); null for no preference
 */
public record Recipient(String subjectId, String name, String email, String phone, List<String> postalAddress,
                        String preferredChannel) {
    public Recipient {
        Objects.requireNonNull(subjectId);
        Objects.requireNonNull(name);
        postalAddress = postalAddress == null ? List.of() : List.copyOf(postalAddress);
    }
}

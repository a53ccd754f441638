package nl.mantelkring.platform.api.documents;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One letter to print or archive.
 *
 * @param addressLines the recipient's address block (name, street and number, postcode and place), 1 to 6 lines
 * @param date         the letter's date
 * @param reference    "ons kenmerk", e.g. the application number; may be null
 * @param subject      "onderwerp", one line
 * @param bodyHtml     the body as an HTML fragment (from {@link Templates#renderHtml}): {@code p, h2, h3, ul, ol, li,
 *                     table, tr, th, td, strong, em, br} only; the signature block and letterhead are added
 */
public record Letter(List<String> addressLines, LocalDate date, String reference, String subject, String bodyHtml) {
    public Letter {
        addressLines = List.copyOf(addressLines);
        Objects.requireNonNull(date);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(bodyHtml);
    }
}

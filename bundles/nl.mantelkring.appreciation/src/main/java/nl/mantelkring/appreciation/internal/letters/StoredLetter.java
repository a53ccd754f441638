package nl.mantelkring.appreciation.internal.letters;

import java.time.Instant;

/**
 * A letter as stored with its decision or voucher.
 *
 * @param id          the letter's id
 * @param kind        {@code toekenning}, {@code afwijzing}, {@code herziening} (decision on an objection) or {@code waardebon}
 * @param fileName    e.g. {@code besluit-2026-<kort id>.pdf}
 * @param pdf         the PDF/A bytes
 * @param createdAt   when it was made
 */
public record StoredLetter(String id, String kind, String fileName, byte[] pdf, Instant createdAt) {
}

package nl.mantelkring.appreciation.internal.letters;

import java.time.Instant;

/**
 * A stored letter without its bytes: for lists (back-office, loket, right of access).
 *
 * @param id            the letter's id
 * @param applicationId the application it belongs to
 * @param kind          {@code toekenning}, {@code afwijzing}, {@code herziening} or {@code waardebon}
 * @param fileName      the PDF's file name
 * @param size          bytes
 * @param sha256        the PDF's SHA-256 (hex), for the archive
 * @param createdAt     when it was made
 */
public record LetterInfo(String id, String applicationId, String kind, String fileName, long size, String sha256,
                         Instant createdAt) {
}

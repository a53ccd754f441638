package nl.mantelkring.appreciation.internal.sepa;

import java.math.BigDecimal;
import java.nio.file.Path;

/** A released (written, recounted and XSD-validated) pain.001 file. */
public record SepaFile(Path path, String messageId, long count, BigDecimal controlSum) {
}

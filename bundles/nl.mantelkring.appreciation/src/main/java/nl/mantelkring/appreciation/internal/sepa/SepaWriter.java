package nl.mantelkring.appreciation.internal.sepa;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Objects;

/**
 * Writes one pain.001 document (one PmtInf: SEPA service level, TRF, charge bearer SLEV, batch booking) with StAX,
 * one transfer at a time: memory use does not grow with the number of transfers.
 *
 * <p>NbOfTxs and CtrlSum come first in the document, so the caller declares them in the {@link SepaHeader} (from SQL
 * aggregates over the same rows it streams). The writer counts and sums what it actually writes and throws a
 * {@link SepaException} when that differs - as soon as there are more transfers or more money than declared, at the
 * end when there are fewer. The bytes already written to the stream are then garbage: write to a temporary file and
 * release it only when this returns (as {@link SepaFiles} does).
 *
 * <p>Stateless and thread-safe; one instance per format is enough.
 */
public final class SepaWriter {

    private final SepaFormat format;

    public SepaWriter(SepaFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    public SepaFormat format() {
        return format;
    }

    /**
     * Writes the document to {@code out} (flushed, not closed).
     *
     * @throws SepaException when the transfers do not match the declared count or control sum
     * @throws IllegalArgumentException when the iterator yields null
     */
    public SepaTotals write(OutputStream out, SepaHeader header, Iterator<? extends Transfer> transfers)
            throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(transfers, "transfers");
        PainXml xml = PainXml.document(out, format);
        xml.head(header, header.numberOfTransactions(), header.controlSum());
        long declaredCents = header.controlSum().unscaledValue().longValueExact();
        long count = 0;
        long cents = 0;
        while (transfers.hasNext()) {
            Transfer t = transfers.next();
            if (t == null) {
                throw new IllegalArgumentException("Transfer " + (count + 1) + " of " + header.messageId() + " is null");
            }
            count++;
            cents = Math.addExact(cents, t.cents());
            if (count > header.numberOfTransactions()) {
                throw mismatch(header, "more than the declared " + header.numberOfTransactions() + " transactions");
            }
            if (cents > declaredCents) {
                throw mismatch(header, "the transfers exceed the declared control sum " + header.controlSum()
                        + " at transaction " + count + " (" + t.endToEndId() + ")");
            }
            xml.transaction(t);
        }
        if (count != header.numberOfTransactions() || cents != declaredCents) {
            throw mismatch(header, count + " transactions totalling " + BigDecimal.valueOf(cents, 2) + " were streamed, "
                    + header.numberOfTransactions() + " totalling " + header.controlSum() + " were declared");
        }
        xml.tail();
        return new SepaTotals(header.messageId(), count, BigDecimal.valueOf(cents, 2));
    }

    private static SepaException mismatch(SepaHeader header, String what) {
        return new SepaException("SEPA file " + header.messageId() + " refused: " + what);
    }
}

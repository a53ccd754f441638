package nl.mantelkring.appreciation.internal.sepa;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a pain.001 document declares before its transactions: message id (also used as the single PmtInfId), creation
 * time (written to the second, with its offset), requested execution date, debtor, and the number of transactions and
 * control sum the caller expects (from SQL aggregates). The writer refuses the file if the streamed transfers do not
 * add up to exactly these.
 *
 * <p>For {@link SepaFiles#writeSplit} the message id is the base of the per-file ids ({@code <base>-001}, ...; at
 * most 31 characters then) and count/sum are the totals over all files.
 */
public record SepaHeader(String messageId, OffsetDateTime creationTime, LocalDate requestedExecutionDate, Debtor debtor,
        long numberOfTransactions, BigDecimal controlSum) {

    public SepaHeader {
        messageId = SepaText.id(messageId, "MsgId");
        creationTime = Objects.requireNonNull(creationTime, "creationTime").truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(requestedExecutionDate, "requestedExecutionDate");
        Objects.requireNonNull(debtor, "debtor");
        if (numberOfTransactions < 1) {
            throw new IllegalArgumentException("A SEPA file needs at least one transaction, declared "
                    + numberOfTransactions);
        }
        if (controlSum == null || controlSum.signum() <= 0 || controlSum.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("Control sum must be more than 0 with at most 2 decimals: " + controlSum);
        }
        controlSum = controlSum.setScale(2);
    }

    /** The same header for another message id and totals (one file of a split run). */
    public SepaHeader withFile(String fileMessageId, long count, BigDecimal sum) {
        return new SepaHeader(fileMessageId, creationTime, requestedExecutionDate, debtor, count, sum);
    }
}

package nl.mantelkring.appreciation.internal.sepa;

import java.math.BigDecimal;

/** What a written document contains: its message id, number of transactions and control sum (two decimals). */
public record SepaTotals(String messageId, long count, BigDecimal controlSum) {
}

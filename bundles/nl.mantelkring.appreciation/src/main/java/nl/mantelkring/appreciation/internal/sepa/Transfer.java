package nl.mantelkring.appreciation.internal.sepa;

import java.math.BigDecimal;

/**
 * One credit transfer (one {@code CdtTrfTxInf}). The constructor checks and normalises every field, so a Transfer
 * that exists can be written: end-to-end id per {@link SepaText#id} (max 35; make it traceable to the grant), amount
 * per {@link SepaText#amount} (stored with exactly two decimals), creditor name transliterated (max 70), IBAN checked,
 * BIC optional (no {@code CdtrAgt} is written without it), remittance text transliterated (max 140; null or blank
 * means no {@code RmtInf}).
 *
 * @throws IllegalArgumentException naming the end-to-end id and the field that is wrong
 */
public record Transfer(String endToEndId, BigDecimal amount, String creditorName, String creditorIban,
        String creditorBic, String remittance) {

    public Transfer {
        endToEndId = SepaText.id(endToEndId, "EndToEndId");
        String who = "Transfer " + endToEndId + ": ";
        amount = SepaText.amount(amount, who + "amount");
        creditorName = SepaText.name(creditorName, who + "creditor name");
        creditorIban = SepaText.iban(creditorIban, who + "creditor IBAN");
        creditorBic = SepaText.bic(creditorBic, who + "creditor BIC");
        remittance = SepaText.remittance(remittance);
    }

    /** The amount in euro cents. */
    public long cents() {
        return amount.unscaledValue().longValueExact();
    }
}

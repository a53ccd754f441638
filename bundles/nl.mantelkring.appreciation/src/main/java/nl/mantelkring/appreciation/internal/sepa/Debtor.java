package nl.mantelkring.appreciation.internal.sepa;

/**
 * The paying party: the municipality's account. The name is transliterated to the SEPA character set (max 70); the
 * IBAN is normalised (upper case, no spaces) and check-digit verified; the BIC is optional: without it the debtor
 * agent is written as {@code FinInstnId/Othr/Id = NOTPROVIDED} (EPC rule for both pain.001 versions).
 */
public record Debtor(String name, String iban, String bic) {

    public Debtor {
        name = SepaText.name(name, "Debtor name");
        iban = SepaText.iban(iban, "Debtor IBAN");
        bic = SepaText.bic(bic, "Debtor BIC");
    }

    public Debtor(String name, String iban) {
        this(name, iban, null);
    }
}

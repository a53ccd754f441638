package nl.mantelkring.appreciation.internal.payment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import nl.mantelkring.appreciation.internal.sepa.Debtor;
import nl.mantelkring.appreciation.internal.sepa.SepaFormat;
import nl.mantelkring.platform.api.FieldViolation;

/**
 * How a municipality pays (tenant policy {@code waardering.betaling}, for every year or one year): the debtor
 * account, the remittance text on the caregiver's bank statement ({@code {jaar}} is replaced by the year), the
 * pain.001 version its bank takes, the number of transactions per file, how long vouchers stay valid, and how many
 * years the (pseudonymised) financial records of an erased caregiver are kept.
 *
 * <pre>{"rekeninghouder": "Gemeente Zwolle", "iban": "NL91ABNA0417164300", "bic": "ABNANL2A",
 *  "omschrijving": "Mantelzorgwaardering {jaar} gemeente Zwolle", "formaat": "pain.001.001.09",
 *  "maxTransactiesPerBestand": 5000, "waardebonGeldigMaanden": 12, "bewaartermijnJaren": 7}</pre>
 */
public record PaymentPolicy(Debtor debtor, String remittance, SepaFormat format, int maxPerFile,
                            int voucherValidMonths, int retentionYears) {

    public static final String KEY = "waardering.betaling";
    static final Set<String> KNOWN = Set.of("rekeninghouder", "iban", "bic", "omschrijving", "formaat",
            "maxTransactiesPerBestand", "waardebonGeldigMaanden", "bewaartermijnJaren");

    /** The remittance text for a year. */
    public String remittanceFor(int year) {
        return remittance == null ? null : remittance.replace("{jaar}", Integer.toString(year));
    }

    /** Thrown by {@link #parse}: every problem, with its field. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<FieldViolation> problems;

        Invalid(List<FieldViolation> problems) {
            super(problems.size() + " problem(s) in " + KEY);
            this.problems = List.copyOf(problems);
        }

        public List<FieldViolation> problems() {
            return problems;
        }
    }

    public static PaymentPolicy parse(JsonNode n) {
        List<FieldViolation> p = new ArrayList<>();
        if (n == null || !n.isObject()) {
            throw new Invalid(List.of(new FieldViolation("", "Verwacht een JSON-object.")));
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!KNOWN.contains(f)) {
                p.add(new FieldViolation(f, "Onbekend veld."));
            }
        }
        Debtor debtor = null;
        String name = text(p, n, "rekeninghouder", true);
        String iban = text(p, n, "iban", true);
        String bic = text(p, n, "bic", false);
        if (name != null && iban != null) {
            try {
                debtor = new Debtor(name, iban, bic);
            } catch (IllegalArgumentException e) {
                p.add(new FieldViolation(e.getMessage().startsWith("Debtor BIC") ? "bic"
                        : e.getMessage().startsWith("Debtor IBAN") ? "iban" : "rekeninghouder",
                        "Ongeldig: " + e.getMessage()));
            }
        }
        String remittance = text(p, n, "omschrijving", false);
        if (remittance != null && remittance.replace("{jaar}", "2026").length() > 140) {
            p.add(new FieldViolation("omschrijving", "Ten hoogste 140 tekens (SEPA)."));
        }
        SepaFormat format = SepaFormat.DEFAULT;
        String f = text(p, n, "formaat", false);
        if (f != null) {
            format = switch (f) {
                case "pain.001.001.09" -> SepaFormat.PAIN_001_001_09;
                case "pain.001.001.03" -> SepaFormat.PAIN_001_001_03;
                default -> {
                    p.add(new FieldViolation("formaat", "Toegestaan: pain.001.001.09, pain.001.001.03."));
                    yield null;
                }
            };
        }
        int maxPerFile = integer(p, n, "maxTransactiesPerBestand", 1, 100_000, 5000);
        int validMonths = integer(p, n, "waardebonGeldigMaanden", 1, 120, 12);
        int retention = integer(p, n, "bewaartermijnJaren", 1, 30, 7);
        if (!p.isEmpty()) {
            throw new Invalid(p);
        }
        return new PaymentPolicy(debtor, remittance, format, maxPerFile, validMonths, retention);
    }

    /** The pain.001 version by its name in the API. */
    static String formatName(SepaFormat f) {
        return f == SepaFormat.PAIN_001_001_03 ? "pain.001.001.03" : "pain.001.001.09";
    }

    private static String text(List<FieldViolation> p, JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                p.add(new FieldViolation(field, "Verplicht veld."));
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            p.add(new FieldViolation(field, "Verwacht een tekst."));
            return null;
        }
        return v.asText().strip();
    }

    private static int integer(List<FieldViolation> p, JsonNode n, String field, int min, int max, int def) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            p.add(new FieldViolation(field, "Een geheel getal van " + min + " tot en met " + max + "."));
            return def;
        }
        return v.asInt();
    }
}

package nl.mantelkring.registration.internal;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Validated values, as the store takes them. */
final class Model {

    record Person(String first, String prefix, String last, LocalDate birthDate, String street, Integer number,
                  String addition, String postcode, String city, String email, String phone, String channel,
                  Boolean livesInMunicipality, Boolean working) {

        String nameNorm() {
            return normalise(String.join(" ", first == null ? "" : first, prefix == null ? "" : prefix, last));
        }

        /** Same person in one tenant: same name, date of birth and postcode. */
        String identityKey() {
            return Crypto.sha256(nameNorm() + "|" + birthDate + "|" + postcode);
        }

        String fullName() {
            return fullName(first, prefix, last);
        }

        static String fullName(String first, String prefix, String last) {
            StringBuilder b = new StringBuilder();
            for (String p : new String[] {first, prefix, last}) {
                if (p != null && !p.isBlank()) {
                    b.append(b.length() == 0 ? "" : " ").append(p);
                }
            }
            return b.toString();
        }
    }

    record Recipient(String id, String name, String anonymousReference, boolean livesInMunicipality, String bsn) {
    }

    record Relation(Recipient recipient, String relation, LocalDate careSince, BigDecimal hoursPerWeek,
                    List<String> careKinds, boolean wmo, boolean wlz, boolean zvw, boolean terminal) {
    }

    record Consent(String purpose, boolean given, LocalDate date, String source) {
    }

    /** Lower case, accents and punctuation removed, single spaces: for search and duplicate detection. */
    static String normalise(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** A BSN shown with only its last three digits: {@code ******789}. */
    static String maskBsn(String bsn) {
        return bsn == null ? null : "******" + bsn.substring(6);
    }

    /** An IBAN shown with its country code and last four characters: {@code NL************4300}. */
    static String maskIban(String iban) {
        return iban == null ? null : iban.substring(0, 2) + "*".repeat(iban.length() - 6) + iban.substring(iban.length() - 4);
    }

    private Model() {
    }
}

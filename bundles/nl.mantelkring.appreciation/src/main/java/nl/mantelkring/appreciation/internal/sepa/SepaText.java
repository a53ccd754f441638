package nl.mantelkring.appreciation.internal.sepa;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The EPC rules for text, identifiers, accounts and amounts in a SEPA credit transfer.
 *
 * <p>Free text (names, remittance information) is restricted to the SEPA basic Latin character set
 * {@code a-z A-Z 0-9 / - ? : ( ) . , ' +} and space. {@link #latin} transliterates: letters with diacritics lose them
 * (é→e, ü→u, ł→l), ligatures and special letters are spelt out (ß→ss, ĳ→ij, æ→ae, ø→o, þ→th), typographic quotes
 * become {@code '}, dashes {@code -}, {@code &} becomes {@code +}; any other character becomes a space; runs of
 * spaces collapse to one; the result is trimmed and cut to the field's maximum length (Nm 70, Ustrd 140).
 *
 * <p>Identifiers (MsgId, PmtInfId, EndToEndId) are not transliterated but refused when wrong: 1 to 35 characters of
 * the same set without space, not starting or ending with {@code /}, no {@code //}.
 */
public final class SepaText {

    public static final int NAME_MAX = 70;
    public static final int REMITTANCE_MAX = 140;
    public static final int ID_MAX = 35;
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999.99");

    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}");
    /** The stricter of the two schemas' patterns (pain.001.001.03 BICIdentifier), so a BIC fits either format. */
    private static final Pattern BIC = Pattern.compile("[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private SepaText() {
    }

    /** Whether {@code c} is in the SEPA basic Latin character set (space included). */
    public static boolean isSepaChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '/' || c == '-' || c == '?' || c == ':' || c == '(' || c == ')' || c == '.' || c == ','
                || c == '\'' || c == '+' || c == ' ';
    }

    /**
     * {@code text} in the SEPA character set, at most {@code maxLength} characters, trimmed; empty if nothing is left
     * (null gives empty).
     */
    public static String latin(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        if (isClean(text) && text.length() <= maxLength) {
            return text; // the common case: already plain ASCII of the right set, no copy
        }
        StringBuilder out = new StringBuilder(Math.min(text.length() + 8, maxLength + 8));
        text.codePoints().forEach(cp -> appendTransliterated(out, cp));
        return cut(collapseSpaces(out), maxLength);
    }

    private static boolean isClean(String text) {
        int n = text.length();
        if (n == 0) {
            return true;
        }
        if (text.charAt(0) == ' ' || text.charAt(n - 1) == ' ') {
            return false;
        }
        char prev = 'x';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!isSepaChar(c) || (c == ' ' && prev == ' ')) {
                return false;
            }
            prev = c;
        }
        return true;
    }

    private static void appendTransliterated(StringBuilder out, int cp) {
        if (isSepaChar(cp)) {
            out.append((char) cp);
            return;
        }
        String special = special(cp);
        if (special != null) {
            out.append(special);
            return;
        }
        // compatibility decomposition: é -> e + U+0301, ĳ -> ij, ﬁ -> fi, full-width letters -> ASCII
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
        boolean any = false;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (isSepaChar(c)) {
                out.append(c);
                any = true;
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                String inner = special(c);
                out.append(inner != null ? inner : " ");
                any = true;
            }
        }
        if (!any) {
            out.append(' ');
        }
    }

    /** Letters and signs NFKD does not reduce to ASCII. */
    private static String special(int cp) {
        switch (cp) {
            case 'ß': return "ss";
            case 'ẞ': return "SS";
            case 'æ': return "ae";
            case 'Æ': return "AE";
            case 'œ': return "oe";
            case 'Œ': return "OE";
            case 'ø': return "o";
            case 'Ø': return "O";
            case 'ł': return "l";
            case 'Ł': return "L";
            case 'đ': case 'ð': return "d";
            case 'Đ': case 'Ð': return "D";
            case 'þ': return "th";
            case 'Þ': return "TH";
            case 'ı': return "i";
            case '&': return "+";
            case '‘': case '’': case '‚': case '‛': case '`': case '´': case 'ʼ': return "'";
            case '–': case '—': case '‐': case '‑': case '‒': case '−': return "-";
            default: return null;
        }
    }

    private static String collapseSpaces(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' && (out.length() == 0 || out.charAt(out.length() - 1) == ' ')) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String cut(String s, int maxLength) {
        String r = s.length() > maxLength ? s.substring(0, maxLength) : s;
        return r.strip();
    }

    /** A name for Nm: transliterated, at most 70 characters; refused when nothing is left. */
    public static String name(String name, String what) {
        String n = latin(name, NAME_MAX);
        if (n.isEmpty()) {
            throw new IllegalArgumentException(what + " has no characters left in the SEPA character set: '" + name + "'");
        }
        return n;
    }

    /** Remittance text for Ustrd: transliterated, at most 140 characters; null when absent or nothing is left. */
    public static String remittance(String text) {
        String r = latin(text, REMITTANCE_MAX);
        return r.isEmpty() ? null : r;
    }

    /** {@code id} if it is a valid SEPA identifier (see class comment); else an IllegalArgumentException naming {@code what}. */
    public static String id(String id, String what) {
        if (id == null || id.isEmpty() || id.length() > ID_MAX) {
            throw new IllegalArgumentException(what + " must be 1 to " + ID_MAX + " characters: '" + id + "'");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == ' ' || !isSepaChar(c)) {
                throw new IllegalArgumentException(what + " contains '" + c + "', outside the SEPA identifier characters: '"
                        + id + "'");
            }
        }
        if (id.startsWith("/") || id.endsWith("/") || id.contains("//")) {
            throw new IllegalArgumentException(what + " must not start or end with '/' nor contain '//': '" + id + "'");
        }
        return id;
    }

    /** The IBAN in electronic form (upper case, no spaces) if its format and ISO 7064 mod-97 check digits are right. */
    public static String iban(String iban, String what) {
        if (iban == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String s = iban.replace(" ", "").toUpperCase(Locale.ROOT);
        if (s.length() > 34 || !IBAN.matcher(s).matches()) {
            throw new IllegalArgumentException(what + " is not an IBAN: '" + iban + "'");
        }
        String rearranged = s.substring(4) + s.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            digits.append(Character.digit(rearranged.charAt(i), 36));
        }
        if (new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() != 1) {
            throw new IllegalArgumentException(what + " has wrong check digits: '" + iban + "'");
        }
        return s;
    }

    /** The BIC upper case, or null when absent or blank; refused when malformed. */
    public static String bic(String bic, String what) {
        if (bic == null || bic.isBlank()) {
            return null;
        }
        String s = bic.strip().toUpperCase(Locale.ROOT);
        if (!BIC.matcher(s).matches()) {
            throw new IllegalArgumentException(what + " is not a BIC: '" + bic + "'");
        }
        return s;
    }

    /**
     * A SEPA amount in euro with exactly two decimals: more than 0, at most 999999999.99, no more than two
     * significant decimals (10.5 and 10.500 are accepted as 10.50; 10.005 is refused).
     */
    public static BigDecimal amount(BigDecimal amount, String what) {
        if (amount == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be more than 0: " + amount.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(what + " has more than 2 decimals: " + amount.toPlainString());
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException(what + " exceeds " + MAX_AMOUNT + ": " + amount.toPlainString());
        }
        return amount.setScale(2);
    }
}

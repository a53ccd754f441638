package nl.mantelkring.platform.api.format;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dutch postcodes as PostNL issues them: four digits, the first not 0, and two letters, where the letter
 * combinations SA, SD and SS are not issued. On input letters may be lower case, the space between digits and
 * letters is optional and spaces around the value are ignored; any other space or character is refused. The normal
 * form, as every module stores it, is {@code 1234 AB} (one space, capitals). A postcode area (PC4) is the four
 * digits alone, 1000 to 9999.
 */
public final class Postcode {

    /** The Dutch reason for a value that is not a postcode. */
    public static final String REASON = "Geen geldige postcode: vier cijfers (niet beginnend met 0) en twee letters"
            + " (niet SA, SD of SS), zoals 3511 AB.";
    /** The Dutch reason for a value that is not a postcode area. */
    public static final String PC4_REASON = "Een postcodegebied (PC4) is vier cijfers van 1000 tot en met 9999,"
            + " zoals 3511.";

    private static final Pattern POSTCODE = Pattern.compile("([1-9][0-9]{3}) ?([A-Za-z]{2})");
    private static final Pattern PC4 = Pattern.compile("[1-9][0-9]{3}");
    private static final Set<String> NOT_ISSUED = Set.of("SA", "SD", "SS");

    private Postcode() {
    }

    /**
     * The postcode in normal form {@code 1234 AB}, or {@code null} when the value is not a postcode PostNL issues
     * ({@code null} too for {@code null}).
     */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = POSTCODE.matcher(value.strip());
        if (!m.matches()) {
            return null;
        }
        String letters = m.group(2).toUpperCase(Locale.ROOT);
        return NOT_ISSUED.contains(letters) ? null : m.group(1) + " " + letters;
    }

    /** Whether the value is a postcode PostNL issues (in any accepted input form). */
    public static boolean isValid(String value) {
        return normalise(value) != null;
    }

    /** Whether the value is exactly a postcode area: four digits, 1000 to 9999 (no spaces). */
    public static boolean isPc4(String value) {
        return value != null && PC4.matcher(value).matches();
    }
}

package nl.mantelkring.registration.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.format.Postcode;
import nl.mantelkring.platform.api.format.Text;

/**
 * Collects field violations (Dutch reasons, the field names the client sent) and checks the domain's formats.
 * Reasons never repeat the value: it may be a BSN or IBAN.
 */
final class Validation {

    // pragmatic: one @, no spaces, a dot in the domain; the mail server has the last word
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{8,15}");
    private static final int MAX_AGE = 120;
    private static final int MIN_AGE = 5;

    private final List<FieldViolation> violations = new ArrayList<>();

    void add(String field, String reason) {
        violations.add(new FieldViolation(field, reason));
    }

    boolean ok() {
        return violations.isEmpty();
    }

    /** Throws the collected violations as one 400, if any. */
    void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    boolean required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            add(field, "Verplicht veld.");
            return false;
        }
        return true;
    }

    /** A trimmed text of at most {@code max} characters, or null when absent. */
    String text(String field, String value, int max, boolean required) {
        if (!required && (value == null || value.isBlank())) {
            return null;
        }
        if (!required(field, value)) {
            return null;
        }
        String t = value.strip();
        if (t.length() > max) {
            add(field, "Te lang: ten hoogste " + max + " tekens.");
        } else if (!Text.isSingleLine(t)) {
            add(field, Text.SINGLE_LINE_REASON);
        }
        return t;
    }

    void code(String field, String value, Map<String, String> allowed, boolean required) {
        if (value == null) {
            if (required) {
                add(field, "Verplicht veld.");
            }
        } else if (!allowed.containsKey(value)) {
            add(field, "Onbekende waarde; toegestaan: " + String.join(", ", allowed.keySet()) + ".");
        }
    }

    /** The postcode in normal form {@code 1234 AB} as {@link Postcode} checks it (also {@code 1234ab}). */
    String postcode(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "Verplicht veld.");
            }
            return null;
        }
        String normal = Postcode.normalise(value);
        if (normal == null) {
            add(field, Postcode.REASON);
        }
        return normal;
    }

    /** A BSN: nine digits passing the eleven-test. */
    String bsn(String field, String value) {
        if (value == null) {
            return null;
        }
        String digits = value.strip();
        if (!isValidBsn(digits)) {
            add(field, "Geen geldig burgerservicenummer: negen cijfers die aan de elfproef voldoen.");
            return null;
        }
        return digits;
    }

    static boolean isValidBsn(String s) {
        if (s == null || s.length() != 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (s.charAt(i) - '0');
        }
        sum -= s.charAt(8) - '0';
        return sum % 11 == 0 && !s.equals("000000000");
    }

    /** An IBAN in electronic form (no spaces, capitals), checked on country, length and mod-97 check digits. */
    String iban(String field, String value) {
        if (value == null) {
            return null;
        }
        String iban = value.replace(" ", "").toUpperCase(Locale.ROOT);
        try {
            IbanUtil.validate(iban);
            return iban;
        } catch (InvalidCheckDigitException e) {
            add(field, "Geen geldig IBAN: de controlecijfers kloppen niet.");
        } catch (UnsupportedCountryException e) {
            add(field, "Geen geldig IBAN: onbekende landcode.");
        } catch (IbanFormatException e) {
            add(field, "Geen geldig IBAN: de lengte of opbouw klopt niet voor dit land.");
        } catch (RuntimeException e) {
            add(field, "Geen geldig IBAN.");
        }
        return null;
    }

    String email(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String e = value.strip();
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            add(field, "Geen geldig e-mailadres.");
        }
        return e;
    }

    /** A phone number: digits with an optional leading +, spaces, dashes and brackets removed. */
    String phone(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String p = value.replaceAll("[\\s\\-().]", "");
        if (!PHONE.matcher(p).matches()) {
            add(field, "Geen geldig telefoonnummer: 8 tot 15 cijfers, eventueel met + ervoor.");
        }
        return p;
    }

    void birthDate(String field, LocalDate date, LocalDate today) {
        if (!required(field, date)) {
            return;
        }
        if (date.isAfter(today)) {
            add(field, "Ligt in de toekomst.");
        } else if (date.isBefore(today.minusYears(MAX_AGE))) {
            add(field, "Niet aannemelijk: meer dan " + MAX_AGE + " jaar geleden.");
        } else if (date.isAfter(today.minusYears(MIN_AGE))) {
            add(field, "Niet aannemelijk: een mantelzorger is ten minste " + MIN_AGE + " jaar oud.");
        }
    }

    void pastDate(String field, LocalDate date, LocalDate today, boolean required) {
        if (date == null) {
            if (required) {
                add(field, "Verplicht veld.");
            }
        } else if (date.isAfter(today)) {
            add(field, "Ligt in de toekomst.");
        } else if (date.isBefore(LocalDate.of(1900, 1, 1))) {
            add(field, "Niet aannemelijk: voor 1900.");
        }
    }

    void hoursPerWeek(String field, BigDecimal hours) {
        if (!required(field, hours)) {
            return;
        }
        if (hours.signum() < 0 || hours.compareTo(BigDecimal.valueOf(168)) > 0) {
            add(field, "Moet tussen 0 en 168 uur per week liggen.");
        } else if (hours.stripTrailingZeros().scale() > 1) {
            add(field, "Ten hoogste één decimaal (bijvoorbeeld 8,5 uur).");
        }
    }
}

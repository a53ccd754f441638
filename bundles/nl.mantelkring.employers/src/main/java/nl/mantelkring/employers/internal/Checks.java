package nl.mantelkring.employers.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.format.Postcode;

/** Collects the field violations of one request, with Dutch reasons; {@link #throwIfAny()} answers 400. */
final class Checks {

    static final Pattern KVK = Pattern.compile("[0-9]{8}");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{8,18}[0-9]");
    static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final List<FieldViolation> violations = new ArrayList<>();

    void add(String field, String reason) {
        violations.add(new FieldViolation(field, reason));
    }

    boolean ok() {
        return violations.isEmpty();
    }

    void throwIfAny() {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    /** A required body: throws at once when it is missing. */
    static <T> T body(T body, String field) {
        if (body == null) {
            throw ProblemException.invalid(field, "Stuur een JSON-object in de body.");
        }
        return body;
    }

    /** Text of at most {@code max} characters; required when {@code required}; returns the trimmed value or null. */
    String text(String field, String value, int max, boolean required) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                add(field, "Verplicht.");
            }
            return null;
        }
        if (v.length() > max) {
            add(field, "Hoogstens " + max + " tekens.");
        }
        return v;
    }

    /** Text that must match a pattern when present. */
    String matching(String field, String value, int max, boolean required, Pattern pattern, String reason) {
        String v = text(field, value, max, required);
        if (v != null && !pattern.matcher(v).matches()) {
            add(field, reason);
        }
        return v;
    }

    /** One of a fixed set of codes. */
    String code(String field, String value, Set<String> allowed, boolean required) {
        if (value == null) {
            if (required) {
                add(field, "Verplicht; kies uit " + String.join(", ", sorted(allowed)) + ".");
            }
            return null;
        }
        if (!allowed.contains(value)) {
            add(field, "Onbekende waarde; kies uit " + String.join(", ", sorted(allowed)) + ".");
        }
        return value;
    }

    Integer range(String field, Integer value, int min, int max, boolean required) {
        if (value == null) {
            if (required) {
                add(field, "Verplicht.");
            }
            return null;
        }
        if (value < min || value > max) {
            add(field, "Moet tussen " + min + " en " + max + " liggen.");
        }
        return value;
    }

    BigDecimal decimal(String field, BigDecimal value, BigDecimal min, BigDecimal max, boolean required) {
        if (value == null) {
            if (required) {
                add(field, "Verplicht.");
            }
            return null;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            add(field, "Moet tussen " + min.toPlainString() + " en " + max.toPlainString() + " liggen.");
        } else if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
            add(field, "Hoogstens twee decimalen.");
        }
        return value;
    }

    LocalDate required(String field, LocalDate value) {
        if (value == null) {
            add(field, "Verplicht (JJJJ-MM-DD).");
        }
        return value;
    }

    /** A path id: our own UUIDs; anything else is a 400 naming the path parameter. */
    static String id(String param, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ProblemException.invalid(param, "Geen geldig id.");
        }
        return value;
    }

    /** A date query value (ISO 8601), or null when absent; malformed: 400 naming the key. */
    static LocalDate dateQuery(String key, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(key, "Geen geldige datum (JJJJ-MM-DD).");
        }
    }

    /** A Dutch postcode ({@link Postcode}), normalised to {@code 1234 AB}; null when absent or invalid. */
    String postcode(String field, String value, boolean required) {
        String v = text(field, value, 10, required);
        if (v == null) {
            return null;
        }
        String normal = Postcode.normalise(v);
        if (normal == null) {
            add(field, Postcode.REASON);
        }
        return normal;
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}

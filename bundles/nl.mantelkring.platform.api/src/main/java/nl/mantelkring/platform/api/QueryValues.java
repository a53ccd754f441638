package nl.mantelkring.platform.api;

import java.util.List;

/**
 * Parses query values. Resource methods take query parameters as {@code String} and parse them here, so that a
 * malformed value is a 400 problem naming the key (JAX-RS would answer 404 for a failed conversion).
 *
 * @since 1.1
 */
public final class QueryValues {

    /** The value as an integer, or null when absent; a malformed value adds a violation and returns null. */
    public static Integer integer(String key, String value, List<FieldViolation> violations) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            violations.add(new FieldViolation(key, "Moet een geheel getal zijn."));
            return null;
        }
    }

    /** The value as an integer, or null when absent; throws a 400 problem when malformed. */
    public static Integer integer(String key, String value) {
        List<FieldViolation> v = new java.util.ArrayList<>();
        Integer i = integer(key, value, v);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return i;
    }

    private QueryValues() {
    }
}

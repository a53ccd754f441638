package nl.mantelkring.platform.api;

import java.util.regex.Pattern;

/** The CBS municipality code that identifies a tenant: {@code GM} followed by four digits, e.g. {@code GM0363}. */
public final class Gemeentecode {

    private static final Pattern FORMAT = Pattern.compile("GM\\d{4}");

    /** Whether the value is a well-formed municipality code. */
    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    private Gemeentecode() {
    }
}

package nl.mantelkring.platform.api.format;

/**
 * The one rule for text a client sends (JSON string values, query parameters, CSV cells, a plugin's records): no
 * control characters. A single-line value (a name, code, address part, search term: the default) holds no
 * character for which {@link Character#isISOControl(char)} holds (U+0000-U+001F, U+007F-U+009F: NUL, ESC, tab, line
 * breaks, ...); a multi-line value (a free-text description or remark, marked {@link MultiLine}) may also hold tab,
 * line feed and carriage return. Neither may hold an unpaired surrogate (no character; PostgreSQL cannot store it,
 * nor a NUL). The platform applies the rule to every JSON body; a module applies it to what it reads otherwise.
 */
public final class Text {

    /** The Dutch reason for a single-line value that breaks the rule. */
    public static final String SINGLE_LINE_REASON =
            "Bevat niet-toegestane tekens: stuurtekens (zoals NUL of ESC), tabs en regeleinden.";
    /** The Dutch reason for a multi-line value that breaks the rule. */
    public static final String MULTI_LINE_REASON =
            "Bevat niet-toegestane tekens: stuurtekens zoals NUL of ESC (tabs en regeleinden mogen).";

    private Text() {
    }

    /** Whether the value is allowed as single-line text ({@code null} is). */
    public static boolean isSingleLine(String value) {
        return allowed(value, false);
    }

    /** Whether the value is allowed as multi-line text ({@code null} is). */
    public static boolean isMultiLine(String value) {
        return allowed(value, true);
    }

    /** Whether the value is allowed as text of the given kind ({@code null} is). */
    public static boolean allowed(String value, boolean multiLine) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                if (!multiLine || c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The Dutch reason for a value of the given kind that is not allowed. */
    public static String reason(boolean multiLine) {
        return multiLine ? MULTI_LINE_REASON : SINGLE_LINE_REASON;
    }
}

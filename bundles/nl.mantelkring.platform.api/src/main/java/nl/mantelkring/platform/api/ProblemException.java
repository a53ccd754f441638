package nl.mantelkring.platform.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An error that the platform turns into an {@code application/problem+json} response (RFC 9457). Throw it (or
 * one of the factory results) from resource or service code; never catch it to build responses yourself.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldViolation> violations;
    private final Map<String, String> extensions = new LinkedHashMap<>();

    public ProblemException(int status, String type, String title, String detail, List<FieldViolation> violations) {
        super(detail);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
        this.type = Objects.requireNonNull(type);
        this.title = Objects.requireNonNull(title);
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    /** 404: the resource does not exist (or is not visible to the caller). */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, Problems.NOT_FOUND, "Niet gevonden", detail);
    }

    /** 400 with a list of offending fields. */
    public static ProblemException invalid(List<FieldViolation> violations) {
        return new ProblemException(400, Problems.VALIDATION, "Ongeldige invoer",
                "De invoer bevat " + violations.size() + " fout(en); zie 'invalidParams'.", violations);
    }

    /** 400 for one offending field. */
    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldViolation(field, message)));
    }

    /** 409: the request conflicts with the current state. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, Problems.CONFLICT, "Conflict", detail);
    }

    /**
     * 503: the tenant's policy value under {@code key} does not have the shape the module needs. A configuration
     * error for a municipal administrator, not the caller's mistake; the module never falls back to its defaults
     * silently. The problem names the key in the extension member {@code beleidssleutel}.
     *
     * @param why what is wrong or expected, in Dutch, without a trailing full stop
     * @since 1.1
     */
    public static ProblemException unusablePolicy(String key, String why) {
        return new ProblemException(503, Problems.UNUSABLE_POLICY, "Beleid onbruikbaar",
                "Het beleid '" + key + "' van deze gemeente is onbruikbaar: " + why
                        + ". Een functioneel beheerder moet het aanpassen.").with("beleidssleutel", key);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /**
     * Adds an extension member (RFC 9457 section 3.2) to the problem, e.g. a pointer to the existing record on a
     * duplicate. Names are camelCase and must not be one of the standard members; values never hold personal data.
     *
     * @return this problem
     * @since 1.1
     */
    public ProblemException with(String name, String value) {
        if (Set.of("type", "title", "status", "detail", "instance", "invalidParams").contains(name)) {
            throw new IllegalArgumentException("standard member: " + name);
        }
        extensions.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    /** The extension members, in the order added; empty when there are none. @since 1.1 */
    public Map<String, String> extensions() {
        return Collections.unmodifiableMap(extensions);
    }
}

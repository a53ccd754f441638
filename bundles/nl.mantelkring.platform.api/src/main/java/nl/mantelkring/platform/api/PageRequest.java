package nl.mantelkring.platform.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated page request, from the query keys {@code pagina} (1-based, default 1) and {@code paginaGrootte}
 * (default {@value #DEFAULT_SIZE}, at most {@value #MAX_SIZE}).
 */
public record PageRequest(int page, int pageSize) {

    public static final String PAGE_PARAM = "pagina";
    public static final String SIZE_PARAM = "paginaGrootte";
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /** Validates raw query values (either may be null) or throws a 400 problem naming the offending keys. */
    public static PageRequest of(Integer page, Integer pageSize) {
        List<FieldViolation> v = new ArrayList<>();
        int p = page == null ? 1 : page;
        int s = pageSize == null ? DEFAULT_SIZE : pageSize;
        if (p < 1) {
            v.add(new FieldViolation(PAGE_PARAM, "Moet 1 of groter zijn."));
        }
        if (s < 1 || s > MAX_SIZE) {
            v.add(new FieldViolation(SIZE_PARAM, "Moet tussen 1 en " + MAX_SIZE + " liggen."));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return new PageRequest(p, s);
    }

    /**
     * Validates raw query strings (either may be null), so that a non-number is a 400 naming the key rather than
     * a 404 from the JAX-RS parameter conversion. Take {@code pagina} and {@code paginaGrootte} as {@code String}.
     *
     * @since 1.1
     */
    public static PageRequest parse(String page, String pageSize) {
        List<FieldViolation> v = new ArrayList<>();
        Integer p = QueryValues.integer(PAGE_PARAM, page, v);
        Integer s = QueryValues.integer(SIZE_PARAM, pageSize, v);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return of(p, s);
    }

    /** Zero-based offset of the first item, for SQL {@code OFFSET}. */
    public long offset() {
        return (long) (page - 1) * pageSize;
    }
}

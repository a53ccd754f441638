package nl.mantelkring.appreciation.internal.sepa;

import java.util.List;

/**
 * A SEPA file that must not be released: the streamed transfers do not match the declared count or control sum, the
 * document does not validate against its XSD, or a re-read does not add up. Files written through {@link SepaFiles}
 * are deleted before this is thrown.
 */
public class SepaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<SepaProblem> problems;

    public SepaException(String message) {
        this(message, List.of());
    }

    public SepaException(String message, List<SepaProblem> problems) {
        super(problems.isEmpty() ? message : message + ": " + problems.get(0)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    /** The schema or consistency problems found, if any (at most 100). */
    public List<SepaProblem> problems() {
        return problems;
    }
}

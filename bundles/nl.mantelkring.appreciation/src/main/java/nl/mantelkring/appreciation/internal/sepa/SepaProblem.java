package nl.mantelkring.appreciation.internal.sepa;

/** One schema violation or inconsistency in a pain.001 file; line and column are -1 when unknown. */
public record SepaProblem(int line, int column, String message) {

    @Override
    public String toString() {
        return (line >= 0 ? "line " + line + ", column " + column + ": " : "") + message;
    }
}

package nl.mantelkring.platform.api.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer of the platform: RFC 4180 (comma separated, CRLF line ends, a header row, quotes where a
 * separator, quote or line break needs them; written with Apache Commons CSV), and safe to open in a spreadsheet.
 * A text cell that a spreadsheet would run as a formula (its first character one of {@code = + - @}, tab, carriage
 * return, line feed or NUL) gets a leading apostrophe, as OWASP's CSV-injection guidance and ASVS 1.2.10 advise;
 * numbers and booleans are written as they are (a negative amount stays a number). An import reads such a cell
 * back with {@link #restore(String)}.
 */
public final class Csv {

    private static final String FORMULA_START = "=+-@\t\r\n\0";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private Csv() {
    }

    /**
     * The CSV text of a header row and the rows: each cell as {@link #cell(Object)} gives it. Rows may be shorter
     * than the header (the missing cells are empty).
     */
    public static String write(List<String> header, Iterable<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(out, FORMAT)) {
            p.printRecord(cells(header));
            for (List<?> row : rows) {
                p.printRecord(cells(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /**
     * One cell's text: empty for {@code null}; a number or boolean as it is ({@link BigDecimal} without exponent);
     * anything else as text, neutralised ({@link #neutralise(String)}).
     */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return neutralise(value.toString());
    }

    /**
     * The text with a leading apostrophe when a spreadsheet would otherwise take it for a formula: when it starts
     * with one of {@code = + - @}, tab, carriage return, line feed or NUL, also after apostrophes (so that
     * {@link #restore(String)} can undo it exactly).
     */
    public static String neutralise(String text) {
        return needsPrefix(text) ? "'" + text : text;
    }

    /**
     * The text a cell written by {@link #neutralise(String)} came from: an import of an exported file reads back
     * what was exported ({@code restore(neutralise(s))} is {@code s} for every text).
     */
    public static String restore(String cell) {
        return cell != null && cell.startsWith("'") && needsPrefix(cell.substring(1)) ? cell.substring(1) : cell;
    }

    private static boolean needsPrefix(String text) {
        if (text == null) {
            return false;
        }
        int i = 0;
        while (i < text.length() && text.charAt(i) == '\'') {
            i++;
        }
        return i < text.length() && FORMULA_START.indexOf(text.charAt(i)) >= 0;
    }

    private static List<String> cells(List<?> values) {
        List<String> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(cell(v));
        }
        return out;
    }
}

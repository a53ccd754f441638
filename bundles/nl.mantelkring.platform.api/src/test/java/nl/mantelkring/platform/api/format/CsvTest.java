package nl.mantelkring.platform.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void neutralisesFormulaStarts() {
        assertEquals("'=HYPERLINK(\"http://x\";\"klik\")", Csv.neutralise("=HYPERLINK(\"http://x\";\"klik\")"));
        assertEquals("'@SUM(A1:A9)", Csv.neutralise("@SUM(A1:A9)"));
        assertEquals("'+31 6 12345678", Csv.neutralise("+31 6 12345678"));
        assertEquals("'-2+3", Csv.neutralise("-2+3"));
        assertEquals("gewoon", Csv.neutralise("gewoon"));
        assertEquals("a=b", Csv.neutralise("a=b"));
        assertEquals("''=al", Csv.neutralise("'=al"));
        assertEquals("'al", Csv.neutralise("'al"));
    }

    @Test
    void restoreUndoesNeutraliseExactly() {
        for (String s : new String[] {"=1+1", "'=1+1", "''@x", "'", "''", "'tekst", "tekst", "", "+31 6", "-",
            "\t=x", "a'=b"}) {
            assertEquals(s, Csv.restore(Csv.neutralise(s)), s);
        }
        assertEquals("'tekst", Csv.restore("'tekst"));
        assertEquals(null, Csv.restore(null));
    }

    @Test
    void neutralisesControlStarts() {
        assertEquals("'\t=1", Csv.neutralise("\t=1"));
        assertEquals("'\r=1", Csv.neutralise("\r=1"));
        assertEquals("'\n=1", Csv.neutralise("\n=1"));
        assertEquals("", Csv.neutralise(""));
    }

    @Test
    void numbersStayNumbers() {
        assertEquals("-5", Csv.cell(-5));
        assertEquals("-12.50", Csv.cell(new BigDecimal("-12.50")));
        assertEquals("1000", Csv.cell(new BigDecimal("1E+3")));
        assertEquals("true", Csv.cell(true));
        assertEquals("", Csv.cell(null));
        assertEquals("2026-01-31", Csv.cell(LocalDate.of(2026, 1, 31)));
        assertEquals("'-5", Csv.cell("-5"));
    }

    @Test
    void writesRfc4180WithHeaderAndNeutralisedCells() {
        String csv = Csv.write(List.of("naam", "omschrijving", "aantal"), List.of(
                List.of("Zorg, en zo", "zei \"hallo\"", 3),
                Arrays.asList("=HYPERLINK(\"http://evil\")", null, -1),
                List.of("@SUM(1,2)", "regel 1\nregel 2", new BigDecimal("2.50"))));
        assertEquals("naam,omschrijving,aantal\r\n"
                + "\"Zorg, en zo\",\"zei \"\"hallo\"\"\",3\r\n"
                + "\"'=HYPERLINK(\"\"http://evil\"\")\",,-1\r\n"
                + "\"'@SUM(1,2)\",\"regel 1\nregel 2\",2.50\r\n", csv);
    }

    @Test
    void headerOnlyWhenNoRows() {
        assertEquals("a,b\r\n", Csv.write(List.of("a", "b"), List.of()));
    }
}

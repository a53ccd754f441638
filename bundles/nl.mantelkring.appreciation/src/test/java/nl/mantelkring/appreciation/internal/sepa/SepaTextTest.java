package nl.mantelkring.appreciation.internal.sepa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SepaTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Jérôme Müller-Lüdenscheidt | Jerome Muller-Ludenscheidt",
        "Straße 12                  | Strasse 12",
        "ĳsbrand van der Ĳssel      | ijsbrand van der IJssel",
        "Søren Ærø                  | Soren AEro",
        "Zoë & Daniël               | Zoe + Daniel",
        "Łukasz Żółć                | Lukasz Zolc",
        "Ça coûte 5€ «net»          | Ca coute 5 net",
        "O’Brien – de Vries         | O'Brien - de Vries",
        "Mantelzorg@Zaanstad_nl!    | Mantelzorg Zaanstad nl",
        "ﬁnale ＡＢＣ½                | finale ABC1 2",
        "Þór Guðmundsson            | THor Gudmundsson",
    })
    void transliteratesToTheSepaLatinSet(String in, String expected) {
        assertEquals(expected, SepaText.latin(in, 70));
    }

    @Test
    void collapsesWhitespaceAndControlCharacters() {
        assertEquals("Jose Garcia", SepaText.latin("  José\tGarcía\n\u00a0 ", 70));
        assertEquals("a b", SepaText.latin("a 😀 b", 70));
    }

    @Test
    void keepsCleanTextUnchanged() {
        String s = "Gemeente Zaanstad (afdeling WMO) / ref: 2026-11, 'test' + ?";
        assertEquals(s, SepaText.latin(s, 140));
    }

    @Test
    void truncatesToTheFieldMaximumAndTrims() {
        String name = "Mevrouw Alexandra Wilhelmina Catharina van den Heuvel-Oppenheimer tot Zuylen";
        assertEquals(76, name.length());
        assertEquals("Mevrouw Alexandra Wilhelmina Catharina van den Heuvel-Oppenheimer tot", SepaText.name(name, "n"));
        // the cut at 70 falls right after a space: no trailing space remains
        assertEquals("ab", SepaText.latin("ab cd", 3));
        String ustrd = "é".repeat(150);
        assertEquals("e".repeat(140), SepaText.remittance(ustrd));
    }

    @Test
    void nameWithNothingLeftIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SepaText.name("李小龙", "Creditor name"));
        assertEquals("Creditor name has no characters left in the SEPA character set: '李小龙'", e.getMessage());
        assertNull(SepaText.remittance("   "));
        assertNull(SepaText.remittance(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abc", "abc/", "a//b", "with space", "abc_def", "é", "123456789012345678901234567890123456"})
    void invalidIdsAreRefused(String id) {
        assertThrows(IllegalArgumentException.class, () -> SepaText.id(id, "EndToEndId"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MKW-2026-1", "a/b", "A1:(x).y,'z'+?", "12345678901234567890123456789012345"})
    void validIdsAreAccepted(String id) {
        assertEquals(id, SepaText.id(id, "EndToEndId"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-1.00", "10.005", "1000000000.00", "0.001"})
    void invalidAmountsAreRefused(String amount) {
        assertThrows(IllegalArgumentException.class, () -> SepaText.amount(new BigDecimal(amount), "amount"));
    }

    @Test
    void amountsGetExactlyTwoDecimals() {
        assertEquals("250.00", SepaText.amount(new BigDecimal("250"), "a").toPlainString());
        assertEquals("10.50", SepaText.amount(new BigDecimal("10.500"), "a").toPlainString());
        assertEquals("0.01", SepaText.amount(new BigDecimal("0.01"), "a").toPlainString());
        assertEquals("999999999.99", SepaText.amount(new BigDecimal("999999999.99"), "a").toPlainString());
    }

    @Test
    void ibansAreNormalisedAndCheckDigitsVerified() {
        assertEquals("NL91ABNA0417164300", SepaText.iban("nl91 abna 0417 1643 00", "IBAN"));
        assertThrows(IllegalArgumentException.class, () -> SepaText.iban("NL92ABNA0417164300", "IBAN"));
        assertThrows(IllegalArgumentException.class, () -> SepaText.iban("NL91-ABNA", "IBAN"));
        assertEquals(SepaTestData.iban("RABO", 123), SepaText.iban(SepaTestData.iban("RABO", 123), "IBAN"));
    }

    @Test
    void bicsAreOptionalButChecked() {
        assertNull(SepaText.bic(null, "BIC"));
        assertNull(SepaText.bic(" ", "BIC"));
        assertEquals("RABONL2U", SepaText.bic("rabonl2u", "BIC"));
        assertEquals("INGBNL2AXXX", SepaText.bic("INGBNL2AXXX", "BIC"));
        assertThrows(IllegalArgumentException.class, () -> SepaText.bic("RABO NL2U", "BIC"));
        assertThrows(IllegalArgumentException.class, () -> SepaText.bic("RABONL2", "BIC"));
    }

    @Test
    void transferNormalisesItsFields() {
        Transfer t = new Transfer("MKW-1", new BigDecimal("250"), "Zoë Çelik", "nl91abna0417164300", null,
                "Waardering 2026 – dank je wel!");
        assertEquals("250.00", t.amount().toPlainString());
        assertEquals(25000, t.cents());
        assertEquals("Zoe Celik", t.creditorName());
        assertEquals("NL91ABNA0417164300", t.creditorIban());
        assertEquals("Waardering 2026 - dank je wel", t.remittance());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Transfer("MKW-2", new BigDecimal("-5"), "X", "NL91ABNA0417164300", null, null));
        assertEquals("Transfer MKW-2: amount must be more than 0: -5", e.getMessage());
    }
}

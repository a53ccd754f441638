package nl.mantelkring.registration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;

class ValidationTest {

    private static List<String> fields(Validation v) {
        ProblemException e = assertThrows(ProblemException.class, v::throwIfInvalid);
        assertEquals(400, e.status());
        return e.violations().stream().map(FieldViolation::field).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"111222333", "123456782", "999990019"})
    void elevenTestAcceptsValidBsns(String bsn) {
        // 111222333: 9+8+7+2*(6+5+4)... = 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66 = 6*11
        assertTrue(Validation.isValidBsn(bsn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"111222334", "12345678", "1234567820", "12345678a", "000000000", " 11122233"})
    void elevenTestRefusesOthers(String bsn) {
        assertFalse(Validation.isValidBsn(bsn));
    }

    @Test
    void bsnViolationNamesTheFieldAndNeverTheValue() {
        Validation v = new Validation();
        assertNull(v.bsn("bsn", "111222334"));
        ProblemException e = assertThrows(ProblemException.class, v::throwIfInvalid);
        assertEquals("bsn", e.violations().get(0).field());
        assertFalse(e.violations().get(0).reason().contains("111222334"));
    }

    @Test
    void postcodesAreNormalisedToFourDigitsSpaceTwoCapitals() {
        Validation v = new Validation();
        assertEquals("3511 AB", v.postcode("a", "3511ab", true));
        assertEquals("3511 AB", v.postcode("a", " 3511 Ab ", true));
        assertEquals("1000 AA", v.postcode("a", "1000AA", true));
        assertTrue(v.ok());
        assertNull(v.postcode("b", "0511 AB", true));   // first digit not 0
        assertNull(v.postcode("c", "351 AB", true));
        assertNull(v.postcode("d", "3511 A1", true));
        assertNull(v.postcode("e", "3511  AB", true));
        assertNull(v.postcode("f", "1234 SS", true));   // not issued by PostNL
        assertNull(v.postcode("g", "1234 sa", true));
        assertNull(v.postcode("h", "1234SD", true));
        assertEquals(List.of("b", "c", "d", "e", "f", "g", "h"), fields(v));
    }

    @Test
    void textWithControlCharactersIsRefused() {
        Validation v = new Validation();
        assertEquals("Jan", v.text("a", " Jan ", 100, true));
        assertTrue(v.ok());
        v.text("b", "Jan\u0000", 100, true);
        v.text("c", "\u001b[31mJan", 100, true);
        v.text("d", "Jan\nde Vries", 100, true);
        assertEquals(List.of("b", "c", "d"), fields(v));
    }

    @Test
    void ibanIsCheckedOnCheckDigitsAndLengthPerCountry() {
        Validation v = new Validation();
        assertEquals("NL91ABNA0417164300", v.iban("iban", "NL91 ABNA 0417 1643 00"));
        assertEquals("DE89370400440532013000", v.iban("iban", "de89370400440532013000"));
        assertTrue(v.ok());
        assertNull(v.iban("a", "NL92ABNA0417164300"));   // check digits
        assertNull(v.iban("b", "NL91ABNA041716430"));    // one short for NL (18)
        assertNull(v.iban("c", "XX91ABNA0417164300"));   // no such country
        assertEquals(List.of("a", "b", "c"), fields(v));
    }

    @Test
    void emailPhoneAndHours() {
        Validation v = new Validation();
        assertEquals("a.b@example.nl", v.email("ok", " a.b@example.nl "));
        assertEquals("+31612345678", v.phone("ok", "+31 6-1234 5678"));
        assertEquals("0301234567", v.phone("ok", "030 123 45 67"));
        v.hoursPerWeek("ok", new BigDecimal("8.5"));
        v.hoursPerWeek("ok", BigDecimal.ZERO);
        v.hoursPerWeek("ok", new BigDecimal("168"));
        assertTrue(v.ok());
        v.email("e1", "geen-apenstaartje.nl");
        v.email("e2", "a@b");
        v.phone("p1", "12ab");
        v.hoursPerWeek("h1", new BigDecimal("168.5"));
        v.hoursPerWeek("h2", new BigDecimal("-1"));
        v.hoursPerWeek("h3", new BigDecimal("8.25"));
        v.hoursPerWeek("h4", null);
        assertEquals(List.of("e1", "e2", "p1", "h1", "h2", "h3", "h4"), fields(v));
    }

    @Test
    void datesMustBePlausible() {
        LocalDate today = LocalDate.of(2026, 11, 23);
        Validation v = new Validation();
        v.birthDate("ok", LocalDate.of(1950, 1, 1), today);
        v.birthDate("ok", LocalDate.of(2016, 11, 23), today);          // exactly 10: a young caregiver
        v.pastDate("ok", today, today, true);
        assertTrue(v.ok());
        v.birthDate("future", today.plusDays(1), today);
        v.birthDate("old", LocalDate.of(1900, 1, 1), today);
        v.birthDate("toddler", LocalDate.of(2024, 1, 1), today);
        v.pastDate("since", today.plusDays(1), today, true);
        v.pastDate("missing", null, today, true);
        assertEquals(List.of("future", "old", "toddler", "since", "missing"), fields(v));
    }

    @Test
    void codesListWhatIsAllowed() {
        Validation v = new Validation();
        v.code("relatie", "partner", Codes.RELATIONS, true);
        assertTrue(v.ok());
        v.code("relatie", "Partner", Codes.RELATIONS, true);
        ProblemException e = assertThrows(ProblemException.class, v::throwIfInvalid);
        assertTrue(e.violations().get(0).reason().contains("ander-familielid"));
    }

    @Test
    void masking() {
        assertEquals("******333", Model.maskBsn("111222333"));
        assertEquals("NL************4300", Model.maskIban("NL91ABNA0417164300"));
        assertNull(Model.maskBsn(null));
        assertEquals("jose van der berg", Model.normalise("  José van der  Berg "));
    }
}

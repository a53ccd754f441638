package nl.mantelkring.platform.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PostcodeTest {

    @ParameterizedTest
    @CsvSource({"1234 AB,1234 AB", "1234AB,1234 AB", "1234 ab,1234 AB", "1234ab,1234 AB", "'  3511 AB ',3511 AB",
        "9999 ZZ,9999 ZZ", "1000 AA,1000 AA", "1234 SB,1234 SB", "1234 AS,1234 AS", "1234 sc,1234 SC"})
    void normalisesIssuedPostcodes(String in, String normal) {
        assertEquals(normal, Postcode.normalise(in));
        assertTrue(Postcode.isValid(in));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0123 AB", "0999AB", "1234 SA", "1234 SS", "1234 SD", "1234sa", "1234 ss", "1234 sd",
        "1234  AB", "1234\tAB", "12 34 AB", "1234 A B", "123 AB", "12345 AB", "1234 ABC", "1234 A", "1234",
        "AB 1234", "1234-AB", "1234 Ä1", "1234 ÄB", "１２３４ AB", "1234 AB\u0000", " "})
    void refusesWhatPostNlDoesNotIssue(String in) {
        assertNull(Postcode.normalise(in));
        assertFalse(Postcode.isValid(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000", "1011", "3511", "9999"})
    void acceptsPostcodeAreas(String in) {
        assertTrue(Postcode.isPc4(in));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0999", "0123", "999", "10000", "1011 AB", " 1011", "1011 ", "10a1", "１０１１"})
    void refusesAnythingElseAsArea(String in) {
        assertFalse(Postcode.isPc4(in));
    }
}

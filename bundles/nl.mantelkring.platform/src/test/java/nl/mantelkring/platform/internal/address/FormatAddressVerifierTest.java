package nl.mantelkring.platform.internal.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.address.Address;
import nl.mantelkring.platform.api.address.AddressVerdict;

class FormatAddressVerifierTest {

    private final FormatAddressVerifier verifier = new FormatAddressVerifier();

    private AddressVerdict verify(String street, Integer number, String addition, String postcode, String city) {
        return verifier.verify("GM0363", new Address(street, number, addition, postcode, city));
    }

    private static List<String> fields(AddressVerdict v) {
        return v.problems().stream().map(FieldViolation::field).toList();
    }

    @Test
    void validAddressIsNormalised() {
        AddressVerdict v = verify("  Kalverstraat ", 12, " a ", "1012AB", " Amsterdam ");
        assertTrue(v.valid());
        assertTrue(v.problems().isEmpty());
        assertEquals(new Address("Kalverstraat", 12, "A", "1012 AB", "Amsterdam"), v.normalised());
    }

    @Test
    void postcodeWithSpaceKeepsNormalForm() {
        AddressVerdict v = verify("Oudegracht", 1, null, "3511 AB", "Utrecht");
        assertTrue(v.valid());
        assertEquals("3511 AB", v.normalised().postcode());
        assertNull(v.normalised().addition());
    }

    @Test
    void lowercasePostcodeIsAccepted() {
        AddressVerdict v = verify("Oudegracht", 1, null, " 1234ab ", "Utrecht");
        assertTrue(v.valid(), () -> v.problems().toString());
        assertEquals("1234 AB", v.normalised().postcode());
    }

    @Test
    void blankAdditionBecomesNull() {
        AddressVerdict v = verify("Oudegracht", 1, "   ", "3511AB", "Utrecht");
        assertTrue(v.valid());
        assertNull(v.normalised().addition());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0123AB", "0123 AB", "123AB", "12345AB", "1234A", "1234ABC", "1234  AB", "1234-AB",
        "AB1234", "1234 A1", "１２３４AB"})
    void invalidPostcodeNamesPostcode(String postcode) {
        AddressVerdict v = verify("Oudegracht", 1, null, postcode, "Utrecht");
        assertFalse(v.valid());
        assertNull(v.normalised());
        assertEquals(List.of("postcode"), fields(v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234SA", "1234 SD", "1234ss", "9999 SS"})
    void forbiddenLetterPairsAreRejected(String postcode) {
        AddressVerdict v = verify("Oudegracht", 1, null, postcode, "Utrecht");
        assertFalse(v.valid());
        assertEquals(List.of("postcode"), fields(v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234SB", "1234 AS", "1234 DS", "1234 SZ"})
    void neighbouringLetterPairsAreFine(String postcode) {
        assertTrue(verify("Oudegracht", 1, null, postcode, "Utrecht").valid());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void missingStreetNamesStraat(String street) {
        AddressVerdict v = verify(street, 1, null, "3511AB", "Utrecht");
        assertFalse(v.valid());
        assertEquals(List.of("straat"), fields(v));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void missingCityNamesWoonplaats(String city) {
        AddressVerdict v = verify("Oudegracht", 1, null, "3511AB", city);
        assertFalse(v.valid());
        assertEquals(List.of("woonplaats"), fields(v));
    }

    @Test
    void overlongStreetAndCity() {
        assertTrue(verify("s".repeat(100), 1, null, "3511AB", "c".repeat(80)).valid());
        AddressVerdict v = verify("s".repeat(101), 1, null, "3511AB", "c".repeat(81));
        assertEquals(List.of("straat", "woonplaats"), fields(v));
    }

    @Test
    void houseNumberBounds() {
        assertTrue(verify("Oudegracht", 1, null, "3511AB", "Utrecht").valid());
        assertTrue(verify("Oudegracht", 99999, null, "3511AB", "Utrecht").valid());
        for (Integer n : new Integer[] {null, 0, -1, 100000}) {
            AddressVerdict v = verify("Oudegracht", n, null, "3511AB", "Utrecht");
            assertFalse(v.valid(), "huisnummer " + n);
            assertEquals(List.of("huisnummer"), fields(v), "huisnummer " + n);
        }
    }

    @Test
    void additionFormat() {
        assertTrue(verify("Oudegracht", 1, "bis", "3511AB", "Utrecht").valid());
        assertEquals("2-HS", verify("Oudegracht", 1, "2-hs", "3511AB", "Utrecht").normalised().addition());
        assertTrue(verify("Oudegracht", 1, "ABCDEF", "3511AB", "Utrecht").valid());
        for (String bad : new String[] {"ABCDEFG", "a b", "1/2", "é"}) {
            AddressVerdict v = verify("Oudegracht", 1, bad, "3511AB", "Utrecht");
            assertEquals(List.of("huisnummertoevoeging"), fields(v), "toevoeging " + bad);
        }
    }

    @Test
    void everyProblemIsReportedWithItsDutchFieldAndAMessage() {
        AddressVerdict v = verify(null, 0, "toolongaddition", "0123SA", "");
        assertFalse(v.valid());
        assertNull(v.normalised());
        assertEquals(List.of("straat", "huisnummer", "huisnummertoevoeging", "postcode", "woonplaats"), fields(v));
        v.problems().forEach(p -> assertFalse(p.reason().isBlank(), p.field()));
    }
}
